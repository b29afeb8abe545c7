package graph_test

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"pharmagraph/graph"
)

// hubBatch is a graph of lists long enough for the page cache to keep: a
// drug with 120 effects, an effect of 61 drugs, and a class whose subclass
// has 60 members.
func hubBatch() graph.Batch {
	prov := graph.Provenance{Source: "pgsrc:test-hub"}
	b := graph.Batch{Sources: []graph.Source{{ID: "pgsrc:test-hub", Name: "Test hub", KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.ManualAgent}}}
	node := func(id graph.ID, c graph.Category, name string) {
		b.Nodes = append(b.Nodes, graph.NodeFact{Node: graph.Node{ID: id, Category: c, Name: name}, Provenance: prov})
	}
	fact := func(s graph.ID, p graph.Predicate, o graph.ID, q ...graph.Qualifier) {
		f := graph.Fact{Subject: s, Predicate: p, Object: o, Provenance: prov}
		if len(q) > 0 {
			f.Qualifiers = map[graph.Qualifier]string{q[0]: string(q[1])}
		}
		b.Facts = append(b.Facts, f)
	}
	node("TEST:hub", graph.Drug, "hub")
	node("TEST:class", graph.DrugClass, "class")
	node("TEST:sub", graph.DrugClass, "subclass")
	fact("TEST:sub", graph.SubclassOf, "TEST:class")
	for i := range 120 {
		e := graph.ID(fmt.Sprintf("TEST:e%03d", i))
		node(e, graph.Effect, fmt.Sprintf("effect %03d", i))
		fact("TEST:hub", graph.HasAdverseEvent, e, graph.QContext, graph.Qualifier(graph.Adverse))
	}
	for i := range 60 {
		d := graph.ID(fmt.Sprintf("TEST:d%02d", i))
		node(d, graph.Drug, fmt.Sprintf("drug %02d", i))
		fact(d, graph.HasAdverseEvent, "TEST:e000", graph.QContext, graph.Qualifier(graph.Adverse))
		fact(d, graph.MemberOf, "TEST:sub")
	}
	return b
}

// hubStore returns a memory store of hubBatch.
func hubStore(t *testing.T) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), "memory", "", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Write(context.Background(), hubBatch()); err != nil {
		t.Fatal(err)
	}
	return s
}

// TestPagesFollowWrites checks the pages of long lists against the whole
// lists after writes that change them: facts added to the list's own node,
// a fact of another node that changes a class's members, and a new name
// that moves an effect in the name order.
func TestPagesFollowWrites(t *testing.T) {
	ctx := context.Background()
	s := hubStore(t)
	prov := graph.Provenance{Source: "pgsrc:test-hub"}
	writes := []struct {
		name  string
		batch graph.Batch
	}{
		{"first", graph.Batch{}},
		{"facts of the hub and of a member", graph.Batch{Facts: []graph.Fact{
			{Subject: "TEST:hub", Predicate: graph.HasAdverseEvent, Object: "TEST:e000", Qualifiers: map[graph.Qualifier]string{graph.QContext: string(graph.Withdrawal)}, Provenance: prov},
			{Subject: "TEST:hub", Predicate: graph.MemberOf, Object: "TEST:sub", Provenance: prov},
		}}},
		{"a new name", graph.Batch{Nodes: []graph.NodeFact{{Node: graph.Node{ID: "TEST:e119", Category: graph.Effect, Name: "a first effect"}, Provenance: prov}}}},
	}
	var totals []int
	for _, w := range writes {
		if w.name != "first" {
			if _, err := s.Write(ctx, w.batch); err != nil {
				t.Fatalf("%s write: %v", w.name, err)
			}
		}
		edges := func(p graph.EffectPage) ([]graph.EffectEdge, graph.PageInfo) { return p.Edges, p.PageInfo }
		for range 2 { // the second time from the cache
			checkScoped(t, w.name+"/Effects", "TEST:hub", []graph.Scope{{}}, s.Effects, s.EffectsPage, edges)
			checkScoped(t, w.name+"/EffectOf", "TEST:e000", []graph.Scope{{}}, s.EffectOf, s.EffectOfPage, edges)
			members, err := s.Members(ctx, "TEST:class", true)
			if err != nil {
				t.Fatal(err)
			}
			checkPages(t, w.name+"/Members", members, func(p graph.Page) ([]graph.Node, graph.PageInfo, error) {
				pg, err := s.MembersPage(ctx, "TEST:class", true, p)
				return pg.Nodes, pg.PageInfo, err
			})
		}
		first, err := s.EffectsPage(ctx, "TEST:hub", graph.Scope{}, graph.Page{First: 1})
		if err != nil {
			t.Fatal(err)
		}
		members, err := s.MembersPage(ctx, "TEST:class", true, graph.Page{First: 1})
		if err != nil {
			t.Fatal(err)
		}
		totals = append(totals, first.Total, members.Total)
		t.Logf("%s: %d effects of the hub, the first %s; %d members", w.name, first.Total, first.Edges[0].Effect.Name, members.Total)
		if w.name == "a new name" && first.Edges[0].Effect.ID != "TEST:e119" {
			t.Errorf("after a new name, the hub's first effect is %s, want TEST:e119", first.Edges[0].Effect.ID)
		}
	}
	if want := fmt.Sprint([]int{120, 60, 121, 61, 121, 61}); fmt.Sprint(totals) != want {
		t.Errorf("totals of the hub's effects and the class's members after each write = %v, want %s", totals, want)
	}
}

// TestPagesWhileWriting reads pages of long lists from several goroutines
// while facts are written, for the race detector.
func TestPagesWhileWriting(t *testing.T) {
	ctx := context.Background()
	s := hubStore(t)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 50 {
				p, err := s.EffectsPage(ctx, "TEST:hub", graph.Scope{}, graph.Page{First: 7})
				for err == nil && p.HasNext {
					p, err = s.EffectsPage(ctx, "TEST:hub", graph.Scope{}, graph.Page{First: 7, After: p.Cursors[len(p.Cursors)-1]})
				}
				if err == nil {
					_, err = s.FactsPage(ctx, graph.Filter{}, graph.Page{First: 40})
				}
				if err != nil {
					t.Error(err)
					return
				}
			}
		})
	}
	prov := graph.Provenance{Source: "pgsrc:test-hub"}
	for i := range 20 {
		f := graph.Fact{Subject: "TEST:hub", Predicate: graph.HasAdverseEvent, Object: graph.ID(fmt.Sprintf("TEST:e%03d", i)),
			Qualifiers: map[graph.Qualifier]string{graph.QContext: string(graph.Overdose)}, Provenance: prov}
		if _, err := s.Write(ctx, graph.Batch{Facts: []graph.Fact{f}}); err != nil {
			t.Fatal(err)
		}
	}
	wg.Wait()
}
