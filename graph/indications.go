package graph

import (
	"context"
	"fmt"
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
		if x.recOf(id) == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		out = byQualifier(x, id, Treats, QStatus, Statuses, sc.Statuses, sc, reverse, indication)
		return nil
	})
	return out, err
}

// IndicationPage is one page of the indications of a drug, or of the
// treatments of a condition.
type IndicationPage struct {
	Indications []Indication
	PageInfo
}

// IndicationsPage returns one page of what Indications returns. It gathers
// the facts of the page's indications only.
func (s *Store) IndicationsPage(ctx context.Context, id ID, sc Scope, p Page) (IndicationPage, error) {
	return s.indicationPage(ctx, id, sc, p, false)
}

// TreatmentsPage returns one page of what Treatments returns. It gathers
// the facts of the page's indications only.
func (s *Store) TreatmentsPage(ctx context.Context, id ID, sc Scope, p Page) (IndicationPage, error) {
	return s.indicationPage(ctx, id, sc, p, true)
}

func (s *Store) indicationPage(ctx context.Context, id ID, sc Scope, p Page, reverse bool) (IndicationPage, error) {
	is, info, err := groupPage(s, ctx, indicationsKind.of(id, sc, reverse), p, Statuses, func(x *index) []group {
		return groupBy(x, id, Treats, QStatus, Statuses, sc.Statuses, sc, reverse)
	}, indication)
	return IndicationPage{is, info}, err
}

// indication makes the indication of the facts g.
func indication(g qualified) Indication {
	drug, condition := g.ends()
	return Indication{Drug: drug, Condition: condition, Status: Status(g.value),
		Description: g.Agreed(QDescription), Sources: g.Sources(), Evidence: g.Evidence}
}
