package graph

import (
	"cmp"
	"context"
	"encoding/base64"
	"fmt"
	"slices"
	"strings"
)

// The bounds of Page.First.
const (
	DefaultPage = 50  // what a zero First means
	MaxPage     = 500 // the most items one page holds
)

// Page asks for one page of a list: the first items after a cursor. The
// cursor holds the sort key of the item the page starts after, so the page
// is found by a binary search, however deep it is, and a page still follows
// its cursor when that item has since gone.
type Page struct {
	First int    // how many items, 1 to MaxPage; zero means DefaultPage
	After string // the cursor of the last item of the page before; empty for the first page
}

// PageInfo is what a page tells of its list.
type PageInfo struct {
	Cursors     []string // the cursor of each item of the page, in order
	HasPrevious bool     // items come before the page
	HasNext     bool     // items come after the page
	Total       int      // how many items the whole list has
}

// sortKey is the place of an item in its list: by the rank of its value
// (a context, a status), then the other end's name and id.
type sortKey struct {
	rank  int
	value string
	name  string
	id    ID
}

func (k sortKey) compare(o sortKey) int {
	return cmp.Or(cmp.Compare(k.rank, o.rank), strings.Compare(k.value, o.value),
		strings.Compare(k.name, o.name), strings.Compare(string(k.id), string(o.id)))
}

// cursor returns the opaque form of k.
func (k sortKey) cursor() string {
	return base64.RawURLEncoding.EncodeToString([]byte(k.value + "\x00" + k.name + "\x00" + string(k.id)))
}

// parseCursor reads a cursor back into a key ranked by order.
func parseCursor[T ~string](c string, order []T) (sortKey, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	parts := strings.Split(string(b), "\x00")
	if err != nil || len(parts) != 3 || parts[2] == "" {
		return sortKey{}, fmt.Errorf("graph: cursor %q: %w", c, ErrInvalid)
	}
	k := sortKey{rank: len(order), value: parts[0], name: parts[1], id: ID(parts[2])}
	if i := slices.Index(order, T(k.value)); i >= 0 {
		k.rank = i
	}
	return k, nil
}

// size returns how many items the page p holds at most.
func (p Page) size() (int, error) {
	switch {
	case p.First == 0:
		return DefaultPage, nil
	case p.First < 1 || p.First > MaxPage:
		return 0, fmt.Errorf("graph: page of %d, not 1 to %d: %w", p.First, MaxPage, ErrInvalid)
	}
	return p.First, nil
}

// paged cuts the page p out of items, sorted by key, whose values rank by
// order.
func paged[E any, T ~string](items []E, key func(E) sortKey, order []T, p Page) ([]E, PageInfo, error) {
	first, err := p.size()
	if err != nil {
		return nil, PageInfo{}, err
	}
	from := 0
	if p.After != "" {
		after, err := parseCursor(p.After, order)
		if err != nil {
			return nil, PageInfo{}, err
		}
		i, found := slices.BinarySearchFunc(items, after, func(e E, k sortKey) int { return key(e).compare(k) })
		if found {
			i++
		}
		from = i
	}
	to := min(from+first, len(items))
	info := PageInfo{Cursors: make([]string, to-from), HasPrevious: from > 0, HasNext: to < len(items), Total: len(items)}
	for i, e := range items[from:to] {
		info.Cursors[i] = key(e).cursor()
	}
	return items[from:to], info, nil
}

// groupPage reads the page p of the groups of the list n that list finds
// in the index, sorted, whose values rank by order, and makes an item of
// each with its evidence, which no group off the page gathers. The items
// of the page share one room.
func groupPage[T ~string, R any](s *Store, ctx context.Context, n listName, p Page, order []T, list func(*index) []group, item func(qualified) R) ([]R, PageInfo, error) {
	var room listRoom
	return readPage(s, ctx, n, p, order, list, group.key, func(x *index, g group) R { return item(x.qualify(g, &room)) })
}

// readPage reads the page p of the list n, which list finds in the index
// sorted by key, whose values rank by order, and makes each of the page's
// items an answer with item: only those items pay for it. A long list is
// found once and kept until a write may change it (see pageCache), so that
// a page of it costs a binary search and its own items.
func readPage[E any, T ~string, R any](s *Store, ctx context.Context, n listName, p Page, order []T, list func(*index) []E, key func(E) sortKey, item func(*index, E) R) ([]R, PageInfo, error) {
	var out []R
	var info PageInfo
	err := s.read(ctx, func(x *index) error {
		if x.recOf(n.id) == nil {
			return fmt.Errorf("graph: node %s: %w", n.id, ErrNotFound)
		}
		es, pi, err := paged(cached(x, n, func() []E { return list(x) }), key, order, p)
		if err != nil {
			return err
		}
		out, info = make([]R, len(es)), pi
		for i, e := range es {
			out[i] = item(x, e)
		}
		return nil
	})
	return out, info, err
}
