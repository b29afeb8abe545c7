package export_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	_ "github.com/cayleygraph/cayley/graph/kv/bbolt"

	"pharmagraph/export"
	"pharmagraph/graph"
	"pharmagraph/loader"
)

// TestRoundTripReal is TestRoundTrip on the real benchmark graph in
// ../shared/data: exported as KGX TSV and as N-Quads, loaded into an empty
// bolt store, and exported again, the files are the same byte for byte.
func TestRoundTripReal(t *testing.T) {
	if testing.Short() {
		t.Skip("loads the real data sets three times; skipped with -short")
	}
	dir := filepath.Join("..", "..", "shared", "data")
	files := []string{
		"hetionet/hetionet-v1.0-nodes.tsv", "hetionet/hetionet-v1.0-pharma-edges.sif.gz",
		"sider4/drugbank-pubchem-map.tsv.gz", "sider4/meddra_all_se.tsv.gz", "sider4/meddra_freq.tsv.gz",
		"sider4/meddra_all_indications.tsv.gz", "ogbl-ddi/ddi_nodes.tsv", "ogbl-ddi/ddi_edges.tsv.gz",
		"drugbank-vocabulary/drugbank_vocabulary.csv",
	}
	for i, f := range files {
		files[i] = filepath.Join(dir, f)
		if _, err := os.Stat(files[i]); err != nil {
			t.Skipf("the real data sets are not at %s: %v", dir, err)
		}
	}
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
