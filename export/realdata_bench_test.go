package export_test

import (
	"context"
	"io"
	"runtime"
	"testing"

	"pharmagraph/export"
	"pharmagraph/graph"
	"pharmagraph/internal/realdata"
	"pharmagraph/loader"
)

// BenchmarkExportReal writes the KGX TSV and N-Quads exports of the real
// benchmark graph (Hetionet's drug edges, SIDER, the interaction network and
// the DrugBank vocabulary, loaded from ../shared/data) to files, and reports
// how much the live heap grew while one ran: an export streams, so that
// stays small whatever the size of the graph.
func BenchmarkExportReal(b *testing.B) {
	files := realdata.Benchmark(b)
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
			var written int64
			for b.Loop() {
				m, err := export.Save(ctx, s, o, b.TempDir())
				if err != nil {
					b.Fatal(err)
				}
				written = 0
				for _, f := range m.Files {
					written += f.Bytes
				}
			}
			b.ReportMetric(float64(st.Edges)*float64(b.N)/b.Elapsed().Seconds(), "edges/s")
			b.ReportMetric(float64(written)/(1<<20), "MB-written")
			b.ReportMetric(float64(liveGrowth(b, func(w io.Writer) error {
				parts, err := o.Parts()
				for _, p := range parts {
					if err == nil {
						_, err = export.Write(ctx, s, o, p.Name, w)
					}
				}
				return err
			}))/(1<<20), "MB-live-heap-growth")
		})
	}
}

// liveGrowth runs f untimed, writing to a writer that, every 16 MiB, stops
// the export, collects garbage and reads the live heap; it returns how far
// the live heap rose above where it was before. Sampling from inside the
// export keeps it from allocating while the collector marks, which would
// count its garbage as live.
func liveGrowth(b *testing.B, f func(io.Writer) error) uint64 {
	b.StopTimer()
	defer b.StartTimer()
	w := &heapSampler{}
	w.base = w.live()
	if err := f(w); err != nil {
		b.Fatal(err)
	}
	if w.peak < w.base {
		return 0
	}
	return w.peak - w.base
}

type heapSampler struct {
	n          int
	base, peak uint64
}

func (h *heapSampler) live() uint64 {
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

func (h *heapSampler) Write(p []byte) (int, error) {
	h.n += len(p)
	if h.n >= 16<<20 {
		h.n = 0
		h.peak = max(h.peak, h.live())
	}
	return len(p), nil
}
