package graph

import (
	"context"
	"slices"
	"strings"
)

// Filter selects part of the graph for an export. An empty field selects
// everything. The nodes a selected fact names are always selected, so that
// an export holds both ends of each of its facts.
type Filter struct {
	Sources    []ID        // facts from these sources, the nodes they name, and the nodes those facts name
	Categories []Category  // nodes of these categories, and facts between them
	Predicates []Predicate // facts of these predicates
}

func (f Filter) source(p Provenance) bool {
	return len(f.Sources) == 0 || slices.Contains(f.Sources, p.Source)
}

func (f Filter) category(x *index, id ID) bool {
	if len(f.Categories) == 0 {
		return true
	}
	n := x.recOf(id)
	return n != nil && slices.Contains(f.Categories, n.category)
}

// EachNode calls fn for every node the filter selects, in id order, with
// the provenance of the facts that name it: with a filter of sources, those
// of the filter's sources, or every one for a node that only the selected
// facts name. It holds the store's read lock throughout, so writes wait for
// it; it copies nothing but the sorted ids and the nodes the facts name.
func (s *Store) EachNode(ctx context.Context, f Filter, fn func(Node, []Provenance) error) error {
	return s.read(ctx, func(x *index) error {
		ids := x.nodeIDs()
		named := x.factNodes(f)
		for i, id := range ids {
			if i%1024 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			n := x.recOf(id)
			if !f.category(x, id) {
				continue
			}
			provs := x.provenances(n.labels())
			if len(f.Sources) > 0 {
				own := slices.DeleteFunc(slices.Clone(provs), func(p Provenance) bool { return !f.source(p) })
				switch {
				case len(own) > 0:
					provs = own
				case !named[id]:
					continue
				}
			}
			if err := fn(n.node(), provs); err != nil {
				return err
			}
		}
		return nil
	})
}

// EachFact calls fn for every fact the filter selects, ordered by subject,
// predicate, object, text and then provenance, so that the same graph always
// gives the same sequence. It holds the store's read lock throughout and
// copies only the sorted subject ids and one subject's edges at a time.
func (s *Store) EachFact(ctx context.Context, f Filter, fn func(Fact) error) error {
	return s.read(ctx, func(x *index) error {
		subjects := x.subjects()
		var edges []edge
		for i, subj := range subjects {
			if i%1024 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			edges = slices.AppendSeq(edges[:0], x.outEdges(subj))
			slices.SortFunc(edges, func(a, b edge) int { return x.compareEdges(a, b) })
			for _, e := range edges {
				if len(f.Predicates) > 0 && !slices.Contains(f.Predicates, e.predicate) {
					continue
				}
				if !f.category(x, e.subject) || (e.object != "" && !f.category(x, e.object)) {
					continue
				}
				a := x.anns[e.ann]
				if a == nil || !f.source(a.prov) {
					continue
				}
				if err := fn(x.fact(e)); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// factNodes returns the nodes that the facts a filter of sources selects
// name, which the filter selects too even where its sources do not name
// them; nil for a filter without sources, which selects nodes by category
// alone.
func (x *index) factNodes(f Filter) map[ID]bool {
	if len(f.Sources) == 0 {
		return nil
	}
	named := map[ID]bool{}
	for e := range x.allEdges() {
		if f.selects(x, e) {
			named[e.subject] = true
			if e.object != "" {
				named[e.object] = true
			}
		}
	}
	return named
}

// compareEdges orders the edges of one subject.
func (x *index) compareEdges(a, b edge) int {
	if c := strings.Compare(string(a.predicate), string(b.predicate)); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.object), string(b.object)); c != 0 {
		return c
	}
	if c := strings.Compare(a.text, b.text); c != 0 {
		return c
	}
	if c := compareProvenance(x.prov(a.ann), x.prov(b.ann)); c != 0 {
		return c
	}
	// Same provenance, other qualifiers: the annotation ids, which hash them,
	// still give a fixed order.
	return strings.Compare(string(a.ann), string(b.ann))
}
