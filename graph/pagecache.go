package graph

import (
	"fmt"
	"sync"
	"unsafe"
)

// The page cache keeps the long lists that pages are read from (the
// effects of a hub drug, the drugs of a common effect, a subject's facts)
// sorted in page order, so that a page of such a list costs a binary search
// for its cursor and its own items, not a walk over the node's facts and a
// sort of all of them. A write drops the lists it may change: those of the
// nodes whose facts it adds to, every list that facts of other nodes decide
// too, and every list when it adds or changes a node, which may move that
// node in the name order lists keep. Lists are kept sorted by the ranks of
// their nodes, which only such a write changes.

// The bounds of the page cache.
const (
	// cacheFrom is the length from which a list is kept: a shorter one is
	// made afresh for each page, which then costs what the list does, no
	// more than a page of DefaultPage items.
	cacheFrom = DefaultPage + 1
	// cacheBytes is the most bytes the items of the kept lists take
	// together, not counting what they point to (a group of effects points
	// to 8 bytes for each of its facts); past it, lists are dropped in no
	// order.
	cacheBytes = 8 << 20
)

// pageCache holds the kept lists of an index. Reads, which run together,
// keep lists in it, so it has a lock of its own.
type pageCache struct {
	mu    sync.Mutex
	local map[ID]map[listName]kept // lists that their node's own facts alone decide, by node
	wide  map[listName]kept        // lists that facts of other nodes decide too
	bytes int                      // what the items of the kept lists take together
}

// kept is one kept list: a []E of the list's items, and the bytes they
// take.
type kept struct {
	list  any
	bytes int
}

// listKind is a kind of list that pages are read from.
type listKind struct {
	name string
	wide bool // facts of nodes other than the list's own decide it: any write drops it
}

// The kinds of list that the page cache keeps.
var (
	effectsKind      = listKind{name: "effects"}
	indicationsKind  = listKind{name: "indications"}
	interactionsKind = listKind{name: "interactions", wide: true} // classes imply interactions
	membersKind      = listKind{name: "members", wide: true}      // of subclasses too
	subjectFactsKind = listKind{name: "subject facts"}            // in EachFact's order
	subjectsKind     = listKind{name: "subjects", wide: true}     // every subject, in id order
	factCountKind    = listKind{name: "fact count", wide: true}   // the facts a filter selects
)

// listName names one list: of a kind, at a node, as read in one scope and
// with some switches (reverse, inferred, transitive), in a form that
// compares.
type listName struct {
	id    ID
	kind  listKind
	scope string
}

// of names the list of kind k at the node id, read in the scope sc with
// the switches flags.
func (k listKind) of(id ID, sc Scope, flags ...bool) listName {
	return listName{id: id, kind: k, scope: fmt.Sprint(sc.Sources, sc.Contexts, sc.Statuses, sc.Omit, flags)}
}

// cached returns the list n, kept in x's page cache or else made by build
// and kept there when it is long. The caller holds the store's lock, read
// or write, so no write lands between making a list and keeping it.
func cached[E any](x *index, n listName, build func() []E) []E {
	c := &x.pages
	if l, ok := c.get(n); ok {
		return l.([]E)
	}
	list := build()
	if len(list) >= cacheFrom {
		c.keep(n, list, len(list)*int(unsafe.Sizeof(list[0])))
	}
	return list
}

// get returns the kept list n, if there is one.
func (c *pageCache) get(n listName) (any, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	var k kept
	var ok bool
	if n.kind.wide {
		k, ok = c.wide[n]
	} else {
		k, ok = c.local[n.id][n]
	}
	return k.list, ok
}

// keep keeps list, whose items take so many bytes, as the list n, dropping
// other lists when the cache would hold more than cacheBytes.
func (c *pageCache) keep(n listName, list any, bytes int) {
	if bytes > cacheBytes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.local == nil {
		c.local, c.wide = map[ID]map[listName]kept{}, map[listName]kept{}
	}
	for id, lists := range c.local {
		if c.bytes+bytes <= cacheBytes {
			break
		}
		for _, k := range lists {
			c.bytes -= k.bytes
		}
		delete(c.local, id)
	}
	for name, k := range c.wide {
		if c.bytes+bytes <= cacheBytes {
			break
		}
		c.bytes -= k.bytes
		delete(c.wide, name)
	}
	if n.kind.wide {
		c.bytes -= c.wide[n].bytes
		c.wide[n] = kept{list, bytes}
	} else {
		if c.local[n.id] == nil {
			c.local[n.id] = map[listName]kept{}
		}
		c.bytes -= c.local[n.id][n].bytes
		c.local[n.id][n] = kept{list, bytes}
	}
	c.bytes += bytes
}

// forget drops the lists that a write may have changed: those of the nodes
// whose facts as subject (out) or object (in) it added to, every wide
// list, and with nodes (the write added or changed nodes) every list. It
// runs under the store's write lock, before the index sorts the lists it
// added to.
func (c *pageCache) forget(out, in []ID, nodes bool) {
	if len(out) == 0 && len(in) == 0 && !nodes {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if nodes {
		c.local, c.wide, c.bytes = nil, nil, 0
		return
	}
	for _, k := range c.wide {
		c.bytes -= k.bytes
	}
	clear(c.wide)
	for _, ids := range [][]ID{out, in} {
		for _, id := range ids {
			for _, k := range c.local[id] {
				c.bytes -= k.bytes
			}
			delete(c.local, id)
		}
	}
}
