package export_test

import (
	"context"
	"testing"

	_ "github.com/cayleygraph/cayley/graph/kv/bbolt"

	"pharmagraph/export"
	"pharmagraph/graph"
	"pharmagraph/internal/realdata"
	"pharmagraph/loader"
)

// TestRoundTripReal is TestRoundTrip on the real benchmark graph in
// ../shared/data: exported as KGX TSV and as N-Quads, loaded into an empty
// bolt store, and exported again, the files are the same byte for byte.
func TestRoundTripReal(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the real data sets three times; skipped with -short")
	}
	files := realdata.Benchmark(t)
	ctx := context.Background()
	open := func(t *testing.T) *graph.Store {
		s, err := graph.Open(ctx, "bolt", t.TempDir(), graph.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	src := open(t)
	if _, err := loader.Load(ctx, src, loader.Options{}, files...); err != nil {
		t.Fatal(err)
	}
	for _, f := range []export.Format{export.KGXTSV, export.NQuads} {
		t.Run(string(f), func(t *testing.T) {
			o := export.Options{Format: f, Gzip: true}
			first := t.TempDir()
			m, err := export.Save(ctx, src, o, first)
			if err != nil {
				t.Fatal(err)
			}
			s := open(t)
			rep, err := loader.Load(ctx, s, loader.Options{Strict: true}, first)
			if err != nil {
				t.Fatalf("loading the export: %v", err)
			}
			again, err := export.Save(ctx, s, o, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			for i, file := range m.Files {
				if again.Files[i] != file {
					t.Errorf("%s differs after a round trip: %+v, then %+v", file.Name, file, again.Files[i])
				}
			}
			t.Logf("%s: %d facts and %d nodes out, %d facts and %d nodes back in", f,
				m.Counts.Facts, m.Counts.Nodes, rep.NewFacts, rep.NewNodes)
		})
	}
}
