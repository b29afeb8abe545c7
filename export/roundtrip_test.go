package export_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"pharmagraph/export"
	"pharmagraph/graph"
	"pharmagraph/graph/graphtest"
	"pharmagraph/loader"
)

// TestRoundTrip exports a graph, loads the export into an empty store and
// exports that: the files must be the same, byte for byte, so the import
// restored every node, fact and source the export holds.
func TestRoundTrip(t *testing.T) {
	graphs := []struct {
		name  string
		store func(testing.TB) *graph.Store
	}{
		{"fixture", func(tb testing.TB) *graph.Store { return store(tb, graphtest.Fixture()) }},
		{"seeds", seeded},
		{"odd values", func(tb testing.TB) *graph.Store { return store(tb, oddValues()) }},
	}
	for _, g := range graphs {
		for _, f := range []export.Format{export.KGXTSV, export.KGXJSONL, export.NQuads} {
			for _, gz := range []bool{false, true} {
				name := g.name + "/" + string(f)
				if gz {
					name += "+gzip"
				}
				t.Run(name, func(t *testing.T) {
					ctx := context.Background()
					o := export.Options{Format: f, Gzip: gz}
					first := t.TempDir()
					m, err := export.Save(ctx, g.store(t), o, first)
					if err != nil {
						t.Fatal(err)
					}
					s := store(t, graph.Batch{})
					rep, err := loader.Load(ctx, s, loader.Options{Strict: true}, first)
					if err != nil {
						t.Fatalf("loading the export: %v", err)
					}
					if rep.RejectedRows > 0 {
						t.Fatalf("loading the export rejected %d rows: %v", rep.RejectedRows, rep.Rejected)
					}
					second := t.TempDir()
					again, err := export.Save(ctx, s, o, second)
					if err != nil {
						t.Fatal(err)
					}
					for i, file := range m.Files {
						if again.Files[i] != file {
							a, _ := os.ReadFile(filepath.Join(first, file.Name))
							b, _ := os.ReadFile(filepath.Join(second, file.Name))
							t.Errorf("%s differs after a round trip: %+v, then %+v\n%s", file.Name, file, again.Files[i], firstDiff(a, b))
						}
					}
					if !bytes.Equal(mustJSON(t, m.Sources), mustJSON(t, again.Sources)) {
						t.Errorf("sources differ after a round trip:\n%+v\n%+v", m.Sources, again.Sources)
					}
				})
			}
		}
	}
}

// oddValues is a graph of values that need escaping in some format, and of
// nodes whose provenance provided_by cannot tell alone.
func oddValues() graph.Batch {
	a := graph.Provenance{Source: "pgsrc:odd-a"}
	b := graph.Provenance{Source: "pgsrc:odd-b", Section: "Part | two", KnowledgeLevel: graph.Prediction}
	return graph.Batch{
		Sources: []graph.Source{
			{ID: "pgsrc:odd-a", Name: "Odd A", Author: "O'Brien \\ Co", KnowledgeLevel: graph.KnowledgeAssertion,
				AgentType: graph.ManualAgent, Description: "tab\there | bar"},
			{ID: "pgsrc:odd-b", Name: "Odd B", KnowledgeLevel: graph.Observation, AgentType: graph.TextMiningAgent},
		},
		Nodes: []graph.NodeFact{
			{Node: graph.Node{ID: "TEST:f", Category: graph.Drug, Name: "=f", Synonyms: []string{"a|b", `back\slash`, "+1"},
				Xrefs: []graph.ID{"CAS:1-2-3"}, Description: "line one\nline two\tend\r \\ <b>&"}, Provenance: a},
			{Node: graph.Node{ID: "TEST:f", Category: graph.Drug, Name: "=f"}, Provenance: b},
			{Node: graph.Node{ID: "TEST:e", Category: graph.Effect, Name: "e\te"}, Provenance: a},
		},
		Facts: []graph.Fact{
			{Subject: "TEST:f", Predicate: graph.HasAdverseEvent, Object: "TEST:e", Provenance: b,
				Qualifiers: map[graph.Qualifier]string{graph.QContext: "ADVERSE", graph.QFrequency: "1 | 10\t\\"}},
			{Subject: "TEST:f", Predicate: graph.Warning, Text: "do not\nmix | with \"alcohol\"", Provenance: a},
		},
	}
}

// TestFilteredExportLoads checks that a filtered export holds every node
// its facts name, and the sources of what it holds: it loads, strictly,
// into an empty store, which then has the export's nodes and facts.
func TestFilteredExportLoads(t *testing.T) {
	filters := map[string]graph.Filter{
		"source":    {Sources: []graph.ID{"pgsrc:test-b"}},
		"category":  {Categories: []graph.Category{graph.Drug}},
		"predicate": {Predicates: []graph.Predicate{graph.HasAdverseEvent}},
		"all three": {Sources: []graph.ID{"pgsrc:test-b"}, Categories: []graph.Category{graph.Drug, graph.Effect},
			Predicates: []graph.Predicate{graph.HasAdverseEvent}},
	}
	for name, filter := range filters {
		for _, f := range []export.Format{export.KGXTSV, export.KGXJSONL, export.NQuads} {
			t.Run(name+"/"+string(f), func(t *testing.T) {
				ctx := context.Background()
				dir := t.TempDir()
				m, err := export.Save(ctx, store(t, graphtest.Fixture()), export.Options{Format: f, Filter: filter}, dir)
				if err != nil {
					t.Fatal(err)
				}
				s := store(t, graph.Batch{})
				if _, err := loader.Load(ctx, s, loader.Options{Strict: true}, dir); err != nil {
					t.Fatalf("loading the export: %v", err)
				}
				st, err := s.Stats(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if st.Nodes != m.Counts.Nodes || st.Edges != m.Counts.Facts || st.Sources != len(m.Sources) {
					t.Errorf("loaded %d nodes, %d facts, %d sources; the manifest says %d, %d, %d",
						st.Nodes, st.Edges, st.Sources, m.Counts.Nodes, m.Counts.Facts, len(m.Sources))
				}
			})
		}
	}
}
