package graphtest

import (
	"context"
	"errors"
	"testing"

	"pharmagraph/graph"
)

// similarFixture adds to the fixture three drugs whose effects tie or
// nearly tie with beta's, and an interaction:
//
//	delta, epsilon: sleepiness, rash (the same two; Jaccard 2/3 with beta)
//	zeta:           sleepiness       (Jaccard 1/3 with beta)
//	delta interacts with gamma, as alpha does
func similarFixture(t *testing.T, s *graph.Store) {
	t.Helper()
	prov := graph.Provenance{Source: "pgsrc:test-a"}
	var batch graph.Batch
	effect := func(d graph.ID, effects ...graph.ID) {
		for _, e := range effects {
			batch.Facts = append(batch.Facts, graph.Fact{Subject: d, Predicate: graph.HasAdverseEvent, Object: e,
				Qualifiers: map[graph.Qualifier]string{graph.QContext: string(graph.Adverse)}, Provenance: prov})
		}
	}
	for _, d := range []struct {
		id, name string
		effects  []graph.ID
	}{
		{"TEST:epsilon", "epsilon", []graph.ID{"TEST:sleepy", "TEST:rash"}},
		{"TEST:delta", "delta", []graph.ID{"TEST:rash", "TEST:sleepy"}},
		{"TEST:zeta", "zeta", []graph.ID{"TEST:sleepy"}},
	} {
		batch.Nodes = append(batch.Nodes, graph.NodeFact{Node: graph.Node{ID: graph.ID(d.id), Category: graph.Drug, Name: d.name}, Provenance: prov})
		effect(graph.ID(d.id), d.effects...)
	}
	batch.Facts = append(batch.Facts, graph.Fact{Subject: "TEST:delta", Predicate: graph.InteractsWith, Object: "TEST:gamma", Provenance: prov})
	if _, err := s.Write(context.Background(), batch); err != nil {
		t.Fatal(err)
	}
}

// similarHit is a Similarity in brief: the drug's name, the shared
// neighbours' names and the Jaccard index.
type similarHit struct {
	drug    string
	shared  []string
	jaccard float64
}

func testSimilar(t *testing.T, b Backend) {
	s := loaded(t, b)
	similarFixture(t, s)
	ctx := context.Background()
	tests := []struct {
		name, drug string
		by         graph.SimilarBy
		first      int
		sc         graph.Scope
		want       []similarHit
	}{
		{"effects, ties by name", "TEST:beta", graph.ByEffects, 10, graph.Scope{}, []similarHit{
			{"delta", []string{"rash", "sleepiness"}, 2.0 / 3},
			{"epsilon", []string{"rash", "sleepiness"}, 2.0 / 3},
			{"alpha", []string{"seizure", "sleepiness"}, 0.5},
			{"zeta", []string{"sleepiness"}, 1.0 / 3},
		}},
		{"first", "TEST:beta", graph.ByEffects, 1, graph.Scope{}, []similarHit{
			{"delta", []string{"rash", "sleepiness"}, 2.0 / 3},
		}},
		{"none", "TEST:beta", graph.ByEffects, -1, graph.Scope{}, []similarHit{}},
		{"effects in one context", "TEST:alpha", graph.ByEffects, 10, graph.Scope{Contexts: []graph.Context{graph.Adverse}}, []similarHit{
			{"zeta", []string{"sleepiness"}, 0.5},
			{"beta", []string{"sleepiness"}, 1.0 / 3},
			{"delta", []string{"sleepiness"}, 1.0 / 3},
			{"epsilon", []string{"sleepiness"}, 1.0 / 3},
		}},
		{"withdrawal: beta's seizure is an overdose", "TEST:alpha", graph.ByEffects, 10,
			graph.Scope{Contexts: []graph.Context{graph.Withdrawal}}, []similarHit{}},
		{"one source", "TEST:alpha", graph.ByEffects, 10, graph.Scope{Sources: []graph.ID{"pgsrc:test-b"}}, []similarHit{}},
		{"classes, transitively", "TEST:alpha", graph.ByClasses, 10, graph.Scope{}, []similarHit{
			{"beta", []string{"depressant"}, 0.5},
		}},
		{"indications: nobody else", "TEST:alpha", graph.ByIndications, 10, graph.Scope{}, []similarHit{}},
		{"interactions: never itself", "TEST:gamma", graph.ByInteractions, 10, graph.Scope{}, []similarHit{}},
		{"interactions", "TEST:alpha", graph.ByInteractions, 10, graph.Scope{}, []similarHit{
			{"delta", []string{"gamma"}, 1},
		}},
		{"interactions of one source", "TEST:alpha", graph.ByInteractions, 10, graph.Scope{Sources: []graph.ID{"pgsrc:test-b"}}, []similarHit{}},
	}
	check := func(t *testing.T, s *graph.Store) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				got, err := s.Similar(ctx, graph.ID(tt.drug), tt.by, tt.first, tt.sc)
				if err != nil {
					t.Fatal(err)
				}
				hits := []similarHit{}
				for _, h := range got {
					hits = append(hits, similarHit{h.Drug.Name, names(h.Shared), h.Jaccard})
				}
				eq(t, "Similar", hits, tt.want)
			})
		}
	}
	check(t, s)
	if b.Reopen != nil {
		// The index's lists of each effect's drugs and each drug's
		// partners, built again from the stored facts.
		s = b.Reopen(t, s)
		t.Run("reopened", func(t *testing.T) { check(t, s) })
	}

	for _, tt := range []struct {
		id  graph.ID
		by  graph.SimilarBy
		err error
	}{
		{"TEST:nobody", graph.ByEffects, graph.ErrNotFound},
		{"TEST:dep", graph.ByEffects, graph.ErrInvalid},
		{"TEST:alpha", "COLOUR", graph.ErrInvalid},
	} {
		if _, err := s.Similar(ctx, tt.id, tt.by, 10, graph.Scope{}); !errors.Is(err, tt.err) {
			t.Errorf("Similar(%s, %s) error = %v, want %v", tt.id, tt.by, err, tt.err)
		}
	}

	// A drug that gains an effect is met through it at once.
	rash := graph.Fact{Subject: "TEST:zeta", Predicate: graph.HasAdverseEvent, Object: "TEST:rash",
		Qualifiers: map[graph.Qualifier]string{graph.QContext: string(graph.Adverse)}, Provenance: graph.Provenance{Source: "pgsrc:test-a"}}
	if _, err := s.Write(ctx, graph.Batch{Facts: []graph.Fact{rash}}); err != nil {
		t.Fatal(err)
	}
	got, err := s.Similar(ctx, "TEST:beta", graph.ByEffects, 3, graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	var drugs []graph.Node
	for _, h := range got {
		drugs = append(drugs, h.Drug)
	}
	eq(t, "Similar(beta) after zeta has a rash", names(drugs), []string{"delta", "epsilon", "zeta"})
}
