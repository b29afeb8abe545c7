package graph

import cgraph "github.com/cayleygraph/cayley/graph"

// QuadStore exposes the Cayley store under s to the benchmarks that compare
// the index with Cayley's own queries.
func QuadStore(s *Store) cgraph.QuadStore { return s.qs }
