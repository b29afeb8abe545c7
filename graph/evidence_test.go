package graph_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"pharmagraph/graph"
)

// TestWithoutFacts checks that a grouped read with Scope.WithoutFacts
// answers what the read with the facts does, less the facts: the same
// sources, disputed qualifiers and agreed values. It reads the effects,
// indications and interactions of every seed drug, and the drugs and
// treatments of their effects and conditions.
func TestWithoutFacts(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	var drugs []graph.Node
	err := s.EachNode(ctx, graph.Filter{Categories: []graph.Category{graph.Drug}}, func(n graph.Node, _ []graph.Provenance) error {
		drugs = append(drugs, n)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(drugs) == 0 {
		t.Fatal("no seed drugs")
	}
	lean := graph.Scope{WithoutFacts: true}
	disputed := 0
	for _, d := range drugs {
		effects := check(t, "Effects "+string(d.ID), func(sc graph.Scope) ([]graph.EffectEdge, error) { return s.Effects(ctx, d.ID, sc) },
			lean, func(e *graph.EffectEdge) { e.Facts = nil })
		for _, e := range effects {
			disputed += len(e.Disputed)
			agrees(t, "effect "+string(e.Effect.ID), e.Evidence, e.Sources, map[graph.Qualifier]string{graph.QFrequency: e.Frequency, graph.QSeverity: e.Severity})
			check(t, "EffectOf "+string(e.Effect.ID), func(sc graph.Scope) ([]graph.EffectEdge, error) { return s.EffectOf(ctx, e.Effect.ID, sc) },
				lean, func(e *graph.EffectEdge) { e.Facts = nil })
		}
		indications := check(t, "Indications "+string(d.ID), func(sc graph.Scope) ([]graph.Indication, error) { return s.Indications(ctx, d.ID, sc) },
			lean, func(in *graph.Indication) { in.Facts = nil })
		for _, in := range indications {
			disputed += len(in.Disputed)
			agrees(t, "indication "+string(in.Condition.ID), in.Evidence, in.Sources, map[graph.Qualifier]string{graph.QDescription: in.Description})
			check(t, "Treatments "+string(in.Condition.ID), func(sc graph.Scope) ([]graph.Indication, error) { return s.Treatments(ctx, in.Condition.ID, sc) },
				lean, func(in *graph.Indication) { in.Facts = nil })
		}
		for _, inferred := range []bool{false, true} {
			for _, in := range check(t, "Interactions "+string(d.ID), func(sc graph.Scope) ([]graph.Interaction, error) { return s.Interactions(ctx, d.ID, inferred, sc) },
				lean, func(in *graph.Interaction) { in.Facts, in.ImpliedBy = nil, nil }) {
				disputed += len(in.Disputed)
				agrees(t, "interaction "+string(in.With.ID), in.Evidence, in.Sources,
					map[graph.Qualifier]string{graph.QSeverity: in.Severity, graph.QMechanism: in.Mechanism, graph.QDescription: in.Description})
			}
		}
	}
	if disputed == 0 {
		t.Error("no seed answer has a disputed qualifier: the test checks no dispute")
	}
}

// agrees reports an answer whose sources, disputed qualifiers and agreed
// values are not those its facts give.
func agrees(t *testing.T, what string, ev graph.Evidence, sources []graph.Provenance, agreed map[graph.Qualifier]string) {
	t.Helper()
	values := map[graph.Qualifier]string{}
	var disputed []graph.Qualifier
	for _, f := range ev.Facts {
		for q, v := range f.Qualifiers {
			if old, ok := values[q]; ok && old != v && !slices.Contains(disputed, q) {
				disputed = append(disputed, q)
			}
			values[q] = v
		}
	}
	slices.Sort(disputed)
	if !slices.Equal(disputed, ev.Disputed) {
		t.Errorf("%s: disputed %v, the facts dispute %v", what, ev.Disputed, disputed)
	}
	for q, v := range agreed {
		if want := values[q]; slices.Contains(disputed, q) && v != "" || !slices.Contains(disputed, q) && v != want {
			t.Errorf("%s: %s %q, the facts give %q (disputed: %v)", what, q, v, want, disputed)
		}
	}
	if want := ev.Sources(); !reflect.DeepEqual(sources, want) {
		t.Errorf("%s: sources %v, the facts' %v", what, sources, want)
	}
}

// check reads with and without lean's WithoutFacts, and reports a
// difference between the lean answer and the full one with strip applied
// to each item. It returns the full answer.
func check[T any](t *testing.T, what string, read func(graph.Scope) ([]T, error), lean graph.Scope, strip func(*T)) []T {
	t.Helper()
	full, err := read(graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	got, err := read(lean)
	if err != nil {
		t.Fatal(err)
	}
	want := make([]T, len(full))
	for i := range full {
		want[i] = full[i]
		strip(&want[i])
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s without facts:\n got %+v\nwant %+v", what, got, want)
	}
	return full
}
