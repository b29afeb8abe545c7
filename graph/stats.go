package graph

import (
	"context"
	"sort"
)

// Count is the number of nodes of a category or edges of a predicate.
type Count struct {
	Key   string // a category or predicate CURIE
	Count int
}

// Stats counts what the store holds.
type Stats struct {
	Nodes      int
	Edges      int // distinct facts: an edge stated by two sources counts twice
	Sources    int
	Categories []Count // nodes by category, ordered by the category's name
	Predicates []Count // edges by predicate, ordered by key
	BySource   []Count // edges by source, ordered by key
}

// Stats counts the store's nodes by category and edges by predicate.
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	var st Stats
	err := s.read(ctx, func(x *index) error {
		cats, preds, srcs := map[string]int{}, map[string]int{}, map[string]int{}
		for n := range x.allNodes() {
			cats[string(n.category)]++
		}
		for e := range x.allEdges() {
			preds[string(e.predicate)]++
			srcs[string(x.prov(e.ann).Source)]++
		}
		st = Stats{Nodes: x.nodeCount, Edges: x.facts, Sources: len(x.sources),
			Categories: counts(cats), Predicates: counts(preds), BySource: counts(srcs)}
		sort.Slice(st.Categories, func(i, j int) bool {
			return Category(st.Categories[i].Key).Name() < Category(st.Categories[j].Key).Name()
		})
		return nil
	})
	return st, err
}

func counts(m map[string]int) []Count {
	out := make([]Count, 0, len(m))
	for k, n := range m {
		out = append(out, Count{k, n})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}
