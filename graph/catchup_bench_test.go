package graph_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"pharmagraph/graph"
)

// BenchmarkCatchUpReal loads the real benchmark graph into a bolt store and
// at once asks one query (the overlap of two hub drugs) over and over in a
// closed loop while the journal is applied to Cayley behind the load, then
// as many times again once Cayley has it all: the 99th percentile of the
// query's time during catch-up beside the same in steady state.
func BenchmarkCatchUpReal(b *testing.B) {
	ctx := context.Background()
	const aripiprazole = graph.ID("DRUGBANK:DB01238")
	for b.Loop() {
		s := realGraph(b, "bolt")
		synced := make(chan error, 1)
		go func() { synced <- s.Sync(ctx) }()
		query := func() time.Duration {
			start := time.Now()
			if _, err := s.Overlap(ctx, pregabalin, aripiprazole, graph.OverlapOptions{}); err != nil {
				b.Fatal(err)
			}
			return time.Since(start)
		}
		var during []time.Duration
		started := time.Now()
	catchUp:
		for {
			select {
			case err := <-synced:
				if err != nil {
					b.Fatal(err)
				}
				break catchUp
			default:
				during = append(during, query())
			}
		}
		caughtUp := time.Since(started)
		steady := make([]time.Duration, len(during))
		for i := range steady {
			steady[i] = query()
		}
		p99 := func(ds []time.Duration) float64 {
			slices.Sort(ds)
			return float64(ds[len(ds)*99/100].Microseconds()) / 1000
		}
		if len(during) < 100 {
			b.Fatalf("only %d queries during catch-up", len(during))
		}
		pd, ps := p99(during), p99(steady)
		b.ReportMetric(pd, "p99-catchup-ms")
		b.ReportMetric(ps, "p99-steady-ms")
		b.ReportMetric(pd/ps, "ratio")
		b.Logf("catch-up took %v; %d queries during it", caughtUp, len(during))
	}
}
