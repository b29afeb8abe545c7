package graph

import (
	"cmp"
	"iter"
	"slices"
)

// The index keeps each fact twice, in the list of its subject (out) and in
// that of its object node (in), as a half: the other end, the predicate and
// the label, each a small number. A half holds no pointer, so a list is one
// block the garbage collector never scans, and a fact costs its two halves
// whatever the length of its strings. The strings themselves are terms,
// kept once in x.terms.
//
// A write appends halves to the lists of the nodes it names; refresh then
// sorts and deduplicates those lists (and only those) and trims them to
// their length, so that between writes every list is sorted and a fact is
// found by binary search.

// half is one fact as the list of one of its ends holds it, in eight
// bytes.
type half struct {
	other uint32 // the term of the other end, or of the text of a text fact
	key   uint32 // the fact's label number (see label) times 256, plus its predicate's number, with textBit for a text fact
}

// textBit marks a half whose other end is text, not a node.
const textBit = 1 << 7

// newHalf returns the half of the other end's term, the predicate number p
// (with textBit for a text fact) and the label number ann.
func newHalf(other uint32, p uint16, ann uint32) half {
	return half{other: other, key: ann<<8 | uint32(p)}
}

// pred returns the number of the half's predicate, with textBit for a
// text fact.
func (h half) pred() uint16 { return uint16(h.key & 0xff) }

// ann returns the number of the half's label.
func (h half) ann() uint32 { return h.key >> 8 }

func compareHalves(a, b half) int {
	return cmp.Or(cmp.Compare(a.pred(), b.pred()), cmp.Compare(a.other, b.other), cmp.Compare(a.ann(), b.ann()))
}

// label returns the number of the label whose term is t, giving it one if
// it has none. Labels are numbered apart from terms, so that a half has
// room for the predicate beside the label: a graph has few labels.
func (x *index) label(t uint32) uint32 {
	if n, ok := x.labelOf[t]; ok {
		return n
	}
	n := uint32(len(x.labels))
	if n >= 1<<24 {
		panic("graph: more than 16777215 fact labels")
	}
	x.labels = append(x.labels, t)
	x.labelOf[t] = n
	return n
}

// term returns the number of the string s, giving it one if it has none.
// Term 0 is the empty string.
func (x *index) term(s string) uint32 {
	if n, ok := x.termOf[s]; ok {
		return n
	}
	n := uint32(len(x.terms))
	x.terms = append(x.terms, s)
	x.termOf[s] = n
	return n
}

// intern returns the index's copy of s.
func (x *index) intern(s string) string { return x.terms[x.term(s)] }

// predicate returns the number of the predicate p, giving it one if it has
// none.
func (x *index) predicate(p Predicate) uint16 {
	if n, ok := x.predOf[p]; ok {
		return n
	}
	n := uint16(len(x.preds))
	if n >= textBit {
		panic("graph: more than 127 predicates") // the vocabulary has a few dozen
	}
	x.preds = append(x.preds, p)
	x.predOf[p] = n
	return n
}

// halves returns the halves of the edge e as its subject's list and its
// object's list hold them; the second is unused for a text fact.
func (x *index) halves(e edge) (out, in half) {
	p, ann := x.predicate(e.predicate), x.label(x.term(string(e.ann)))
	if e.object == "" {
		return newHalf(x.term(e.text), p|textBit, ann), half{}
	}
	return newHalf(x.term(string(e.object)), p, ann), newHalf(x.term(string(e.subject)), p, ann)
}

// addEdge appends the edge e to the lists of its ends. It may add a fact the
// index has: refresh removes the copy.
func (x *index) addEdge(e edge) {
	out, in := x.halves(e)
	x.appendHalf(&x.out, x.term(string(e.subject)), out, dirtyOut)
	x.facts++
	if e.object != "" {
		x.appendHalf(&x.in, x.term(string(e.object)), in, dirtyIn)
	}
}

// The marks of a term whose out or in list a write has appended to since
// the last compaction.
const (
	dirtyOut = 1 << iota
	dirtyIn
)

