package graph_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"pharmagraph/graph"
)

// ids returns the ids of ns, nil for none.
func ids(ns []graph.Node) (out []graph.ID) {
	for _, n := range ns {
		out = append(out, n.ID)
	}
	return out
}

// TestOverlapAll checks each answer against the drugs' own effect lists:
// every effect of any drug stands in the one subset of exactly the drugs
// that have it, and two drugs give what Overlap gives.
func TestOverlapAll(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	nine := []graph.ID{baclofen, ethanol, hydrocodone, acetaminophen, sodiumOxybate, hydrocodoneAP,
		"PG:calcium-magnesium-potassium-sodium-oxybates", "DRUGBANK:DB02530", "DRUGBANK:DB00659"} // the seeds have eight drugs; the cap comes first
	tests := []struct {
		name    string
		ids     []graph.ID
		sc      graph.Scope
		wantErr error
	}{
		{name: "two", ids: []graph.ID{baclofen, ethanol}},
		{name: "three", ids: []graph.ID{baclofen, ethanol, hydrocodone}},
		{name: "overdose", ids: []graph.ID{baclofen, ethanol, hydrocodone, sodiumOxybate}, sc: graph.Scope{Contexts: []graph.Context{graph.Overdose}}},
		{name: "one source", ids: []graph.ID{ethanol, baclofen, acetaminophen}, sc: graph.Scope{Sources: []graph.ID{"pgsrc:baclofen-withdrawal"}}},
		{name: "eight", ids: nine[:8]},
		{name: "nine", ids: nine, wantErr: graph.ErrInvalid},
		{name: "twice", ids: []graph.ID{baclofen, ethanol, baclofen}, wantErr: graph.ErrInvalid},
		{name: "unknown", ids: []graph.ID{baclofen, "DRUGBANK:DB99999"}, wantErr: graph.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := s.OverlapAll(ctx, tt.ids, tt.sc)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("OverlapAll(%v) error = %v, want %v", tt.ids, err, tt.wantErr)
			}
			if err != nil {
				return
			}
			// The combination of drugs each effect should stand in, from Effects.
			want := map[graph.ID][]graph.ID{}
			for _, id := range tt.ids {
				es, err := s.Effects(ctx, id, tt.sc)
				if err != nil {
					t.Fatal(err)
				}
				for _, e := range es {
					if !slices.Contains(want[e.Effect.ID], id) {
						want[e.Effect.ID] = append(want[e.Effect.ID], id)
					}
				}
			}
			got := map[graph.ID][]graph.ID{}
			for i, sub := range o.Subsets {
				if len(sub.Effects) == 0 {
					t.Errorf("subset %v has no effects", ids(sub.Drugs))
				}
				if i > 0 && len(sub.Drugs) > len(o.Subsets[i-1].Drugs) {
					t.Errorf("subset %v after the smaller %v", ids(sub.Drugs), ids(o.Subsets[i-1].Drugs))
				}
				for _, e := range sub.Effects {
					if got[e.ID] != nil {
						t.Errorf("%s in two subsets", e.Name)
					}
					got[e.ID] = ids(sub.Drugs)
				}
			}
			for e, ds := range want {
				if !slices.Equal(got[e], ds) {
					t.Errorf("effect %s in subset %v, want %v", e, got[e], ds)
				}
			}
			if len(got) != len(want) {
				t.Errorf("%d effects in subsets, want %d", len(got), len(want))
			}
			for i, only := range o.Only {
				if d := ids(only.Drugs); !slices.Equal(d, tt.ids[i:i+1]) {
					t.Errorf("Only[%d] is of %v, want %s", i, d, tt.ids[i])
				}
				for _, e := range only.Effects {
					if !slices.Equal(want[e.ID], tt.ids[i:i+1]) {
						t.Errorf("Only[%d] has %s, an effect of %v", i, e.Name, want[e.ID])
					}
				}
			}
			for _, e := range o.All {
				if len(want[e.ID]) != len(tt.ids) {
					t.Errorf("All has %s, an effect of %v", e.Name, want[e.ID])
				}
			}
			if len(tt.ids) != 2 {
				return
			}
			two, err := s.Overlap(ctx, tt.ids[0], tt.ids[1], graph.OverlapOptions{ContextsA: tt.sc.Contexts, ContextsB: tt.sc.Contexts, Sources: tt.sc.Sources})
			if err != nil {
				t.Fatal(err)
			}
			var shared []graph.Node
			for _, e := range two.Shared {
				shared = append(shared, e.Effect)
			}
			if !slices.Equal(ids(o.All), ids(shared)) || !slices.Equal(ids(o.Only[0].Effects), ids(two.OnlyA)) || !slices.Equal(ids(o.Only[1].Effects), ids(two.OnlyB)) {
				t.Errorf("OverlapAll differs from Overlap: all %v, only %v %v; want %v, %v %v",
					ids(o.All), ids(o.Only[0].Effects), ids(o.Only[1].Effects), ids(shared), ids(two.OnlyA), ids(two.OnlyB))
			}
		})
	}
}
