package graph

import (
	"context"
	"reflect"
	"strings"
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

// DropSearchTable makes the next Search of s build its table of names
// anew, as the first search after a write does.
func DropSearchTable(s *Store) {
	s.names.mu.Lock()
	s.names.t = nil
	s.names.mu.Unlock()
}

// ScanNames counts the folded names of s that hold q, reading every one as
// Search did before its table: the baseline of BenchmarkSearchReal.
func ScanNames(s *Store, q string) int {
	n := 0
	s.read(context.Background(), func(x *index) error {
		for k := range x.foldedNames() {
			if strings.Contains(k, q) {
				n++
			}
		}
		return nil
	})
	return n
}

// RebuildFrom sets the fewest new quads for which a PostgreSQL load
// rebuilds the quads table's indexes, and returns a function that restores
// it.
func RebuildFrom(n int) func() {
	old := rebuildFrom
	rebuildFrom = n
	return func() { rebuildFrom = old }
}

// BuildIndex builds an index of the quads as a store's open does and
// returns how many facts it holds, the bytes its fact lists take, and the
// index for the caller to keep alive while it measures the heap. Each quad
// is handed over with strings of its own, as decoding a snapshot or a
// Cayley scan allocates them, so that the strings the index keeps count in
// the heap it measures.
func BuildIndex(quads []quad.Quad) (facts, listBytes int, idx any) {
	x := newIndex()
	for _, q := range quads {
		x.add(cloneQuad(q))
	}
	x.refresh()
	for _, lists := range []*factLists{&x.out, &x.in} {
		listBytes += cap(lists.flat)*int(unsafe.Sizeof(half{})) + cap(lists.starts)*4
		for _, l := range lists.fresh {
			listBytes += cap(l) * int(unsafe.Sizeof(half{}))
		}
	}
	return x.facts, listBytes, x
}

// cloneQuad returns q with copies of its strings.
func cloneQuad(q quad.Quad) quad.Quad {
	clone := func(v quad.Value) quad.Value {
		switch v := v.(type) {
		case quad.IRI:
			return quad.IRI(strings.Clone(string(v)))
		case quad.String:
			return quad.String(strings.Clone(string(v)))
		}
		return v
	}
	return quad.Quad{Subject: clone(q.Subject), Predicate: clone(q.Predicate), Object: clone(q.Object), Label: clone(q.Label)}
}

// EffectListsDiffer returns the drugs of s whose effect list, as refresh
// keeps it, differs from the one buildEffectList makes from their edges.
func EffectListsDiffer(s *Store) []ID {
	var out []ID
	s.read(context.Background(), func(x *index) error {
		for d, list := range x.effectsOf {
			if !reflect.DeepEqual(list, x.buildEffectList(d, nil, nil)) {
				out = append(out, d)
			}
		}
		if len(x.effectsOf) == 0 {
			out = append(out, "") // nothing compared
		}
		return nil
	})
	return out
}
