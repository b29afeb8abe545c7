package graph_test

import (
	"testing"

	"pharmagraph/graph"
)

// TestEffectLists checks the effect lists that refresh keeps from each
// drug's sorted facts against those made from its edges one at a time.
func TestEffectLists(t *testing.T) {
	s := seeded(t, "memory")
	if d := graph.EffectListsDiffer(s); len(d) > 0 {
		t.Errorf("effect lists of %v differ from their edges", d)
	}
}
