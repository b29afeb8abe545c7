package graph

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"unsafe"
)

// FactPage is one page of the facts a filter selects.
type FactPage struct {
	Facts []Fact
	PageInfo
}

// FactsPage returns one page of what EachFact gives for the filter f, in
// the same order. A cursor holds the place of its fact (subject, predicate,
// object or text, and label), so a page starts with a binary search among
// the subjects and then among the facts of its first subject, however deep
// it lies; it reads the facts of the subjects it spans and passes over
// those the filter does not select. The subjects in order, the facts of a
// subject with many in order, and the count of what a filter selects are
// kept until a write changes them (see pageCache). HasPrevious is true for
// every page read after a cursor.
func (s *Store) FactsPage(ctx context.Context, f Filter, p Page) (FactPage, error) {
	first, err := p.size()
	if err != nil {
		return FactPage{}, err
	}
	var out FactPage
	err = s.read(ctx, func(x *index) error {
		subjects := x.subjects()
		i, j := 0, 0 // the first subject to read, and its first fact
		if p.After != "" {
			after, err := parseFactCursor(p.After)
			if err != nil {
				return err
			}
			var found bool
			if i, found = slices.BinarySearch(subjects, after.subject); found {
				j, found = slices.BinarySearchFunc(x.subjectFacts(after.subject), after, x.compareEdges)
				if found {
					j++
				}
			}
		}
		var edges []edge
		for ; i < len(subjects) && len(edges) <= first; i, j = i+1, 0 {
			if i%1024 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			if !f.mayState(x, subjects[i]) {
				continue
			}
			for _, e := range x.subjectFacts(subjects[i])[j:] {
				if f.selects(x, e) {
					if edges = append(edges, e); len(edges) > first {
						break
					}
				}
			}
		}
		out = FactPage{PageInfo: PageInfo{HasPrevious: p.After != "", HasNext: len(edges) > first, Total: x.countFacts(f)}}
		edges = edges[:min(first, len(edges))]
		out.Facts, out.Cursors = make([]Fact, len(edges)), make([]string, len(edges))
		for k, e := range edges {
			out.Facts[k], out.Cursors[k] = x.fact(e), factCursor(e)
		}
		return nil
	})
	return out, err
}

// subjects returns the id of every subject of a fact, sorted.
func (x *index) subjects() []ID {
	return cached(x, subjectsKind.of("", Scope{}), func() []ID {
		var ids []ID
		for t := range x.out.each() {
			ids = append(ids, ID(x.termString(t)))
		}
		slices.Sort(ids)
		return ids
	})
}

// subjectFacts returns the facts of the subject id in EachFact's order.
// Callers must not change the list.
func (x *index) subjectFacts(id ID) []edge {
	return cached(x, subjectFactsKind.of(id, Scope{}), func() []edge {
		es := slices.Collect(x.outEdges(id))
		slices.SortFunc(es, x.compareEdges)
		return es
	})
}

// mayState reports whether the filter may select facts of the subject id:
// false when the subject is not of its categories or has no fact of its
// predicates, which a binary search in the subject's list tells.
func (f Filter) mayState(x *index, id ID) bool {
	if !f.category(x, id) {
		return false
	}
	if len(f.Predicates) == 0 {
		return true
	}
	return slices.ContainsFunc(f.Predicates, func(p Predicate) bool {
		n, ok := x.predOf[p]
		return ok && (len(run(x.outList(id), n)) > 0 || len(run(x.outList(id), n|textBit)) > 0)
	})
}

// countFacts returns how many facts the filter f selects, counted once
// between writes.
func (x *index) countFacts(f Filter) int {
	n := listName{kind: factCountKind, scope: fmt.Sprint(f.Sources, f.Categories, f.Predicates)}
	if c, ok := x.pages.get(n); ok {
		return c.(int)
	}
	count := 0
	for e := range x.allEdges() {
		if f.selects(x, e) {
			count++
		}
	}
	x.pages.keep(n, count, int(unsafe.Sizeof(count)))
	return count
}

// factCursor returns the cursor of the fact e: its place in EachFact's
// order.
func factCursor(e edge) string {
	b, _ := json.Marshal([]string{string(e.subject), string(e.predicate), string(e.object), e.text, string(e.ann)})
	return base64.RawURLEncoding.EncodeToString(b)
}

// parseFactCursor reads a cursor of factCursor back into its fact.
func parseFactCursor(c string) (edge, error) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	var parts []string
	if err == nil {
		err = json.Unmarshal(b, &parts)
	}
	if err != nil || len(parts) != 5 || parts[0] == "" || parts[1] == "" || (parts[2] == "") == (parts[3] == "") {
		return edge{}, fmt.Errorf("graph: cursor %q: %w", c, ErrInvalid)
	}
	return edge{subject: ID(parts[0]), predicate: Predicate(parts[1]), object: ID(parts[2]), text: parts[3], ann: ID(parts[4])}, nil
}
