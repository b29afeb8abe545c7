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
	seizures := lookup(t, s, "seizures", graph.Effect)
	type read struct {
		name string
		all  func(context.Context, graph.ID, graph.Scope) ([]graph.EffectEdge, error)
		page func(context.Context, graph.ID, graph.Scope, graph.Page) (graph.EffectPage, error)
		id   graph.ID
	}
	reads := []read{
		{"Effects", s.Effects, s.EffectsPage, baclofen},
		{"EffectOf", s.EffectOf, s.EffectOfPage, seizures},
	}
	scopes := []graph.Scope{{}, {Contexts: []graph.Context{graph.Withdrawal}}, {Sources: []graph.ID{"pgsrc:baclofen-withdrawal"}}}
	for _, r := range reads {
		for _, sc := range scopes {
			want, err := r.all(ctx, r.id, sc)
			if err != nil {
				t.Fatal(err)
			}
			checkPages(t, fmt.Sprintf("%s/%v%v", r.name, sc.Contexts, sc.Sources), want, func(p graph.Page) ([]graph.EffectEdge, graph.PageInfo, error) {
				pg, err := r.page(ctx, r.id, sc, p)
				return pg.Edges, pg.PageInfo, err
			})
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

// TestTreatmentsPage checks the pages of the treatments of spasticity
// against the whole list.
func TestTreatmentsPage(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	spasticity := lookup(t, s, "spasticity", graph.Condition)
	for _, sc := range []graph.Scope{{}, {Statuses: []graph.Status{graph.Approved}}} {
		want, err := s.Treatments(ctx, spasticity, sc)
		if err != nil {
			t.Fatal(err)
		}
		checkPages(t, fmt.Sprint(sc.Statuses), want, func(p graph.Page) ([]graph.Indication, graph.PageInfo, error) {
			pg, err := s.TreatmentsPage(ctx, spasticity, sc, p)
			return pg.Indications, pg.PageInfo, err
		})
	}
}

// checkPages reads the pages of want with read, each after the last
// cursor of the one before, at several sizes, and checks that they add up
// to want, and that each tells its place in the list.
func checkPages[E any](t *testing.T, name string, want []E, read func(graph.Page) ([]E, graph.PageInfo, error)) {
	t.Helper()
	for _, first := range []int{0, 1, 3, len(want), graph.MaxPage} {
		t.Run(fmt.Sprintf("%s/first%d", name, first), func(t *testing.T) {
			size := first
			if size == 0 {
				size = graph.DefaultPage
			}
			var got []E
			p := graph.Page{First: first}
			for n := 0; ; n++ {
				items, info, err := read(p)
				if err != nil {
					t.Fatalf("page %d: %v", n, err)
				}
				if info.Total != len(want) || len(info.Cursors) != len(items) || info.HasPrevious != (n > 0) || len(items) > size {
					t.Fatalf("page %d: total %d, %d cursors for %d items, hasPrevious %v", n, info.Total, len(info.Cursors), len(items), info.HasPrevious)
				}
				got = append(got, items...)
				if !info.HasNext {
					break
				}
				if len(items) == 0 {
					t.Fatalf("page %d is empty and says more follow", n)
				}
				p.After = info.Cursors[len(info.Cursors)-1]
			}
			if len(got) != len(want) || len(want) > 0 && !reflect.DeepEqual(got, want) {
				t.Errorf("pages add up to %d items, want the %d of the whole list, in order", len(got), len(want))
			}
		})
	}
	// After the last item comes nothing.
	_, all, err := read(graph.Page{First: graph.MaxPage})
	if err != nil || len(all.Cursors) == 0 {
		return
	}
	items, end, err := read(graph.Page{After: all.Cursors[len(all.Cursors)-1]})
	if err != nil || len(items) != 0 || end.HasNext || !end.HasPrevious {
		t.Errorf("%s after the last item = %d items, hasNext %v, hasPrevious %v, %v; want none, false, true",
			name, len(items), end.HasNext, end.HasPrevious, err)
	}
}

// lookup returns the id of the node of category c named name.
func lookup(t testing.TB, s *graph.Store, name string, c graph.Category) graph.ID {
	t.Helper()
	n, err := s.Lookup(context.Background(), name, c)
	if err != nil {
		t.Fatal(err)
	}
	return n.ID
}

// TestInteractionsPage checks the pages of baclofen's interactions, with
// and without those inferred from classes, against the whole list.
func TestInteractionsPage(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	for _, inferred := range []bool{false, true} {
		want, err := s.Interactions(ctx, baclofen, inferred, graph.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		checkPages(t, fmt.Sprint("inferred ", inferred), want, func(p graph.Page) ([]graph.Interaction, graph.PageInfo, error) {
			pg, err := s.InteractionsPage(ctx, baclofen, inferred, graph.Scope{}, p)
			return pg.Interactions, pg.PageInfo, err
		})
	}
}
