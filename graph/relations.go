package graph

import (
	"context"
	"fmt"
	"sort"
)

// Relation is one outgoing edge of a node under a predicate: to another node,
// or to text for a literal predicate; edges to the same end from several
// sources are one Relation.
type Relation struct {
	Node       Node   // the other end; zero for a literal predicate
	Text       string // for a literal predicate
	Qualifiers map[Qualifier]string
	Sources    []Provenance
}

// Relations returns the edges from id under predicate p, ordered by the other
// node's name or by text. Use the typed reads (Effects, Indications,
// Interactions, Classes) for the predicates that have them.
func (s *Store) Relations(ctx context.Context, id ID, p Predicate) ([]Relation, error) {
	var out []Relation
	err := s.read(ctx, func(x *index) error {
		if x.nodes[id] == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		type key struct {
			node ID
			text string
		}
		groups := map[key][]ID{}
		var order []key
		for _, e := range x.out[id] {
			if e.predicate != p {
				continue
			}
			k := key{e.object, e.text}
			if groups[k] == nil {
				order = append(order, k)
			}
			groups[k] = append(groups[k], e.ann)
		}
		for _, k := range order {
			r := Relation{Text: k.text, Sources: x.provenances(groups[k]), Qualifiers: map[Qualifier]string{}}
			if k.node != "" {
				rec := x.nodes[k.node]
				if rec == nil {
					continue
				}
				r.Node = rec.node()
			}
			for _, q := range []Qualifier{QFrequency, QSeverity, QMechanism, QDescription, QStorage, QAction, QContext, QStatus} {
				if v := x.firstQualifier(groups[k], q); v != "" {
					r.Qualifiers[q] = v
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
