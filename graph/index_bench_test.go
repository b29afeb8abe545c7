package graph_test

import (
	"flag"
	"os"
	"runtime"
	"runtime/pprof"
	"testing"

	"pharmagraph/graph"
)

var indexProfile = flag.String("indexprofile", "", "write a heap profile to this file while the index BenchmarkIndexReal built is live")

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
		if *indexProfile != "" {
			writeHeapProfile(b, *indexProfile)
		}
		runtime.KeepAlive(idx)
		facts, lists = n, l
		b.StartTimer()
	}
	b.ReportMetric(perFact, "index-B/fact")
	b.ReportMetric(float64(lists)/float64(facts), "lists-B/fact")
	b.ReportMetric(float64(facts), "facts")
	b.Logf("%d quads, %d facts", len(quads), facts)
}

// writeHeapProfile writes a profile of the live heap to the file name.
func writeHeapProfile(b *testing.B, name string) {
	f, err := os.Create(name)
	if err != nil {
		b.Fatal(err)
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		b.Fatal(err)
	}
}
