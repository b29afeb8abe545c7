package graph_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"pharmagraph/graph"
)

// BenchmarkOpen opens a bolt store of 400,000 effect edges between 4,000
// drugs and 4,000 effects two ways: from its index snapshot, and, with the
// snapshot removed, by reading every quad from Cayley.
func BenchmarkOpen(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	s, err := graph.Open(ctx, "bolt", dir, graph.Options{})
	if err != nil {
		b.Fatal(err)
	}
	prov := graph.Provenance{Source: "pgsrc:bench"}
	batch := graph.Batch{Sources: []graph.Source{{ID: "pgsrc:bench", Name: "bench",
		KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.ManualAgent}}}
	const n = 4000
	for i := range n {
		batch.Nodes = append(batch.Nodes,
			graph.NodeFact{Node: graph.Node{ID: graph.ID(fmt.Sprintf("BENCH:drug-%d", i)), Category: graph.Drug, Name: fmt.Sprintf("drug %d", i)}, Provenance: prov},
			graph.NodeFact{Node: graph.Node{ID: graph.ID(fmt.Sprintf("BENCH:effect-%d", i)), Category: graph.Effect, Name: fmt.Sprintf("effect %d", i)}, Provenance: prov})
	}
	adverse := map[graph.Qualifier]string{graph.QContext: string(graph.Adverse)}
	for i := range 100 * n {
		batch.Facts = append(batch.Facts, graph.Fact{Subject: graph.ID(fmt.Sprintf("BENCH:drug-%d", i%n)), Predicate: graph.HasAdverseEvent,
			Object: graph.ID(fmt.Sprintf("BENCH:effect-%d", (i/n*13+i)%n)), Qualifiers: adverse, Provenance: prov})
	}
	if _, err := s.Write(ctx, batch); err != nil {
		b.Fatal(err)
	}
	if err := s.Sync(ctx); err != nil {
		b.Fatal(err)
	}
	s.Close()
	snapshot := filepath.Join(dir, "index.snapshot")
	saved, err := os.ReadFile(snapshot)
	if err != nil {
		b.Fatal(err)
	}
	open := func(b *testing.B, withSnapshot bool) {
		for b.Loop() {
			b.StopTimer()
			if withSnapshot {
				os.WriteFile(snapshot, saved, 0o600)
			} else {
				os.Remove(snapshot)
			}
			b.StartTimer()
			s, err := graph.Open(ctx, "bolt", dir, graph.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			s.Close()
			b.StartTimer()
		}
	}
	b.Run("snapshot", func(b *testing.B) { open(b, true) })
	b.Run("scan", func(b *testing.B) { open(b, false) })
}
