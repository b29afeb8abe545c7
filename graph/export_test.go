package graph

import (
	"context"
	"unsafe"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// QuadStore exposes the Cayley store under s to the benchmarks that compare
// the index with Cayley's own queries.
func QuadStore(s *Store) cgraph.QuadStore { return s.qs }

// Quads returns every quad of s, for the benchmarks that hand the same
// quads to Cayley's own writer.
func Quads(s *Store) []quad.Quad {
	var out []quad.Quad
	s.read(context.Background(), func(x *index) error {
		return x.eachQuad(func(q quad.Quad) error {
			out = append(out, q)
			return nil
		})
	})
	return out
}

// BuildIndex builds an index of the quads as a store's open does and
// returns how many facts it holds, the bytes its fact lists take, and the
// index for the caller to keep alive while it measures the heap.
func BuildIndex(quads []quad.Quad) (facts, listBytes int, idx any) {
	x := newIndex()
	for _, q := range quads {
		x.add(q)
	}
	x.refresh()
	for _, lists := range []map[ID][]half{x.out, x.in} {
		for _, l := range lists {
			listBytes += cap(l) * int(unsafe.Sizeof(half{}))
		}
	}
	return x.facts, listBytes, x
}
