package graph_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"pharmagraph/graph"
)

const (
	hydrocodone   = graph.ID("DRUGBANK:DB00956")
	acetaminophen = graph.ID("DRUGBANK:DB00316")
	sodiumOxybate = graph.ID("DRUGBANK:DB09072")
	hydrocodoneAP = graph.ID("PG:hydrocodone-acetaminophen")
)

// pairSummary is what a test states of one finding: the pair, how the
// interaction is known (stated, inferred or none) and its severity.
type pairSummary struct {
	A, B        graph.ID
	Interaction string
	Severity    string
}

func summarize(fs []graph.Finding) []pairSummary {
	out := make([]pairSummary, len(fs))
	for i, f := range fs {
		out[i] = pairSummary{A: f.A.ID, B: f.B.ID, Interaction: "none", Severity: f.Severity}
		if it := f.Interaction; it != nil {
			out[i].Interaction = "stated"
			if it.Inferred {
				out[i].Interaction = "inferred"
			}
		}
	}
	return out
}

func TestCheckInteractions(t *testing.T) {
	s := seeded(t, "memory")
	article := graph.Scope{Sources: []graph.ID{"pgsrc:baclofen-withdrawal"}}
	tests := []struct {
		name    string
		ids     []graph.ID
		sc      graph.Scope
		want    []pairSummary
		added   map[[2]graph.ID][]string // effects each pair must list, by name
		wantErr error
	}{
		{name: "baclofen with alcohol", ids: []graph.ID{baclofen, ethanol},
			want:  []pairSummary{{baclofen, ethanol, "stated", ""}},
			added: map[[2]graph.ID][]string{{baclofen, ethanol}: {"drowsiness", "sedation", "respiratory depression", "coma"}}},
		{name: "pairs in list order", ids: []graph.ID{ethanol, hydrocodone, acetaminophen},
			want: []pairSummary{{ethanol, hydrocodone, "stated", "major"}, {ethanol, acetaminophen, "stated", "moderate"},
				{hydrocodone, acetaminophen, "none", ""}},
			added: map[[2]graph.ID][]string{{ethanol, hydrocodone}: {"drowsiness", "respiratory depression"}}},
		{name: "inferred from the class", ids: []graph.ID{sodiumOxybate, hydrocodoneAP},
			want: []pairSummary{{sodiumOxybate, hydrocodoneAP, "inferred", ""}}},
		{name: "one substance twice", ids: []graph.ID{hydrocodone, hydrocodoneAP},
			want:  []pairSummary{{hydrocodone, hydrocodoneAP, "none", ""}},
			added: map[[2]graph.ID][]string{{hydrocodone, hydrocodoneAP}: {"drowsiness"}}},
		{name: "the article alone", ids: []graph.ID{baclofen, ethanol}, sc: article,
			want:  []pairSummary{{baclofen, ethanol, "stated", ""}},
			added: map[[2]graph.ID][]string{{baclofen, ethanol}: {}}},
		{name: "withdrawal", ids: []graph.ID{baclofen, ethanol}, sc: graph.Scope{Contexts: []graph.Context{graph.Withdrawal}},
			want:  []pairSummary{{baclofen, ethanol, "stated", ""}},
			added: map[[2]graph.ID][]string{{baclofen, ethanol}: {"seizures", "hallucinations"}}},
		{name: "unknown drug", ids: []graph.ID{baclofen, "DRUGBANK:DB99999"}, wantErr: graph.ErrNotFound},
		{name: "given twice", ids: []graph.ID{baclofen, ethanol, baclofen}, wantErr: graph.ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := s.CheckInteractions(context.Background(), tt.ids, tt.sc)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("CheckInteractions(%v) error = %v, want %v", tt.ids, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			if got := summarize(fs); !slices.Equal(got, tt.want) {
				t.Errorf("CheckInteractions(%v) = %+v, want %+v", tt.ids, got, tt.want)
			}
			for _, f := range fs {
				var names []string
				for _, a := range f.Added {
					names = append(names, a.Effect.Name)
					checkAdded(t, f, a, tt.sc)
				}
				for _, want := range tt.added[[2]graph.ID{f.A.ID, f.B.ID}] {
					if !slices.Contains(names, want) {
						t.Errorf("%s with %s: added effects %v lack %s", f.A.Name, f.B.Name, names, want)
					}
				}
				if f.Explanation() == "" {
					t.Errorf("%s with %s: no explanation", f.A.Name, f.B.Name)
				}
			}
		})
	}
}

// checkAdded checks that an added effect rests on facts of both drugs, in
// the contexts and sources asked for.
func checkAdded(t *testing.T, f graph.Finding, a graph.AddedEffect, sc graph.Scope) {
	t.Helper()
	contexts := sc.Contexts
	if len(contexts) == 0 {
		contexts = graph.AddingContexts
	}
	sides := map[graph.ID]bool{}
	for _, fact := range a.Facts {
		sides[fact.Subject] = true
		if fact.Object != a.Effect.ID || fact.Predicate != graph.HasAdverseEvent {
			t.Errorf("%s with %s, %s: fact %v is not of the effect", f.A.Name, f.B.Name, a.Effect.Name, fact)
		}
		if !slices.Contains(contexts, graph.Context(fact.Qualifiers[graph.QContext])) {
			t.Errorf("%s with %s, %s: fact in context %s", f.A.Name, f.B.Name, a.Effect.Name, fact.Qualifiers[graph.QContext])
		}
		if len(sc.Sources) > 0 && !slices.Contains(sc.Sources, fact.Source) {
			t.Errorf("%s with %s, %s: fact of %s out of scope", f.A.Name, f.B.Name, a.Effect.Name, fact.Source)
		}
	}
	if !sides[f.A.ID] || !sides[f.B.ID] || len(sides) != 2 || len(a.ContextsA) == 0 || len(a.ContextsB) == 0 {
		t.Errorf("%s with %s, %s: facts of %v, contexts %v and %v; want both drugs", f.A.Name, f.B.Name, a.Effect.Name, sides, a.ContextsA, a.ContextsB)
	}
	if slices.Contains(a.Disputed, graph.QContext) {
		t.Errorf("%s with %s, %s: context disputed", f.A.Name, f.B.Name, a.Effect.Name)
	}
}
