package graph_test

import (
	"context"
	"testing"
	"time"

	"github.com/cayleygraph/cayley"
	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"pharmagraph/graph"
	"pharmagraph/internal/realdata"
	"pharmagraph/loader"
)

// BenchmarkLoadReal loads the real benchmark graph into an empty bolt store
// three ways, side by side:
//
//   - pharmagraph: `pharmagraph load` of the source files: parsed, checked
//     and written (durable in the journal and queryable when it returns);
//   - pharmagraph+cayley: the same, then waiting until Cayley's own files
//     hold every quad too;
//   - cayley-bulk: Cayley's bulk quad writer given the same quads, already
//     parsed: Cayley's own loading rate, the baseline.
//
// Each reports edges/s over the graph's edges.
func BenchmarkLoadReal(b *testing.B) {
	files := realdata.Benchmark(b)
	ctx := context.Background()

	// The quads and edge count of the graph, from a load into memory.
	mem, err := graph.Open(ctx, "memory", "", graph.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := loader.Load(ctx, mem, loader.Options{}, files...); err != nil {
		b.Fatal(err)
	}
	st, _ := mem.Stats(ctx)
	quads := graph.Quads(mem)
	mem.Close()
	edges := float64(st.Edges)
	b.Logf("%d nodes, %d edges, %d quads", st.Nodes, st.Edges, len(quads))

	// The timer runs from an opened empty store to the load's return (and,
	// with sync, to Cayley holding it all); opening and closing are not timed.
	load := func(b *testing.B, sync bool) {
		b.StopTimer()
		for i := 0; i < b.N; i++ {
			s, err := graph.Open(ctx, "bolt", b.TempDir(), graph.Options{})
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := loader.Load(ctx, s, loader.Options{}, files...); err != nil {
				b.Fatal(err)
			}
			if sync {
				if err := s.Sync(ctx); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			start := time.Now()
			s.Close()
			b.Logf("closed in %v", time.Since(start))
		}
		b.ReportMetric(edges*float64(b.N)/b.Elapsed().Seconds(), "edges/s")
	}
	b.Run("pharmagraph", func(b *testing.B) { load(b, false) })
	b.Run("pharmagraph+cayley", func(b *testing.B) { load(b, true) })
	b.Run("cayley-bulk", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			dir := b.TempDir()
			if err := cgraph.InitQuadStore("bbolt", dir, nil); err != nil {
				b.Fatal(err)
			}
			qs, err := cgraph.NewQuadStore("bbolt", dir, nil)
			if err != nil {
				b.Fatal(err)
			}
			w, err := qs.NewQuadWriter()
			if err != nil {
				b.Fatal(err)
			}
			start := time.Now()
			if _, err := quad.CopyBatch(w, quad.NewReader(quads), quad.DefaultBatch); err != nil {
				b.Fatal(err)
			}
			if err := w.Close(); err != nil {
				b.Fatal(err)
			}
			qs.Close()
			b.Logf("cayley: %d quads in %v", len(quads), time.Since(start))
		}
		b.ReportMetric(edges*float64(b.N)/b.Elapsed().Seconds(), "edges/s")
	})
}

// BenchmarkOverlapReal compares two hub drugs of the real benchmark graph,
// pregabalin and aripiprazole (some 840 effects each), three ways side by
// side: through the store's index, as a plain Go map intersection of the
// same effect ids (the floor), and with Cayley's own path intersection on
// the bolt store the index was loaded from.
func BenchmarkOverlapReal(b *testing.B) {
	ctx := context.Background()
	s := realGraph(b, "bolt")
	if err := s.Sync(ctx); err != nil { // Cayley's files too
		b.Fatal(err)
	}
	const pregabalin, aripiprazole = graph.ID("DRUGBANK:DB00230"), graph.ID("DRUGBANK:DB01238")
	b.Run("index", func(b *testing.B) {
		for b.Loop() {
			o, err := s.Overlap(ctx, pregabalin, aripiprazole, graph.OverlapOptions{})
			if err != nil || len(o.Shared) == 0 {
				b.Fatal(err, len(o.Shared))
			}
		}
	})
	b.Run("map", func(b *testing.B) {
		set := func(id graph.ID) map[graph.ID]bool {
			es, _ := s.Effects(ctx, id, graph.Scope{})
			m := map[graph.ID]bool{}
			for _, e := range es {
				m[e.Effect.ID] = true
			}
			return m
		}
		x, y := set(pregabalin), set(aripiprazole)
		for b.Loop() {
			n := 0
			for id := range x {
				if y[id] {
					n++
				}
			}
			if n == 0 {
				b.Fatal("no shared effects")
			}
		}
	})
	b.Run("cayley", func(b *testing.B) {
		qs := graph.QuadStore(s)
		p := quad.IRI(graph.HasAdverseEvent)
		for b.Loop() {
			x := cayley.StartPath(qs, quad.IRI(pregabalin)).Out(p)
			y := cayley.StartPath(qs, quad.IRI(aripiprazole)).Out(p)
			n := 0
			if err := x.And(y).Iterate(ctx).EachValue(qs, func(quad.Value) error { n++; return nil }); err != nil || n == 0 {
				b.Fatal(err, n)
			}
		}
	})
}
