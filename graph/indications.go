package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
)

// Indication is a condition a drug is used for, with how firmly.
type Indication struct {
	Drug        Node
	Condition   Node
	Status      Status
	Description string
	Sources     []Provenance
}

// Indications returns the conditions the drug id treats, ordered by status
// and then by name. A non-empty statuses keeps only those statuses.
func (s *Store) Indications(ctx context.Context, id ID, statuses ...Status) ([]Indication, error) {
	return s.indications(ctx, id, statuses, false)
}

// Treatments returns the drugs that treat the condition id, ordered by status
// and then by drug name. A non-empty statuses keeps only those statuses.
func (s *Store) Treatments(ctx context.Context, id ID, statuses ...Status) ([]Indication, error) {
	return s.indications(ctx, id, statuses, true)
}

func (s *Store) indications(ctx context.Context, id ID, statuses []Status, reverse bool) ([]Indication, error) {
	var out []Indication
	err := s.read(ctx, func(x *index) error {
		if x.nodes[id] == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		type key struct {
			drug, condition ID
			status          Status
		}
		groups := map[key][]ID{}
		edges := x.out[id]
		if reverse {
			edges = x.in[id]
		}
		for _, e := range edges {
			if e.predicate != Treats || x.anns[e.ann] == nil {
				continue
			}
			st := Status(x.anns[e.ann].qualifiers[QStatus])
			if len(statuses) > 0 && !slices.Contains(statuses, st) {
				continue
			}
			k := key{e.subject, e.object, st}
			groups[k] = append(groups[k], e.ann)
		}
		for k, anns := range groups {
			drug, cond := x.nodes[k.drug], x.nodes[k.condition]
			if drug == nil || cond == nil {
				continue
			}
			out = append(out, Indication{Drug: drug.node(), Condition: cond.node(), Status: k.status,
				Description: x.firstQualifier(anns, QDescription), Sources: x.provenances(anns)})
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Status != out[j].Status {
				return slices.Index(Statuses, out[i].Status) < slices.Index(Statuses, out[j].Status)
			}
			if reverse {
				return lessNode(out[i].Drug, out[j].Drug)
			}
			return lessNode(out[i].Condition, out[j].Condition)
		})
		return nil
	})
	return out, err
}
