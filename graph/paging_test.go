package graph_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"reflect"
	"testing"

	"pharmagraph/graph"
)

// TestEffectsPage checks that the pages of a list, each begun after the
// cursor of the one before, add up to the whole list, for the effects of a
// drug and the drugs of an effect, with and without a scope, at several
// page sizes.
func TestEffectsPage(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	seizures, err := s.Lookup(ctx, "seizures", graph.Effect)
	if err != nil {
		t.Fatal(err)
	}
	type read struct {
		name string
		all  func(context.Context, graph.ID, graph.Scope) ([]graph.EffectEdge, error)
		page func(context.Context, graph.ID, graph.Scope, graph.Page) (graph.EffectPage, error)
		id   graph.ID
	}
	reads := []read{
		{"Effects", s.Effects, s.EffectsPage, baclofen},
		{"EffectOf", s.EffectOf, s.EffectOfPage, seizures.ID},
	}
	scopes := []graph.Scope{{}, {Contexts: []graph.Context{graph.Withdrawal}}, {Sources: []graph.ID{"pgsrc:baclofen-withdrawal"}}}
	for _, r := range reads {
		for _, sc := range scopes {
			want, err := r.all(ctx, r.id, sc)
			if err != nil {
				t.Fatal(err)
			}
			for _, first := range []int{0, 1, 3, len(want), graph.MaxPage} {
				t.Run(fmt.Sprintf("%s/%v%v/first%d", r.name, sc.Contexts, sc.Sources, first), func(t *testing.T) {
					var got []graph.EffectEdge
					p := graph.Page{First: first}
					for n := 0; ; n++ {
						pg, err := r.page(ctx, r.id, sc, p)
						if err != nil {
							t.Fatalf("page %d: %v", n, err)
						}
						if pg.Total != len(want) || len(pg.Cursors) != len(pg.Edges) || pg.HasPrevious != (n > 0) {
							t.Fatalf("page %d: total %d, %d cursors for %d edges, hasPrevious %v", n, pg.Total, len(pg.Cursors), len(pg.Edges), pg.HasPrevious)
						}
						if first > 0 && len(pg.Edges) > first || first == 0 && len(pg.Edges) > graph.DefaultPage {
							t.Fatalf("page %d has %d edges, first %d", n, len(pg.Edges), first)
						}
						got = append(got, pg.Edges...)
						if !pg.HasNext {
							break
						}
						if len(pg.Edges) == 0 {
							t.Fatalf("page %d is empty and says more follow", n)
						}
						p.After = pg.Cursors[len(pg.Cursors)-1]
					}
					if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
						t.Errorf("pages add up to %d edges, want the %d of the whole list, in order", len(got), len(want))
					}
				})
			}
			// After the last edge comes nothing.
			all, err := r.page(ctx, r.id, sc, graph.Page{First: graph.MaxPage})
			if err != nil || len(all.Edges) == 0 {
				continue
			}
			end, err := r.page(ctx, r.id, sc, graph.Page{After: all.Cursors[len(all.Cursors)-1]})
			if err != nil || len(end.Edges) != 0 || end.HasNext || !end.HasPrevious {
				t.Errorf("%s after the last edge = %d edges, hasNext %v, hasPrevious %v, %v; want none, false, true",
					r.name, len(end.Edges), end.HasNext, end.HasPrevious, err)
			}
		}
	}
}

// TestEffectsPageInvalid checks that a page size out of bounds and a cursor
// that is not one are invalid, and an unknown node is not found.
func TestEffectsPageInvalid(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	b64 := base64.RawURLEncoding.EncodeToString
	tests := []struct {
		name string
		id   graph.ID
		page graph.Page
		want error
	}{
		{"negative first", baclofen, graph.Page{First: -1}, graph.ErrInvalid},
		{"first above the bound", baclofen, graph.Page{First: graph.MaxPage + 1}, graph.ErrInvalid},
		{"cursor not base64", baclofen, graph.Page{After: "!!!"}, graph.ErrInvalid},
		{"cursor of two parts", baclofen, graph.Page{After: b64([]byte("ADVERSE\x00drowsiness"))}, graph.ErrInvalid},
		{"cursor without an id", baclofen, graph.Page{After: b64([]byte("ADVERSE\x00drowsiness\x00"))}, graph.ErrInvalid},
		{"unknown node", "DRUGBANK:DB99999", graph.Page{}, graph.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.EffectsPage(ctx, tt.id, graph.Scope{}, tt.page); !errors.Is(err, tt.want) {
				t.Errorf("EffectsPage(%s, %+v) error = %v, want %v", tt.id, tt.page, err, tt.want)
			}
		})
	}
}
