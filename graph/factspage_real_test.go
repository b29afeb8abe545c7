package graph_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"pharmagraph/graph"
	"pharmagraph/internal/realdata"
)

// TestRealFactsPage loads SIDER's side effects alone and pages through
// every has_adverse_event fact of SIDER, 500 a page, each page after the
// cursor of the one before; the pages must hold, once each, the pairs of
// compound and label term of the file's lowest level term rows, counted
// here from the file, and totalCount their number.
func TestRealFactsPage(t *testing.T) {
	s, path := siderStore(t)
	want := map[[2]graph.ID]bool{}
	realdata.EachRow(t, path, func(c []string) {
		// A flat id is CID1 and the zero-padded PubChem id.
		if len(c) == 6 && c[3] == "LLT" && strings.HasPrefix(c[0], "CID1") {
			want[[2]graph.ID{"PUBCHEM.COMPOUND:" + graph.ID(strings.TrimLeft(c[0][len("CID1"):], "0")), "UMLS:" + graph.ID(c[4])}] = true
		}
	})
	filter := graph.Filter{Sources: []graph.ID{"infores:sider"}, Predicates: []graph.Predicate{graph.HasAdverseEvent}}
	seen := map[[2]graph.ID]bool{}
	p := graph.Page{First: graph.MaxPage}
	pages := 0
	for {
		fp, err := s.FactsPage(context.Background(), filter, p)
		if err != nil {
			t.Fatal(err)
		}
		pages++
		if fp.Total != len(want) {
			t.Fatalf("page %d: totalCount %d, want the %d pairs of the file", pages, fp.Total, len(want))
		}
		for _, f := range fp.Facts {
			pair := [2]graph.ID{f.Subject, f.Object}
			if seen[pair] || !want[pair] {
				t.Fatalf("page %d: %s %s is on two pages or not in the file", pages, f.Subject, f.Object)
			}
			seen[pair] = true
		}
		if !fp.HasNext {
			break
		}
		p.After = fp.Cursors[len(fp.Cursors)-1]
	}
	if len(seen) != len(want) {
		t.Errorf("%d pages hold %d facts, want the %d pairs of the file", pages, len(seen), len(want))
	}
	t.Logf("%d facts in %d pages", len(seen), pages)
}

// BenchmarkFactsPageReal times pages of 50 of every fact of the real
// benchmark graph: the first, and one after a million facts, by its
// cursor and, the baseline, as facts with an offset reaches it, passing
// over the facts before it.
func BenchmarkFactsPageReal(b *testing.B) {
	s := realGraph(b, "memory")
	ctx := context.Background()
	const deep = 1_000_000
	p := graph.Page{First: graph.MaxPage}
	for n := 0; n < deep; n += graph.MaxPage {
		fp, err := s.FactsPage(ctx, graph.Filter{}, p)
		if err != nil || !fp.HasNext {
			b.Fatalf("page %d of all facts: %v, hasNext %v; want more than %d facts", n/graph.MaxPage, err, fp.HasNext, deep)
		}
		p.After = fp.Cursors[len(fp.Cursors)-1]
	}
	enough := errors.New("enough")
	for _, bm := range []struct {
		name string
		read func() error
	}{
		{"first50", func() error { _, err := s.FactsPage(ctx, graph.Filter{}, graph.Page{First: 50}); return err }},
		{"deep50", func() error {
			_, err := s.FactsPage(ctx, graph.Filter{}, graph.Page{First: 50, After: p.After})
			return err
		}},
		{"offset50", func() error {
			n := 0
			err := s.EachFact(ctx, graph.Filter{}, func(graph.Fact) error {
				if n++; n == deep+50 {
					return enough
				}
				return nil
			})
			if errors.Is(err, enough) {
				return nil
			}
			return err
		}},
	} {
		b.Run(bm.name, func(b *testing.B) {
			for b.Loop() {
				if err := bm.read(); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