// appendHalf appends h to the list of the term t in lists and marks the
// list dirty.
func (x *index) appendHalf(lists *[][]half, t uint32, h half, mark uint8) {
	if n := int(t) + 1; n > len(*lists) {
		*lists = slices.Grow(*lists, n-len(*lists))[:n]
	}
	(*lists)[t] = append((*lists)[t], h)
	x.markDirty(t, mark)
}

// markDirty marks the list of the term t that mark names as written to
// since the last compaction.
func (x *index) markDirty(t uint32, mark uint8) {
	if n := int(t) + 1; n > len(x.marks) {
		x.marks = slices.Grow(x.marks, n-len(x.marks))[:n]
	}
	if x.marks[t] == 0 {
		x.dirty = append(x.dirty, t)
	}
	x.marks[t] |= mark
}

// list returns the list of the term t in lists, or nil.
func list(lists [][]half, t uint32) []half {
	if int(t) < len(lists) {
		return lists[t]
	}
	return nil
}

// outList returns the facts of the node id as their subject.
func (x *index) outList(id ID) []half {
	t, ok := x.termOf[string(id)]
	if !ok {
		return nil
	}
	return list(x.out, t)
}

// inList returns the facts of the node id as their object.
func (x *index) inList(id ID) []half {
	t, ok := x.termOf[string(id)]
	if !ok {
		return nil
	}
	return list(x.in, t)
}

// hasEdge reports whether the index holds the edge e.
func (x *index) hasEdge(e edge) bool {
	subj, ok0 := x.termOf[string(e.subject)]
	list := list(x.out, subj)
	p, ok := x.predOf[e.predicate]
	ann, ok2 := x.labelOf[x.termOf[string(e.ann)]]
	other, ok3 := x.termOf[string(e.object)]
	if e.object == "" {
		other, ok3 = x.termOf[e.text]
		p |= textBit
	}
	if !ok0 || !ok || !ok2 || !ok3 || len(list) == 0 {
		return false
	}
	h := newHalf(other, p, ann)
	if int(subj) < len(x.marks) && x.marks[subj]&dirtyOut != 0 {
		return slices.Contains(list, h)
	}
	_, found := slices.BinarySearchFunc(list, h, compareHalves)
	return found
}

// dirtyIDs returns the nodes whose lists of the mark a write has appended
// to since the last compaction.
func (x *index) dirtyIDs(mark uint8) []ID {
	var ids []ID
	for _, t := range x.dirty {
		if x.marks[t]&mark != 0 {
			ids = append(ids, ID(x.terms[t]))
		}
	}
	return ids
}

// compact sorts and deduplicates the lists written to since the last
// compaction and trims each to its length.
func (x *index) compact() {
	for _, t := range x.dirty {
		if x.marks[t]&dirtyOut != 0 {
			n := len(x.out[t])
			x.out[t] = tidy(x.out[t])
			x.facts -= n - len(x.out[t])
		}
		if x.marks[t]&dirtyIn != 0 {
			x.in[t] = tidy(x.in[t])
		}
		x.marks[t] = 0
	}
	x.dirty = nil
}

// tidy sorts and deduplicates a list and trims it to its length: most
// lists are written once, and a write to one costs a pass over it anyway.
func tidy(list []half) []half {
	if !slices.IsSortedFunc(list, compareHalves) {
		slices.SortFunc(list, compareHalves)
	}
	list = slices.Compact(list)
	if cap(list) > len(list) {
		list = slices.Clone(list)
	}
	return list
}

// edge returns the edge that the half h of id's list holds: id is its
// subject in an out list, its object in an in list.
func (x *index) edge(id ID, h half, out bool) edge {
	e := edge{predicate: x.preds[h.pred()&^textBit], ann: ID(x.terms[x.labels[h.ann()]])}
	switch {
	case !out:
		e.subject, e.object = ID(x.terms[h.other]), id
	case h.pred()&textBit != 0:
		e.subject, e.text = id, x.terms[h.other]
	default:
		e.subject, e.object = id, ID(x.terms[h.other])
	}
	return e
}

