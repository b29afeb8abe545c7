package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
)

// Indication is a condition a drug is used for, with how firmly: the facts
// of one drug, condition and status.
type Indication struct {
	Drug        Node
	Condition   Node
	Status      Status // empty when the facts give none
	Description string // as every fact that gives one says it; empty when none does or they differ
	Sources     []Provenance
	Evidence
}

// Indications returns the conditions the drug id treats in scope, ordered
// by status (none last) and then by name.
func (s *Store) Indications(ctx context.Context, id ID, sc Scope) ([]Indication, error) {
	return s.indications(ctx, id, sc, false)
}

// Treatments returns the drugs that treat the condition id in scope,
// ordered by status (none last) and then by drug name.
func (s *Store) Treatments(ctx context.Context, id ID, sc Scope) ([]Indication, error) {
	return s.indications(ctx, id, sc, true)
}

func (s *Store) indications(ctx context.Context, id ID, sc Scope, reverse bool) ([]Indication, error) {
	var out []Indication
	err := s.read(ctx, func(x *index) error {
		if x.nodes[id] == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		type key struct {
			drug, condition ID
			status          Status
		}
		groups := map[key][]edge{}
		edges := x.out[id]
		if reverse {
			edges = x.in[id]
		}
		for _, e := range edges {
			a := x.anns[e.ann]
			if e.predicate != Treats || a == nil || !sc.states(a.prov) {
				continue
			}
			st := Status(a.qualifiers[QStatus])
			if len(sc.Statuses) > 0 && !slices.Contains(sc.Statuses, st) {
				continue
			}
			k := key{e.subject, e.object, st}
			groups[k] = append(groups[k], e)
		}
		for k, edges := range groups {
			drug, cond := x.nodes[k.drug], x.nodes[k.condition]
			if drug == nil || cond == nil {
				continue
			}
			ev := x.evidence(edges)
			out = append(out, Indication{Drug: drug.node(), Condition: cond.node(), Status: k.status,
				Description: ev.Agreed(QDescription), Sources: ev.Sources(), Evidence: ev})
		}
		rank := func(st Status) int {
			if i := slices.Index(Statuses, st); i >= 0 {
				return i
			}
			return len(Statuses)
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Status != out[j].Status {
				return rank(out[i].Status) < rank(out[j].Status)
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
