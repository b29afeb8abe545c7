package graph_test

import (
	"context"
	"fmt"
	"testing"

	"pharmagraph/graph"
)

// BenchmarkHubPage times pages of 50 of the effects of a drug that has
// 2,000 (written here, so that it needs no data set), the first and one
// after the 1,500th, beside the whole list: a deep page costs what the
// first does, and neither what the list does.
func BenchmarkHubPage(b *testing.B) {
	ctx := context.Background()
	s, err := graph.Open(ctx, "memory", "", graph.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	prov := graph.Provenance{Source: "pgsrc:bench-hub"}
	batch := graph.Batch{Sources: []graph.Source{{ID: prov.Source, Name: "Bench hub", KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.ManualAgent}},
		Nodes: []graph.NodeFact{{Node: graph.Node{ID: "BENCH:hub", Category: graph.Drug, Name: "hub"}, Provenance: prov}}}
	for i := range 2000 {
		e := graph.ID(fmt.Sprintf("BENCH:e%04d", i))
		batch.Nodes = append(batch.Nodes, graph.NodeFact{Node: graph.Node{ID: e, Category: graph.Effect, Name: fmt.Sprintf("effect %04d", (i*7919)%2000)}, Provenance: prov})
		batch.Facts = append(batch.Facts, graph.Fact{Subject: "BENCH:hub", Predicate: graph.HasAdverseEvent, Object: e,
			Qualifiers: map[graph.Qualifier]string{graph.QContext: string(graph.Adverse), graph.QFrequency: "common"}, Provenance: prov})
	}
	if _, err := s.Write(ctx, batch); err != nil {
		b.Fatal(err)
	}
	p := graph.Page{First: graph.MaxPage}
	for range 3 {
		pg, err := s.EffectsPage(ctx, "BENCH:hub", graph.Scope{}, p)
		if err != nil {
			b.Fatal(err)
		}
		p.After = pg.Cursors[len(pg.Cursors)-1]
	}
	for _, bm := range []struct {
		name string
		read func() error
	}{
		{"first50", func() error {
			_, err := s.EffectsPage(ctx, "BENCH:hub", graph.Scope{}, graph.Page{First: 50})
			return err
		}},
		{"deep50", func() error {
			_, err := s.EffectsPage(ctx, "BENCH:hub", graph.Scope{}, graph.Page{First: 50, After: p.After})
			return err
		}},
		{"all", func() error { _, err := s.Effects(ctx, "BENCH:hub", graph.Scope{}); return err }},
	} {
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				if err := bm.read(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
