package graph_test

import (
	"context"
	"strings"
	"testing"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"pharmagraph/graph"
	"pharmagraph/loader"
	"pharmagraph/seeds"
)

// TestVerify checks that a store holding the seeds verifies, on open and
// after a reopen from its snapshot and journal, and that a quad Cayley has
// and the index lacks is found.
func TestVerify(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := open(t, "bolt", dir)
	if _, err := loader.LoadFS(ctx, s, seeds.FS()); err != nil {
		t.Fatal(err)
	}
	if err := s.Verify(ctx); err != nil {
		t.Fatalf("after the seeds: %v", err)
	}
	s.Close()
	s = open(t, "bolt", dir)
	if err := s.Verify(ctx); err != nil {
		t.Fatalf("after a reopen: %v", err)
	}
	stray := quad.Make(quad.IRI("TEST:stray"), quad.IRI("biolink:name"), quad.String("stray"), nil)
	if err := graph.QuadStore(s).ApplyDeltas([]cgraph.Delta{{Quad: stray, Action: cgraph.Add}}, cgraph.IgnoreOpts{}); err != nil {
		t.Fatal(err)
	}
	if err := s.Verify(ctx); err == nil || !strings.Contains(err.Error(), "TEST:stray") {
		t.Errorf("with a quad only in Cayley: %v, want an error naming it", err)
	}
}
