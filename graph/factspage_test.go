package graph_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"testing"

	"pharmagraph/graph"
)

// TestFactsPage checks that the pages of the facts a filter selects, each
// begun after the cursor of the one before, add up to what EachFact gives
// for it, in its order, at several page sizes.
func TestFactsPage(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	tests := []struct {
		name   string
		filter graph.Filter
	}{
		{"all", graph.Filter{}},
		{"one source", graph.Filter{Sources: []graph.ID{"pgsrc:baclofen-withdrawal"}}},
		{"one predicate", graph.Filter{Predicates: []graph.Predicate{graph.HasAdverseEvent}}},
		{"text facts", graph.Filter{Predicates: []graph.Predicate{graph.Mechanism, graph.Warning}}},
		{"predicates of one source", graph.Filter{Sources: []graph.ID{"pgsrc:curated"}, Predicates: []graph.Predicate{graph.InteractsWith, graph.MemberOf}}},
		{"categories", graph.Filter{Categories: []graph.Category{graph.Drug, graph.DrugClass}}},
		{"a predicate no fact has", graph.Filter{Predicates: []graph.Predicate{"biolink:no_such_predicate"}}},
		{"a source that states nothing", graph.Filter{Sources: []graph.ID{"pgsrc:no-such-source"}}},
	}
	for _, tt := range tests {
		var want []graph.Fact
		if err := s.EachFact(ctx, tt.filter, func(f graph.Fact) error { want = append(want, f); return nil }); err != nil {
			t.Fatal(err)
		}
		checkPages(t, tt.name, want, func(p graph.Page) ([]graph.Fact, graph.PageInfo, error) {
			fp, err := s.FactsPage(ctx, tt.filter, p)
			return fp.Facts, fp.PageInfo, err
		})
	}
}

// TestFactsPageAfterGone checks that a cursor of a subject the graph does
// not hold starts the page at the subject's place: after every fact of a
// smaller subject.
func TestFactsPageAfterGone(t *testing.T) {
	s := seeded(t, "memory")
	ctx := context.Background()
	var all []graph.Fact
	if err := s.EachFact(ctx, graph.Filter{}, func(f graph.Fact) error { all = append(all, f); return nil }); err != nil {
		t.Fatal(err)
	}
	gone := all[len(all)/2].Subject + "~" // between two subjects
	var want []graph.Fact
	for _, f := range all {
		if f.Subject > gone {
			want = append(want, f)
		}
	}
	after := base64.RawURLEncoding.EncodeToString(fmt.Appendf(nil, `[%q,"biolink:treats","X:1","","X:ann"]`, gone))
	fp, err := s.FactsPage(ctx, graph.Filter{}, graph.Page{First: graph.MaxPage, After: after})
	if err != nil {
		t.Fatal(err)
	}
	if len(fp.Facts) == 0 || len(want) == 0 || fp.Facts[0].Subject != want[0].Subject || len(fp.Facts) != min(len(want), graph.MaxPage) {
		t.Errorf("FactsPage after %s: %d facts from %v, want %d from %s", gone, len(fp.Facts), fp.Facts[:min(1, len(fp.Facts))], len(want), want[0].Subject)
	}
}

// TestFactsPageInvalid checks that a page size out of bounds and cursors
// that are not those of a fact are invalid.
func TestFactsPageInvalid(t *testing.T) {
	s := seeded(t, "memory")
	b64 := func(s string) string { return base64.RawURLEncoding.EncodeToString([]byte(s)) }
	tests := []struct {
		name string
		page graph.Page
	}{
		{"negative first", graph.Page{First: -1}},
		{"first above the bound", graph.Page{First: graph.MaxPage + 1}},
		{"cursor not base64", graph.Page{After: "!!!"}},
		{"cursor not JSON", graph.Page{After: b64("DRUGBANK:DB00181\x00biolink:treats")}},
		{"cursor of four parts", graph.Page{After: b64(`["DRUGBANK:DB00181","biolink:treats","X:1",""]`)}},
		{"cursor without a subject", graph.Page{After: b64(`["","biolink:treats","X:1","","X:a"]`)}},
		{"cursor without a predicate", graph.Page{After: b64(`["DRUGBANK:DB00181","","X:1","","X:a"]`)}},
		{"cursor with object and text", graph.Page{After: b64(`["DRUGBANK:DB00181","pg:warning","X:1","text","X:a"]`)}},
		{"cursor with neither object nor text", graph.Page{After: b64(`["DRUGBANK:DB00181","pg:warning","","","X:a"]`)}},
		{"cursor of another list", graph.Page{After: b64("ADVERSE\x00drowsiness\x00UMLS:C0013144")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.FactsPage(context.Background(), graph.Filter{}, tt.page); !errors.Is(err, graph.ErrInvalid) {
				t.Errorf("FactsPage(%+v) error = %v, want %v", tt.page, err, graph.ErrInvalid)
			}
		})
	}
}
