package graph_test

import (
	"runtime"
	"testing"

	"pharmagraph/graph"
)

// BenchmarkIndexReal builds the index of the real benchmark graph from its
// quads, as opening a store does, and reports the live heap the index
// holds per fact (after a collection, over the facts it holds) beside the
// heap of the quads it was built from: Cayley's own decoded form.
func BenchmarkIndexReal(b *testing.B) {
	s := realGraph(b, "memory")
	quads := graph.Quads(s)
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var facts int
	var perFact float64
	for b.Loop() {
		b.StopTimer()
		before := heap()
		b.StartTimer()
		n, idx := graph.BuildIndex(quads)
		b.StopTimer()
		perFact = float64(heap()-before) / float64(n)
		runtime.KeepAlive(idx)
		facts = n
		b.StartTimer()
	}
	b.ReportMetric(perFact, "index-B/fact")
	b.ReportMetric(float64(facts), "facts")
	// The quads' own heap: drop them and see what goes.
	withQuads := heap()
	n := len(quads)
	quads = nil
	b.ReportMetric(float64(withQuads-heap())/float64(facts), "quads-B/fact")
	b.Logf("%d quads, %d facts", n, facts)
}
