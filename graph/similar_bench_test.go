package graph_test

import (
	"context"
	"slices"
	"testing"

	"pharmagraph/graph"
)

// BenchmarkSimilarReal asks for the 20 drugs whose effects are most like
// those of pregabalin, a hub drug of the real benchmark graph (some 840
// effects), two ways side by side: through the store's index, and over
// plain Go maps of the same edges built once (drug to effects, effect to
// drugs), with the same co-occurrence count and ranking: the floor. The
// other relations follow, through the index alone.
func BenchmarkSimilarReal(b *testing.B) {
	s := realGraph(b, "memory")
	ctx := context.Background()
	const first = 20
	collectedRun(b, "index", func(b *testing.B) {
		for b.Loop() {
			hits, err := s.Similar(ctx, pregabalin, graph.ByEffects, first, graph.Scope{})
			if err != nil || len(hits) != first {
				b.Fatal(err, len(hits))
			}
		}
	})
	collectedRun(b, "map", func(b *testing.B) {
		effects, drugs := map[graph.ID][]graph.ID{}, map[graph.ID][]graph.ID{}
		err := s.EachFact(ctx, graph.Filter{Predicates: []graph.Predicate{graph.HasAdverseEvent}}, func(f graph.Fact) error {
			if !slices.Contains(effects[f.Subject], f.Object) {
				effects[f.Subject] = append(effects[f.Subject], f.Object)
				drugs[f.Object] = append(drugs[f.Object], f.Subject)
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
		type hit struct {
			drug    graph.ID
			shared  int
			jaccard float64
		}
		for b.Loop() {
			count := map[graph.ID]int{}
			for _, e := range effects[pregabalin] {
				for _, d := range drugs[e] {
					if d != pregabalin {
						count[d]++
					}
				}
			}
			hits := make([]hit, 0, len(count))
			for d, n := range count {
				hits = append(hits, hit{d, n, float64(n) / float64(len(effects[pregabalin])+len(effects[d])-n)})
			}
			slices.SortFunc(hits, func(a, b hit) int {
				switch {
				case a.jaccard > b.jaccard:
					return -1
				case a.jaccard < b.jaccard:
					return 1
				}
				return b.shared - a.shared
			})
			if len(hits) < first {
				b.Fatal("too few hits")
			}
		}
	})
	for _, by := range graph.SimilarKinds()[1:] {
		b.Run("index/"+string(by), func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Similar(ctx, pregabalin, by, first, graph.Scope{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
