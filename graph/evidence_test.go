package graph_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"pharmagraph/graph"
)

// TestOmit checks that a grouped read with Scope.Omit answers what the
// read of everything does, less the parts omitted: each omission alone and
// all of them at once. It reads the effects, indications and interactions
// of every seed drug, and the drugs and treatments of their effects and
// conditions, and checks the full answers' sources, disputed qualifiers
// and agreed values against their facts.
func TestOmit(t *testing.T) {
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
	disputed, detailed := 0, 0
	for _, d := range drugs {
		effects := check(t, "Effects "+string(d.ID), func(sc graph.Scope) ([]graph.EffectEdge, error) { return s.Effects(ctx, d.ID, sc) }, stripEffect)
		for _, e := range effects {
			disputed += len(e.Disputed)
			detailed += len(e.Effect.Synonyms) + len(e.Effect.Xrefs)
			agrees(t, "effect "+string(e.Effect.ID), e.Evidence, e.Sources, map[graph.Qualifier]string{graph.QFrequency: e.Frequency, graph.QSeverity: e.Severity})
			check(t, "EffectOf "+string(e.Effect.ID), func(sc graph.Scope) ([]graph.EffectEdge, error) { return s.EffectOf(ctx, e.Effect.ID, sc) }, stripEffect)
		}
		indications := check(t, "Indications "+string(d.ID), func(sc graph.Scope) ([]graph.Indication, error) { return s.Indications(ctx, d.ID, sc) }, stripIndication)
		for _, in := range indications {
			disputed += len(in.Disputed)
			agrees(t, "indication "+string(in.Condition.ID), in.Evidence, in.Sources, map[graph.Qualifier]string{graph.QDescription: in.Description})
			check(t, "Treatments "+string(in.Condition.ID), func(sc graph.Scope) ([]graph.Indication, error) { return s.Treatments(ctx, in.Condition.ID, sc) }, stripIndication)
		}
		for _, inferred := range []bool{false, true} {
			for _, in := range check(t, "Interactions "+string(d.ID), func(sc graph.Scope) ([]graph.Interaction, error) { return s.Interactions(ctx, d.ID, inferred, sc) }, stripInteraction) {
				disputed += len(in.Disputed)
				detailed += len(in.With.Synonyms) + len(in.With.Xrefs)
				agrees(t, "interaction "+string(in.With.ID), in.Evidence, in.Sources,
					map[graph.Qualifier]string{graph.QSeverity: in.Severity, graph.QMechanism: in.Mechanism, graph.QDescription: in.Description})
			}
		}
	}
	if disputed == 0 {
		t.Error("no seed answer has a disputed qualifier: the test checks no dispute")
	}
	if detailed == 0 {
		t.Error("no seed effect or partner has synonyms or xrefs: the test checks no details")
	}
}

// bare is n as OmitDetails leaves it.
func bare(n graph.Node) graph.Node { return graph.Node{ID: n.ID, Category: n.Category, Name: n.Name} }

// stripEffect, stripIndication and stripInteraction take out of a full
// answer the parts that omit leaves out.
func stripEffect(e *graph.EffectEdge, omit graph.Omission) {
	if omit&graph.OmitFacts != 0 {
		e.Facts = nil
	}
	if omit&graph.OmitSummary != 0 {
		e.Sources, e.Disputed, e.Frequency, e.Severity = nil, nil, "", ""
	}
	if omit&graph.OmitDetails != 0 {
		e.Drug, e.Effect = bare(e.Drug), bare(e.Effect)
	}
}

func stripIndication(in *graph.Indication, omit graph.Omission) {
	if omit&graph.OmitFacts != 0 {
		in.Facts = nil
	}
	if omit&graph.OmitSummary != 0 {
		in.Sources, in.Disputed, in.Description = nil, nil, ""
	}
	if omit&graph.OmitDetails != 0 {
		in.Drug, in.Condition = bare(in.Drug), bare(in.Condition)
	}
}

func stripInteraction(in *graph.Interaction, omit graph.Omission) {
	if omit&graph.OmitFacts != 0 {
		in.Facts, in.ImpliedBy = nil, nil
	}
	if omit&graph.OmitSummary != 0 {
		in.Sources, in.Disputed, in.Severity, in.Mechanism, in.Description = nil, nil, "", "", ""
	}
	if omit&graph.OmitDetails != 0 {
		in.With = bare(in.With)
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

// omissions are the scopes check reads besides the full one.
var omissions = []graph.Omission{graph.OmitFacts, graph.OmitSummary, graph.OmitDetails, graph.OmitFacts | graph.OmitSummary | graph.OmitDetails}

// check reads with each of omissions and with none, and reports a
// difference between an answer that omits and the full one with strip
// applied to each item. It returns the full answer.
func check[T any](t *testing.T, what string, read func(graph.Scope) ([]T, error), strip func(*T, graph.Omission)) []T {
	t.Helper()
	full, err := read(graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	for _, omit := range omissions {
		got, err := read(graph.Scope{Omit: omit})
		if err != nil {
			t.Fatal(err)
		}
		want := make([]T, len(full))
		for i := range full {
			want[i] = full[i]
			strip(&want[i], omit)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s omitting %b:\n got %+v\nwant %+v", what, omit, got, want)
		}
	}
	return full
}
