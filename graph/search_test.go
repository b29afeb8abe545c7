package graph_test

import (
	"context"
	"testing"

	"pharmagraph/graph"
)

// TestSearchSeeds checks the best hit of texts a person types, typos
// included, against the seeds.
func TestSearchSeeds(t *testing.T) {
	s := seeded(t, "memory")
	for _, tt := range []struct {
		text    string
		want    graph.ID
		matched string
		typos   int
	}{
		{"baclofen", baclofen, "baclofen", 0},
		{"Baclofin", baclofen, "baclofen", 1},
		{"bacolfen", baclofen, "baclofen", 1}, // two letters swapped
		{"baclofenn", baclofen, "baclofen", 1},
		{"bacl", baclofen, "baclofen", 0},
		{"baclof", baclofen, "baclofen", 0},
		{"lioresal", baclofen, "Lioresal", 0},
		{"grain alcohol", ethanol, "grain alcohol", 0},
		{"grain alcohl", ethanol, "grain alcohol", 1},
		{"ethanoll", ethanol, "ethanol", 1},
		{"DB00181", baclofen, "DRUGBANK:DB00181", 0},
	} {
		hits, err := s.Search(context.Background(), tt.text, 5)
		if err != nil {
			t.Fatal(err)
		}
		if len(hits) == 0 {
			t.Errorf("Search(%q) found nothing, want %s", tt.text, tt.want)
			continue
		}
		if h := hits[0]; h.Node.ID != tt.want || h.Matched != tt.matched || h.Typos != tt.typos {
			t.Errorf("Search(%q)[0] = %s matched %q with %d typos, want %s matched %q with %d", tt.text, h.Node.ID, h.Matched, h.Typos, tt.want, tt.matched, tt.typos)
		}
		for i := 1; i < len(hits); i++ {
			if hits[i].Score > hits[i-1].Score {
				t.Errorf("Search(%q): hit %d scores %v, above hit %d's %v", tt.text, i, hits[i].Score, i-1, hits[i-1].Score)
			}
		}
	}
	for _, text := range []string{"bcl", "xyzzyq", "baclxxxn"} {
		hits, err := s.Search(context.Background(), text, 5)
		if err != nil || len(hits) != 0 {
			t.Errorf("Search(%q) = %+v, %v; want nothing: too short for a typo or too far", text, hits, err)
		}
	}
}

// BenchmarkSearchReal times one keystroke's search at each length of a
// typed name, typo included, on the real benchmark graph; build times the
// table of names that the first search after a write builds, and scan, the
// baseline, reads every folded name once as Search did before that table.
func BenchmarkSearchReal(b *testing.B) {
	s := realGraph(b, "memory")
	ctx := context.Background()
	b.Run("scan", func(b *testing.B) {
		for b.Loop() {
			graph.ScanNames(s, "baclofen")
		}
	})
	b.Run("build", func(b *testing.B) {
		for b.Loop() {
			graph.DropSearchTable(s)
			if _, err := s.Search(ctx, "baclofen", 10); err != nil {
				b.Fatal(err)
			}
		}
	})
	for _, text := range []string{"b", "ba", "bac", "bacl", "baclo", "baclof", "baclofi", "baclofin", "grain alcohol", "acetaminophen", "nausae"} {
		b.Run(text, func(b *testing.B) {
			for b.Loop() {
				if _, err := s.Search(ctx, text, 10); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestSearchShortKept checks that a search of one or two letters, whose
// hits the table keeps, answers as a longer first asks, and the same twice.
func TestSearchShortKept(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	few, err := s.Search(ctx, "a", 3)
	if err != nil {
		t.Fatal(err)
	}
	all, err := s.Search(ctx, "a", 200)
	if err != nil {
		t.Fatal(err)
	}
	again, _ := s.Search(ctx, "a", 3)
	if len(few) != 3 || len(all) <= 3 {
		t.Fatalf("Search(a) gave %d hits for 3 and %d for 200", len(few), len(all))
	}
	for i := range few {
		if few[i].Node.ID != all[i].Node.ID || again[i].Node.ID != few[i].Node.ID {
			t.Errorf("hit %d: %s, then %s of 200, then %s again", i, few[i].Node.ID, all[i].Node.ID, again[i].Node.ID)
		}
	}
}
