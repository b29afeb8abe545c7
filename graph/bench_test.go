package graph_test

import (
	"context"
	"sync"
	"testing"

	"github.com/cayleygraph/cayley"
	"github.com/cayleygraph/quad"

	"pharmagraph/graph"
	"pharmagraph/internal/realdata"
	"pharmagraph/loader"
	"pharmagraph/seeds"
)

const (
	baclofen = graph.ID("DRUGBANK:DB00181")
	ethanol  = graph.ID("DRUGBANK:DB00898")
)

// seeded opens a store of the backend holding the seeds.
func seeded(b testing.TB, backend string) *graph.Store {
	b.Helper()
	return filled(b, backend, func(ctx context.Context, s *graph.Store) error {
		_, err := loader.LoadFS(ctx, s, seeds.FS())
		return err
	})
}

// realGraph opens a store of the backend holding the real benchmark graph.
// The memory store is loaded once and shared by every benchmark of the
// run (it stays open until the process ends), so that one `-bench Real`
// run loads it once; a bolt store is the benchmark's own.
func realGraph(b *testing.B, backend string) *graph.Store {
	b.Helper()
	files := realdata.Benchmark(b)
	if backend != "memory" {
		return loadedFrom(b, backend, files...)
	}
	realMemory.once.Do(func() {
		ctx := context.Background()
		if realMemory.s, realMemory.err = graph.Open(ctx, "memory", "", graph.Options{}); realMemory.err == nil {
			_, realMemory.err = loader.Load(ctx, realMemory.s, loader.Options{}, files...)
		}
	})
	if realMemory.err != nil {
		b.Fatal(realMemory.err)
	}
	return realMemory.s
}

// realMemory is the memory store of the real graph that realGraph shares.
var realMemory struct {
	once sync.Once
	s    *graph.Store
	err  error
}

// loadedFrom opens a store of the backend holding what loader.Load reads
// from files.
func loadedFrom(tb testing.TB, backend string, files ...string) *graph.Store {
	tb.Helper()
	return filled(tb, backend, func(ctx context.Context, s *graph.Store) error {
		_, err := loader.Load(ctx, s, loader.Options{}, files...)
		return err
	})
}

// filled opens a store of the backend (memory, or bolt in a temporary
// folder) and fills it with load.
func filled(b testing.TB, backend string, load func(context.Context, *graph.Store) error) *graph.Store {
	b.Helper()
	addr := ""
	if backend == "bolt" {
		addr = b.TempDir()
	}
	s := open(b, backend, addr)
	if err := load(context.Background(), s); err != nil {
		b.Fatal(err)
	}
	return s
}

func BenchmarkLoadSeeds(b *testing.B) {
	for _, backend := range []string{"memory", "bolt"} {
		b.Run(backend, func(b *testing.B) {
			for b.Loop() {
				seeded(b, backend)
			}
		})
	}
}

