package graph_test

import (
	"runtime"
	"testing"

	"pharmagraph/graph"
)

// BenchmarkIndexReal builds the index of the real benchmark graph from its
// quads, as opening a store does, and reports the live heap the index
// holds per fact (after a collection, over the facts it holds), and of
// that what the fact lists take; the rest is the nodes' records, names and
// annotations, which grow with the nodes.
func BenchmarkIndexReal(b *testing.B) {
	s := realGraph(b, "memory")
	quads := graph.Quads(s)
	heap := func() uint64 {
		runtime.GC()
		var m runtime.MemStats
		runtime.ReadMemStats(&m)
		return m.HeapAlloc
	}
	var facts, lists int
	var perFact float64
	for b.Loop() {
		b.StopTimer()
		before := heap()
		b.StartTimer()
		n, l, idx := graph.BuildIndex(quads)
		b.StopTimer()
		perFact = float64(heap()-before) / float64(n)
		runtime.KeepAlive(idx)
		facts, lists = n, l
		b.StartTimer()
	}
	b.ReportMetric(perFact, "index-B/fact")
	b.ReportMetric(float64(lists)/float64(facts), "lists-B/fact")
	b.ReportMetric(float64(facts), "facts")
	b.Logf("%d quads, %d facts", len(quads), facts)
}
