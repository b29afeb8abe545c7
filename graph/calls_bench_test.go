package graph_test

import (
	"cmp"
	"context"
	"runtime"
	"slices"
	"testing"

	"pharmagraph/graph"
)

// BenchmarkCallsReal times three graph-level calls on hubs of the real
// benchmark graph, each beside its floor: plain Go maps of the same facts,
// built once, answering the same question with the same nodes in the same
// order.
//
//   - overlap: pregabalin against aripiprazole (some 840 effects each); the
//     floor intersects two sets of effect ids and orders the three lists
//     of nodes by name;
//   - effectOf: the drugs of nausea with every fact of each drug and
//     context; the floor groups the effect's facts by drug and context and
//     orders the groups by context, then drug name;
//   - neighbourhood: pregabalin's neighbours grouped by predicate and
//     direction, the first 10 of each by name with their facts; the floor
//     groups the node's facts the same way.
//
// Each sub-benchmark starts after a collection (collectedRun).
func BenchmarkCallsReal(b *testing.B) {
	s := realGraph(b, "memory")
	ctx := context.Background()
	nausea := lookup(b, s, "nausea", graph.Effect)
	const aripiprazole = graph.ID("DRUGBANK:DB01238")

	// The plain maps: every node by id, and every fact by its subject and
	// by its object.
	nodes := map[graph.ID]graph.Node{}
	if err := s.EachNode(ctx, graph.Filter{}, func(n graph.Node, _ []graph.Provenance) error {
		nodes[n.ID] = n
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	out, in := map[graph.ID][]graph.Fact{}, map[graph.ID][]graph.Fact{}
	if err := s.EachFact(ctx, graph.Filter{}, func(f graph.Fact) error {
		out[f.Subject] = append(out[f.Subject], f)
		if f.Object != "" {
			in[f.Object] = append(in[f.Object], f)
		}
		return nil
	}); err != nil {
		b.Fatal(err)
	}
	byName := func(a, b graph.Node) int { return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID)) }
	effects := func(d graph.ID) map[graph.ID]bool {
		set := map[graph.ID]bool{}
		for _, f := range out[d] {
			if f.Predicate == graph.HasAdverseEvent {
				set[f.Object] = true
			}
		}
		return set
	}

	collectedRun(b, "overlap/index", func(b *testing.B) {
		for b.Loop() {
			if o, err := s.Overlap(ctx, pregabalin, aripiprazole, graph.OverlapOptions{}); err != nil || len(o.Shared) == 0 {
				b.Fatal(err)
			}
		}
	})
	collectedRun(b, "overlap/map", func(b *testing.B) {
		for b.Loop() {
			x, y := effects(pregabalin), effects(aripiprazole)
			var shared, onlyA, onlyB []graph.Node
			for id := range x {
				if y[id] {
					shared = append(shared, nodes[id])
				} else {
					onlyA = append(onlyA, nodes[id])
				}
			}
			for id := range y {
				if !x[id] {
					onlyB = append(onlyB, nodes[id])
				}
			}
			for _, l := range [][]graph.Node{shared, onlyA, onlyB} {
				slices.SortFunc(l, byName)
			}
			if len(shared) == 0 {
				b.Fatal("no shared effects")
			}
		}
	})

	collectedRun(b, "effectOf/index", func(b *testing.B) {
		for b.Loop() {
			if es, err := s.EffectOf(ctx, nausea, graph.Scope{}); err != nil || len(es) == 0 {
				b.Fatal(err)
			}
		}
	})
	collectedRun(b, "effectOf/map", func(b *testing.B) {
		type key struct {
			drug    graph.ID
			context graph.Context
		}
		type group struct {
			drug    graph.Node
			context graph.Context
			facts   []graph.Fact
		}
		for b.Loop() {
			groups := map[key][]graph.Fact{}
			for _, f := range in[nausea] {
				if f.Predicate == graph.HasAdverseEvent {
					k := key{f.Subject, graph.Context(f.Qualifiers[graph.QContext])}
					groups[k] = append(groups[k], f)
				}
			}
			list := make([]group, 0, len(groups))
			for k, fs := range groups {
				list = append(list, group{nodes[k.drug], k.context, fs})
			}
			slices.SortFunc(list, func(a, b group) int {
				return cmp.Or(cmp.Compare(slices.Index(graph.Contexts, a.context), slices.Index(graph.Contexts, b.context)), byName(a.drug, b.drug))
			})
			if len(list) == 0 {
				b.Fatal("no drugs")
			}
		}
	})

	collectedRun(b, "neighbourhood/index", func(b *testing.B) {
		for b.Loop() {
			if gs, err := s.Neighbourhood(ctx, pregabalin, nil, 10); err != nil || len(gs) == 0 {
				b.Fatal(err)
			}
		}
	})
	collectedRun(b, "neighbourhood/map", func(b *testing.B) {
		type key struct {
			p  graph.Predicate
			in bool
		}
		type neighbour struct {
			node  graph.Node
			facts []graph.Fact
		}
		for b.Loop() {
			groups := map[key]map[graph.ID][]graph.Fact{}
			add := func(k key, other graph.ID, f graph.Fact) {
				if groups[k] == nil {
					groups[k] = map[graph.ID][]graph.Fact{}
				}
				groups[k][other] = append(groups[k][other], f)
			}
			for _, f := range out[pregabalin] {
				if f.Object != "" {
					add(key{f.Predicate, false}, f.Object, f)
				}
			}
			for _, f := range in[pregabalin] {
				add(key{f.Predicate, true}, f.Subject, f)
			}
			var shown [][]neighbour
			for _, g := range groups {
				list := make([]neighbour, 0, len(g))
				for id, fs := range g {
					list = append(list, neighbour{nodes[id], fs})
				}
				slices.SortFunc(list, func(a, b neighbour) int { return byName(a.node, b.node) })
				shown = append(shown, list[:min(10, len(list))])
			}
			if len(shown) == 0 {
				b.Fatal("no neighbours")
			}
		}
	})
}

// collectedRun runs f as the sub-benchmark name of b after a collection, so
// that none pays for collecting the garbage of what ran before it: the
// load, the making of the plain maps, the sub-benchmark before.
func collectedRun(b *testing.B, name string, f func(*testing.B)) {
	runtime.GC()
	b.Run(name, f)
}
