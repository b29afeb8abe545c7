package graphtest

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"sync"
	"testing"

	"pharmagraph/graph"
)

// reads calls every read of the store that returns slices or maps, each
// answer under its name.
func reads(ctx context.Context, s *graph.Store) map[string]any {
	out := map[string]any{}
	add := func(name string, v any, err error) {
		if err != nil {
			v = err.Error()
		}
		out[name] = v
	}
	n, err := s.Node(ctx, "TEST:alpha")
	add("Node", n, err)
	n, err = s.Lookup(ctx, "alfa", "")
	add("Lookup", n, err)
	hits, err := s.Search(ctx, "alph", 10)
	add("Search", hits, err)
	es, err := s.Effects(ctx, "TEST:alpha", graph.Scope{})
	add("Effects", es, err)
	es, err = s.EffectOf(ctx, "TEST:sleepy", graph.Scope{})
	add("EffectOf", es, err)
	o, err := s.Overlap(ctx, "TEST:alpha", "TEST:beta", graph.OverlapOptions{})
	add("Overlap", o, err)
	o, err = s.Overlap(ctx, "TEST:alpha", "TEST:beta", graph.OverlapOptions{ContextsA: []graph.Context{graph.Adverse}})
	add("Overlap(ADVERSE)", o, err)
	sim, err := s.Similar(ctx, "TEST:beta", graph.ByEffects, 10, graph.Scope{})
	add("Similar", sim, err)
	ns, err := s.Classes(ctx, "TEST:alpha", true)
	add("Classes", ns, err)
	ns, err = s.Members(ctx, "TEST:dep", true)
	add("Members", ns, err)
	ce, err := s.ClassEffects(ctx, "TEST:dep")
	add("ClassEffects", ce, err)
	is, err := s.Interactions(ctx, "TEST:alpha", true, graph.Scope{})
	add("Interactions", is, err)
	in, err := s.Indications(ctx, "TEST:alpha", graph.Scope{})
	add("Indications", in, err)
	in, err = s.Treatments(ctx, "TEST:spasm", graph.Scope{})
	add("Treatments", in, err)
	rs, err := s.Relations(ctx, "TEST:alpha", graph.HasDoseForm)
	add("Relations", rs, err)
	nb, err := s.Neighbourhood(ctx, "TEST:alpha", nil, 10)
	add("Neighbourhood", nb, err)
	pt, err := s.Paths(ctx, "TEST:gamma", "TEST:beta", graph.PathOptions{MaxHops: 4})
	add("Paths", pt, err)
	rs, err = s.Matches(ctx, "TEST:nausea")
	add("Matches", rs, err)
	ns, err = s.Namesakes(ctx, "TEST:nausea")
	add("Namesakes", ns, err)
	srcs, err := s.Sources(ctx)
	add("Sources", srcs, err)
	ps, err := s.NodeSources(ctx, "TEST:alpha")
	add("NodeSources", ps, err)
	var nodes []any
	err = s.EachNode(ctx, graph.Filter{}, func(n graph.Node, ps []graph.Provenance) error {
		nodes = append(nodes, n, ps)
		return nil
	})
	add("EachNode", nodes, err)
	var facts []graph.Fact
	err = s.EachFact(ctx, graph.Filter{}, func(f graph.Fact) error {
		facts = append(facts, f)
		return nil
	})
	add("EachFact", facts, err)
	st, err := s.Stats(ctx)
	add("Stats", st, err)
	return out
}

// snapshot returns the JSON form of v, which a later change to v's slices or
// maps does not change.
func snapshot(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// scribble overwrites every string and number held in the slices and maps
// reachable from v, as a careless caller might.
func scribble(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			scribble(v.Elem())
		}
	case reflect.Struct:
		for i := range v.NumField() {
			if v.Field(i).CanSet() {
				scribble(v.Field(i))
			}
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			e := v.Index(i)
			if e.Kind() == reflect.Interface && !e.IsNil() {
				c := reflect.New(e.Elem().Type()).Elem()
				c.Set(e.Elem())
				scribble(c)
				e.Set(c)
				continue
			}
			scribble(e)
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			if v.Type().Elem().Kind() == reflect.String {
				v.SetMapIndex(k, reflect.ValueOf("scribbled").Convert(v.Type().Elem()))
			}
		}
	case reflect.String:
		v.SetString("scribbled")
	case reflect.Float64:
		v.SetFloat(-1)
	}
}

// testReadsOwnTheirValues checks that no read returns the index's own
// memory: a caller that changes what it was given changes nothing for the
// next caller, and a later write does not change what a caller holds.
func testReadsOwnTheirValues(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	xrefs := graph.NodeFact{Node: graph.Node{ID: "TEST:alpha", Category: graph.Drug, Name: "alpha",
		Synonyms: []string{"alpha-1"}, Xrefs: []graph.ID{"X:2", "X:4", "X:6"}}, Provenance: graph.Provenance{Source: "pgsrc:test-a"}}
	aggregated := graph.Fact{Subject: "TEST:alpha", Predicate: graph.HasAdverseEvent, Object: "TEST:rash",
		Qualifiers: map[graph.Qualifier]string{graph.QContext: string(graph.Adverse)},
		Provenance: graph.Provenance{Source: "pgsrc:test-b", Aggregators: []graph.ID{"infores:x", "infores:y"}}}
	if _, err := s.Write(ctx, graph.Batch{Nodes: []graph.NodeFact{xrefs}, Facts: []graph.Fact{aggregated}}); err != nil {
		t.Fatal(err)
	}

	first := reads(ctx, s)
	want := map[string]string{}
	for name, v := range first {
		want[name] = snapshot(t, v)
	}
	for name, v := range first {
		p := reflect.New(reflect.TypeOf(v))
		p.Elem().Set(reflect.ValueOf(v))
		scribble(p)
		first[name] = p.Elem().Interface()
	}
	for name, v := range reads(ctx, s) {
		if got := snapshot(t, v); got != want[name] {
			t.Errorf("%s after a caller changed its answer:\n got %s\nwant %s", name, got, want[name])
		}
	}

	// Writes of more names and xrefs to a node, while a caller reads the
	// node it was given (a data race under -race when they share memory).
	held, err := s.Node(ctx, "TEST:alpha")
	if err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, held)
	var wg sync.WaitGroup
	wg.Go(func() {
		for i := range 5 {
			n := xrefs
			n.Synonyms = []string{fmt.Sprintf("alpha-%d", i)}
			n.Xrefs = []graph.ID{graph.ID(fmt.Sprintf("X:%d", 2*i+1))}
			if _, err := s.Write(ctx, graph.Batch{Nodes: []graph.NodeFact{n}}); err != nil {
				t.Error(err)
			}
		}
	})
	for range 100 {
		if got := snapshot(t, held); got != before {
			t.Errorf("a node held by a caller changed under a write:\n got %s\nwant %s", got, before)
			break
		}
	}
	wg.Wait()
	if got := snapshot(t, held); got != before {
		t.Errorf("a node held by a caller changed after a write:\n got %s\nwant %s", got, before)
	}
}
