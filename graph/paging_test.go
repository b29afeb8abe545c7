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
	seizures := lookup(t, s, "seizures", graph.Effect)
	scopes := []graph.Scope{{}, {Contexts: []graph.Context{graph.Withdrawal}}, {Sources: []graph.ID{"pgsrc:baclofen-withdrawal"}}}
	edges := func(p graph.EffectPage) ([]graph.EffectEdge, graph.PageInfo) { return p.Edges, p.PageInfo }
	checkScoped(t, "Effects", baclofen, scopes, s.Effects, s.EffectsPage, edges)
	checkScoped(t, "EffectOf", seizures, scopes, s.EffectOf, s.EffectOfPage, edges)
}

// checkScoped checks, in each scope, the pages of the list of the node id
// that page reads against the whole list that all reads; items takes a
// page's items.
func checkScoped[E, P any](t *testing.T, name string, id graph.ID, scopes []graph.Scope, all func(context.Context, graph.ID, graph.Scope) ([]E, error),
	page func(context.Context, graph.ID, graph.Scope, graph.Page) (P, error), items func(P) ([]E, graph.PageInfo)) {
	t.Helper()
	ctx := context.Background()
	for _, sc := range scopes {
		want, err := all(ctx, id, sc)
		if err != nil {
			t.Fatal(err)
		}
		checkPages(t, fmt.Sprintf("%s/%v%v%v", name, sc.Contexts, sc.Statuses, sc.Sources), want, func(p graph.Page) ([]E, graph.PageInfo, error) {
			pg, err := page(ctx, id, sc, p)
			es, info := items(pg)
			return es, info, err
		})
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

// TestIndicationsPage checks the pages of baclofen's indications and of
// the treatments of spasticity, with and without a status, against the
// whole list.
func TestIndicationsPage(t *testing.T) {
	s := seeded(t, "memory")
	scopes := []graph.Scope{{}, {Statuses: []graph.Status{graph.Approved}}}
	indications := func(p graph.IndicationPage) ([]graph.Indication, graph.PageInfo) { return p.Indications, p.PageInfo }
	checkScoped(t, "Indications", baclofen, scopes, s.Indications, s.IndicationsPage, indications)
	checkScoped(t, "Treatments", lookup(t, s, "spasticity", graph.Condition), scopes, s.Treatments, s.TreatmentsPage, indications)
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

// TestMembersPage checks the pages of the drugs of the CNS depressants,
// with and without those of subclasses, against the whole list.
func TestMembersPage(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	class := lookup(t, s, "CNS depressant", graph.DrugClass)
	for _, transitive := range []bool{false, true} {
		want, err := s.Members(ctx, class, transitive)
		if err != nil {
			t.Fatal(err)
		}
		checkPages(t, fmt.Sprint("transitive ", transitive), want, func(p graph.Page) ([]graph.Node, graph.PageInfo, error) {
			pg, err := s.MembersPage(ctx, class, transitive, p)
			return pg.Nodes, pg.PageInfo, err
		})
	}
	if _, err := s.MembersPage(ctx, "PG:no-such-class", true, graph.Page{}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("MembersPage of an unknown class error = %v, want %v", err, graph.ErrNotFound)
	}
}

// TestSearchPage checks the pages of the hits of searches, exact, short,
// by substring and with a typo, against every hit Search finds.
func TestSearchPage(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	for _, text := range []string{"alcohol", "a", "ba", "ine", "baclofin", ""} {
		want, err := s.Search(ctx, text, 1<<20)
		if err != nil {
			t.Fatal(err)
		}
		checkPages(t, fmt.Sprintf("%q", text), want, func(p graph.Page) ([]graph.Hit, graph.PageInfo, error) {
			pg, err := s.SearchPage(ctx, text, p)
			return pg.Hits, pg.PageInfo, err
		})
	}
	if _, err := s.SearchPage(ctx, "alcohol", graph.Page{After: "!!!"}); !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("SearchPage after a cursor that is not one: error = %v, want %v", err, graph.ErrInvalid)
	}
}
