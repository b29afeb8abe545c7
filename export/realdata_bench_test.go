package export_test

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"pharmagraph/export"
	"pharmagraph/graph"
	"pharmagraph/loader"
)

// BenchmarkExportReal writes the KGX TSV export of the real benchmark graph
// (Hetionet's drug edges, SIDER, the interaction network and the DrugBank
// vocabulary, loaded from ../shared/data) to files, and reports how much the
// heap grew while it ran: an export streams, so that stays near zero
// whatever the size of the graph.
func BenchmarkExportReal(b *testing.B) {
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
			b.Skipf("the real data sets are not at %s: %v", dir, err)
		}
	}
	ctx := context.Background()
	s, err := graph.Open(ctx, "memory", "", graph.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if _, err := loader.Load(ctx, s, loader.Options{}, files...); err != nil {
		b.Fatal(err)
	}
	st, _ := s.Stats(ctx)
	for _, format := range []export.Format{export.KGXTSV, export.NQuads} {
		b.Run(string(format), func(b *testing.B) {
			o := export.Options{Format: format}
			var grew, total uint64
			for b.Loop() {
				out := b.TempDir()
				runtime.GC()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				peak := before.HeapInuse
				done := make(chan struct{})
				go func() { // sample the heap while the export runs
					t := time.NewTicker(20 * time.Millisecond)
					defer t.Stop()
					for {
						select {
						case <-done:
							return
						case <-t.C:
							var m runtime.MemStats
							runtime.ReadMemStats(&m)
							peak = max(peak, m.HeapInuse)
						}
					}
				}()
				m, err := export.Save(ctx, s, o, out)
				close(done)
				if err != nil {
					b.Fatal(err)
				}
				grew = max(grew, peak-before.HeapInuse)
				total = 0
				for _, f := range m.Files {
					total += uint64(f.Bytes)
				}
			}
			b.ReportMetric(float64(st.Edges)*float64(b.N)/b.Elapsed().Seconds(), "edges/s")
			b.ReportMetric(float64(grew)/(1<<20), "MB-heap-growth")
			b.ReportMetric(float64(total)/(1<<20), "MB-written")
		})
	}
}
