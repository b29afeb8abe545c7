package graph_test

import (
	"context"
	"fmt"
	"testing"

	"pharmagraph/graph"
)

// TestPathsSeeds checks every path from baclofen to alcohol in the seeds,
// up to each length: shortest first, from one end to the other through
// no node twice, each step with facts that link its two nodes the way its
// links say, from the sources asked for.
func TestPathsSeeds(t *testing.T) {
	ctx, s := context.Background(), seeded(t, "memory")
	for hops := 1; hops <= graph.MaxPathHops; hops++ {
		for _, sc := range []graph.Scope{{}, {Sources: []graph.ID{"pgsrc:baclofen-withdrawal"}}} {
			c, err := s.Paths(ctx, baclofen, ethanol, graph.PathOptions{MaxHops: hops, First: graph.MaxPaths, Scope: sc})
			if err != nil {
				t.Fatal(err)
			}
			if len(c.Paths) == 0 || c.Truncated {
				t.Fatalf("Paths(baclofen, ethanol, %d hops, %v) = %d paths, truncated %v", hops, sc.Sources, len(c.Paths), c.Truncated)
			}
			if n := len(c.Paths[0].Steps); n != 1 {
				t.Errorf("Paths(baclofen, ethanol) shortest has %d steps, want the stated interaction", n)
			}
			last := 0
			for _, p := range c.Paths {
				checkPath(t, p, baclofen, ethanol, hops, sc)
				if len(p.Steps) < last {
					t.Errorf("a path of %d steps after one of %d", len(p.Steps), last)
				}
				last = len(p.Steps)
			}
		}
	}
	// A bound too small for the two-step paths answers the direct one, and
	// says the answer is cut short.
	c, err := s.Paths(ctx, baclofen, ethanol, graph.PathOptions{MaxHops: 4, First: graph.MaxPaths, Visits: 100})
	if err != nil || !c.Truncated || len(c.Paths) != 1 {
		t.Errorf("Paths(baclofen, ethanol, Visits 100) = %d paths, truncated %v, %v; want 1, truncated", len(c.Paths), c.Truncated, err)
	}
}

func checkPath(t *testing.T, p graph.Path, from, to graph.ID, hops int, sc graph.Scope) {
	t.Helper()
	if len(p.Steps) == 0 || len(p.Steps) > hops || p.Steps[0].From.ID != from || p.Steps[len(p.Steps)-1].To.ID != to {
		t.Fatalf("path %+v does not go from %s to %s in 1 to %d steps", p, from, to, hops)
	}
	seen := map[graph.ID]bool{from: true}
	for i, st := range p.Steps {
		if i > 0 && st.From.ID != p.Steps[i-1].To.ID {
			t.Errorf("step %d starts at %s, not where step %d ends", i, st.From.ID, i-1)
		}
		if seen[st.To.ID] {
			t.Errorf("a path passes through %s twice", st.To.ID)
		}
		seen[st.To.ID] = true
		if len(st.Links) == 0 {
			t.Errorf("step %s to %s has no links", st.From.ID, st.To.ID)
		}
		for _, l := range st.Links {
			subject, object := st.From.ID, st.To.ID
			if l.Backward {
				subject, object = object, subject
			}
			for _, f := range l.Facts {
				if f.Subject != subject || f.Object != object || f.Predicate != l.Predicate || f.Text != "" {
					t.Errorf("link %s backward %v of %s to %s has the fact %+v", l.Predicate, l.Backward, st.From.ID, st.To.ID, f)
				}
				if len(sc.Sources) > 0 && f.Source != sc.Sources[0] {
					t.Errorf("fact %+v from outside the scope", f)
				}
			}
		}
	}
}

// BenchmarkPathsSeeds asks for ten paths of up to four steps from baclofen
// to alcohol in the seeds.
func BenchmarkPathsSeeds(b *testing.B) {
	s := seeded(b, "memory")
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.Paths(ctx, baclofen, ethanol, graph.PathOptions{MaxHops: 4}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPathsReal asks for paths from pregabalin, a hub of the real
// benchmark graph, to baclofen: ten at each bound on length, then the
// most, which takes the search to the bound on half paths.
func BenchmarkPathsReal(b *testing.B) {
	s := realGraph(b, "memory")
	ctx := context.Background()
	run := func(name string, opts graph.PathOptions) {
		b.Run(name, func(b *testing.B) {
			for b.Loop() {
				c, err := s.Paths(ctx, pregabalin, baclofen, opts)
				if err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(len(c.Paths)), "paths")
				if c.Truncated {
					b.ReportMetric(1, "truncated")
				}
			}
		})
	}
	for hops := 1; hops <= graph.MaxPathHops; hops++ {
		run(fmt.Sprintf("hops=%d", hops), graph.PathOptions{MaxHops: hops})
	}
	run("hops=4/first=100", graph.PathOptions{MaxHops: graph.MaxPathHops, First: graph.MaxPaths})
}