// outEdges yields the edges whose subject is id.
func (x *index) outEdges(id ID) iter.Seq[edge] {
	return x.listEdges(id, x.outList(id), true)
}

// inEdges yields the edges whose object is the node id.
func (x *index) inEdges(id ID) iter.Seq[edge] {
	return x.listEdges(id, x.inList(id), false)
}

// edgesOf yields the edges whose subject is id, or with reverse whose
// object is id.
func (x *index) edgesOf(id ID, reverse bool) iter.Seq[edge] {
	if reverse {
		return x.inEdges(id)
	}
	return x.outEdges(id)
}

func (x *index) listEdges(id ID, list []half, out bool) iter.Seq[edge] {
	return func(yield func(edge) bool) {
		for _, h := range list {
			if !yield(x.edge(id, h, out)) {
				return
			}
		}
	}
}

// allEdges yields every edge, in no order.
func (x *index) allEdges() iter.Seq[edge] {
	return func(yield func(edge) bool) {
		for t, list := range x.out {
			for _, h := range list {
				if !yield(x.edge(ID(x.terms[t]), h, true)) {
					return
				}
			}
		}
	}
}

// degree returns how many facts name the node id.
func (x *index) degree(id ID) int { return len(x.outList(id)) + len(x.inList(id)) }

// run returns the halves of the predicate numbered p in a sorted list,
// which are sorted by their other end.
func run(list []half, p uint16) []half {
	from, _ := slices.BinarySearchFunc(list, p, func(h half, p uint16) int { return cmp.Compare(h.pred(), p) })
	to, _ := slices.BinarySearchFunc(list[from:], p+1, func(h half, p uint16) int { return cmp.Compare(h.pred(), p) })
	return list[from : from+to]
}

// recOf returns the node id, or nil.
func (x *index) recOf(id ID) *nodeRec {
	if t, ok := x.termOf[string(id)]; ok {
		return x.rec(t)
	}
	return nil
}

// allNodes yields every node, in no order.
func (x *index) allNodes() iter.Seq[*nodeRec] {
	return func(yield func(*nodeRec) bool) {
		for _, n := range x.recs {
			if n != nil && !yield(n) {
				return
			}
		}
	}
}

// nodeIDs returns the id of every node, sorted.
func (x *index) nodeIDs() []ID {
	ids := make([]ID, 0, x.nodeCount)
	for n := range x.allNodes() {
		ids = append(ids, n.id)
	}
	slices.Sort(ids)
	return ids
}

// rec returns the node of the term t, or nil.
func (x *index) rec(t uint32) *nodeRec {
	if int(t) < len(x.recs) {
		return x.recs[t]
	}
	return nil
}

// propPredicates are the predicates of node property quads, numbered by
// their place.
var propPredicates = []Predicate{hasCategory, hasName, hasSynonym, hasXref, hasDesc}

// nodeProp is one property quad of a node, as its record keeps it: no
// pointer, so a node's quads are one block the garbage collector never
// scans.
type nodeProp struct {
	value uint32 // the place of the value in x.vals
	ann   uint32 // the term of the label
	pred  uint8  // the place of the predicate in propPredicates
}

// The places in propPredicates of the predicates that node records look for.
const (
	namePred = 1
	descPred = 4
)

func propNumber(p Predicate) uint8 { return uint8(slices.Index(propPredicates, p)) }

// hasProp reports whether the index holds the property quad p.
func (x *index) hasProp(p prop) bool {
	n, ann := x.recOf(p.node), x.termOf[string(p.ann)]
	return n != nil && slices.ContainsFunc(n.props, func(np nodeProp) bool {
		return np.ann == ann && propPredicates[np.pred] == p.predicate && x.vals[np.value] == p.value
	})
}

// eachProp yields every property quad of every node, in no order.
func (x *index) eachProp() iter.Seq[prop] {
	return func(yield func(prop) bool) {
		for n := range x.allNodes() {
			for _, np := range n.props {
				if !yield(prop{n.id, propPredicates[np.pred], x.vals[np.value], ID(x.terms[np.ann])}) {
					return
				}
			}
		}
	}
}
