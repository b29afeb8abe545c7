package graph

import (
	"context"
	"fmt"
	"sort"
)

// Relation is one outgoing edge of a node under a predicate: to another node,
// or to text for a literal predicate; edges to the same end from several
// sources are one Relation, with every fact behind it.
type Relation struct {
	Node       Node                 // the other end; zero for a literal predicate
	Text       string               // for a literal predicate
	Qualifiers map[Qualifier]string // the values every fact that gives one agrees on
	Sources    []Provenance
	Evidence
}

// Relations returns the edges from id under predicate p, ordered by the other
// node's name or by text. Use the typed reads (Effects, Indications,
// Interactions, Classes) for the predicates that have them.
func (s *Store) Relations(ctx context.Context, id ID, p Predicate) ([]Relation, error) {
	var out []Relation
	err := s.read(ctx, func(x *index) error {
		if x.recOf(id) == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		type key struct {
			node ID
			text string
		}
		groups := map[key][]edge{}
		var order []key
		for e := range x.outEdges(id) {
			if e.predicate != p {
				continue
			}
			k := key{e.object, e.text}
			if groups[k] == nil {
				order = append(order, k)
			}
			groups[k] = append(groups[k], e)
		}
		for _, k := range order {
			ev := x.evidence(groups[k])
			r := Relation{Text: k.text, Sources: ev.Sources(), Qualifiers: map[Qualifier]string{}, Evidence: ev}
			if k.node != "" {
				rec := x.recOf(k.node)
				if rec == nil {
					continue
				}
				r.Node = rec.node()
			}
			for _, f := range ev.Facts {
				for q := range f.Qualifiers {
					if v := ev.Agreed(q); v != "" {
						r.Qualifiers[q] = v
					}
				}
			}
			out = append(out, r)
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Node.ID != out[j].Node.ID {
				return lessNode(out[i].Node, out[j].Node)
			}
			return out[i].Text < out[j].Text
		})
		return nil
	})
	return out, err
}
