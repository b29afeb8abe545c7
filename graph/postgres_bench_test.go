package graph_test

import (
	"context"
	"flag"
	"fmt"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"pharmagraph/graph"
	"pharmagraph/internal/pgtest"
	"pharmagraph/internal/realdata"
	"pharmagraph/loader"
	"pharmagraph/seeds"
)

var cayleyQuads = flag.Int("cayley-quads", 50_000, "BenchmarkLoadPostgresReal/cayley-sql: how many quads Cayley's SQL writer writes (0: all)")

// BenchmarkLoadPostgresReal loads the real benchmark graph into an empty
// store three ways, side by side:
//
//   - bolt: `pharmagraph load` into bolt (durable and queryable when it
//     returns), the baseline;
//   - postgres: `pharmagraph load` into PostgreSQL: COPY into Cayley's
//     tables in one transaction, committed when it returns;
//   - cayley-sql: Cayley's own SQL writer given the same quads, already
//     parsed: a statement per quad, so only the first -cayley-quads of
//     them (0: all, which takes hours on a busy 2-core machine).
//
// Each reports quads/s, the quads written over the time taken.
func BenchmarkLoadPostgresReal(b *testing.B) {
	files := realdata.Benchmark(b)
	ctx := context.Background()
	load := func(b *testing.B, backend string, addr func() string) {
		b.StopTimer()
		quads := 0
		for i := 0; i < b.N; i++ {
			s := open(b, backend, addr())
			b.StartTimer()
			rep, err := loader.Load(ctx, s, loader.Options{}, files...)
			if err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			quads += rep.Quads
			s.Close()
		}
		b.ReportMetric(float64(quads)/b.Elapsed().Seconds(), "quads/s")
	}
	b.Run("bolt", func(b *testing.B) { load(b, "bolt", b.TempDir) })
	b.Run("postgres", func(b *testing.B) { load(b, "postgres", func() string { return pgtest.Database(b) }) })
	b.Run("cayley-sql", func(b *testing.B) {
		mem := loadedFrom(b, "memory", files...)
		quads := graph.Quads(mem)
		mem.Close()
		if n := *cayleyQuads; n > 0 && n < len(quads) {
			quads = quads[:n]
		}
		for i := 0; i < b.N; i++ {
			url := pgtest.Database(b)
			if err := cgraph.InitQuadStore("postgres", url, nil); err != nil {
				b.Fatal(err)
			}
			qs, err := cgraph.NewQuadStore("postgres", url, nil)
			if err != nil {
				b.Fatal(err)
			}
			w, err := qs.NewQuadWriter()
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			if _, err := quad.CopyBatch(w, quad.NewReader(quads), quad.DefaultBatch); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			w.Close()
			qs.Close()
		}
		b.ReportMetric(float64(len(quads)*b.N)/b.Elapsed().Seconds(), "quads/s")
	})
}

// BenchmarkOpenPostgresReal opens a store holding the real benchmark graph:
// bolt from its index snapshot, the baseline, and PostgreSQL by streaming
// its nodes and quads.
func BenchmarkOpenPostgresReal(b *testing.B) {
	files := realdata.Benchmark(b)
	bolt := loadedFrom(b, "bolt", files...)
	dir := bolt.Addr()
	bolt.Close()
	url := pgtest.Database(b)
	pg := open(b, "postgres", url)
	if _, err := loader.Load(context.Background(), pg, loader.Options{}, files...); err != nil {
		b.Fatal(err)
	}
	pg.Close()
	for _, c := range []struct{ backend, addr string }{{"bolt", dir}, {"postgres", url}} {
		b.Run(c.backend, func(b *testing.B) {
			for b.Loop() {
				s, err := graph.Open(context.Background(), c.backend, c.addr, graph.Options{})
				if err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
		})
	}
}

// BenchmarkFollowPostgres times how long a load made through one store
// takes to be seen by a second store on the same database, as by two
// servers: from the first store's Write returning to the second answering
// with the new node. Each load adds one drug to the seed graph.
func BenchmarkFollowPostgres(b *testing.B) {
	ctx := context.Background()
	url := pgtest.Database(b)
	writer := open(b, "postgres", url)
	if _, err := loader.LoadFS(ctx, writer, seeds.FS()); err != nil {
		b.Fatal(err)
	}
	reader := open(b, "postgres", url)
	var worst time.Duration
	for i := 0; b.Loop(); i++ {
		id := graph.ID(fmt.Sprintf("PG:bench-drug-%d", i))
		batch := graph.Batch{Nodes: []graph.NodeFact{{
			Node:       graph.Node{ID: id, Category: graph.Drug, Name: string(id)},
			Provenance: graph.Provenance{Source: "pgsrc:curated"},
		}}}
		b.StopTimer()
		if _, err := writer.Write(ctx, batch); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		start := time.Now()
		for {
			if _, ok := reader.Category(ctx, id); ok {
				break
			}
			time.Sleep(time.Millisecond)
		}
		worst = max(worst, time.Since(start))
	}
	b.ReportMetric(float64(worst.Milliseconds()), "worst-ms")
}
