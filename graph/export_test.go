package graph

import (
	"context"

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

// DropSearchTable makes the next Search of s build its table of names
// anew, as the first search after a write does.
func DropSearchTable(s *Store) {
	s.names.mu.Lock()
	s.names.t = nil
	s.names.mu.Unlock()
}