func BenchmarkLookup(b *testing.B) {
	s := seeded(b, "memory")
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Lookup(ctx, "Alcohol", graph.Drug); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkOverlap(b *testing.B) {
	s := seeded(b, "memory")
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Overlap(ctx, baclofen, ethanol, graph.OverlapOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkOverlapMap is the baseline of BenchmarkOverlap: the same
// intersection over two plain maps of effect ids, built once.
func BenchmarkOverlapMap(b *testing.B) {
	s := seeded(b, "memory")
	ctx := context.Background()
	set := func(id graph.ID) map[graph.ID]bool {
		es, err := s.Effects(ctx, id, graph.Scope{})
		if err != nil {
			b.Fatal(err)
		}
		m := map[graph.ID]bool{}
		for _, e := range es {
			m[e.Effect.ID] = true
		}
		return m
	}
	a, c := set(baclofen), set(ethanol)
	for b.Loop() {
		var shared []graph.ID
		for id := range a {
			if c[id] {
				shared = append(shared, id)
			}
		}
		if len(shared) == 0 {
			b.Fatal("no shared effects")
		}
	}
}

// BenchmarkOverlapCayley is the same question put to Cayley's own path
// query: the effects both drugs reach by has_adverse_event.
func BenchmarkOverlapCayley(b *testing.B) {
	s := seeded(b, "memory")
	qs := graph.QuadStore(s)
	ctx := context.Background()
	p := quad.IRI(graph.HasAdverseEvent)
	for b.Loop() {
		a := cayley.StartPath(qs, quad.IRI(baclofen)).Out(p)
		c := cayley.StartPath(qs, quad.IRI(ethanol)).Out(p)
		n := 0
		if err := a.And(c).Iterate(ctx).EachValue(qs, func(quad.Value) error { n++; return nil }); err != nil {
			b.Fatal(err)
		}
		if n == 0 {
			b.Fatal("no shared effects")
		}
	}
}

func BenchmarkInteractionsInferred(b *testing.B) {
	s := seeded(b, "memory")
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Interactions(ctx, baclofen, true, graph.Scope{}); err != nil {
			b.Fatal(err)
		}
	}
}

// list is the medication list of the list benchmarks: five drugs, ten
// pairs.
var list = []graph.ID{baclofen, ethanol, hydrocodone, acetaminophen, sodiumOxybate}

// benchList times read over the seeds.
func benchList(b *testing.B, read func(ctx context.Context, s *graph.Store) error) {
	s := seeded(b, "memory")
	ctx := context.Background()
	for b.Loop() {
		if err := read(ctx, s); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkCheckInteractions checks the list: each pair with its
// interaction and the effects that add up.
func BenchmarkCheckInteractions(b *testing.B) {
	benchList(b, func(ctx context.Context, s *graph.Store) error {
		_, err := s.CheckInteractions(ctx, list, graph.Scope{})
		return err
	})
}

// BenchmarkOverlapAll compares the effects of the list's drugs: every
// combination that has an effect of its own.
func BenchmarkOverlapAll(b *testing.B) {
	benchList(b, func(ctx context.Context, s *graph.Store) error {
		_, err := s.OverlapAll(ctx, list, graph.Scope{})
		return err
	})
}

// BenchmarkEffectsPage times the first page of 5 and of 50 of baclofen's
// effects (42 in the seeds, so 50 is all of them with their cursors) and
// the page after the last but one, beside the whole list: a page gathers
// the facts of its own edges only, however deep it starts.
func BenchmarkEffectsPage(b *testing.B) {
	s := seeded(b, "memory")
	ctx := context.Background()
	all, err := s.EffectsPage(ctx, baclofen, graph.Scope{}, graph.Page{First: graph.MaxPage})
	if err != nil || len(all.Edges) < 2 {
		b.Fatalf("EffectsPage(baclofen) = %d edges, %v", len(all.Edges), err)
	}
	deep := all.Cursors[len(all.Cursors)-2]
	for _, bm := range []struct {
		name string
		read func() error
	}{
		{"page5", func() error { _, err := s.EffectsPage(ctx, baclofen, graph.Scope{}, graph.Page{First: 5}); return err }},
		{"page50", func() error { _, err := s.EffectsPage(ctx, baclofen, graph.Scope{}, graph.Page{First: 50}); return err }},
		{"deep", func() error {
			_, err := s.EffectsPage(ctx, baclofen, graph.Scope{}, graph.Page{First: 50, After: deep})
			return err
		}},
		{"all", func() error { _, err := s.Effects(ctx, baclofen, graph.Scope{}); return err }},
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

// BenchmarkEffectsPageReal times pages of 50 of pregabalin's effects on the
// real benchmark graph (some 840) and of the drugs of nausea, the first
// and one deep in the list, beside the whole list.
func BenchmarkEffectsPageReal(b *testing.B) {
	s := realGraph(b, "memory")
	ctx := context.Background()
	nausea := lookup(b, s, "nausea", graph.Effect)
	for _, r := range []struct {
		name string
		id   graph.ID
		all  func(context.Context, graph.ID, graph.Scope) ([]graph.EffectEdge, error)
		page func(context.Context, graph.ID, graph.Scope, graph.Page) (graph.EffectPage, error)
	}{
		{"effects", pregabalin, s.Effects, s.EffectsPage},
		{"drugs", nausea, s.EffectOf, s.EffectOfPage},
	} {
		whole, err := r.page(ctx, r.id, graph.Scope{}, graph.Page{First: graph.MaxPage})
		if err != nil || !whole.HasNext {
			b.Fatalf("%s of %s: %d of %d, %v; want more than a page of %d", r.name, r.id, len(whole.Edges), whole.Total, err, graph.MaxPage)
		}
		for _, bm := range []struct {
			name string
			read func() error
		}{
			{"first50", func() error { _, err := r.page(ctx, r.id, graph.Scope{}, graph.Page{First: 50}); return err }},
			{"deep50", func() error {
				_, err := r.page(ctx, r.id, graph.Scope{}, graph.Page{First: 50, After: whole.Cursors[len(whole.Cursors)-1]})
				return err
			}},
			{"all", func() error { _, err := r.all(ctx, r.id, graph.Scope{}); return err }},
		} {
			b.Run(r.name+"/"+bm.name, func(b *testing.B) {
				for b.Loop() {
					if err := bm.read(); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
