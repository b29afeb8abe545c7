package graph

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/cayleygraph/quad"
)

// EachNQuad calls fn with every quad of the graph that the filter selects,
// each as one N-Quads statement without its newline: ids are IRIs written as
// the CURIEs themselves (<DRUGBANK:DB00181>) and text is a plain literal.
// These are the quads the store holds for the graph, so loading them into an
// empty store gives the same graph; the store's own bookkeeping quads (its
// generation) are not part of the graph and are left out.
//
// The order is fixed, so the same graph always gives the same lines: the
// sources' quads (sources by id), the annotations' quads (annotations by
// id), the nodes' property quads (nodes by id, then label, property and
// value), then the facts' quads in EachFact's order. The filter selects nodes
// and facts as EachNode and EachFact do, each node with the property quads
// of the provenance EachNode gives; an annotation is written when a selected
// quad is labelled with it, and a source when the filter's Sources or a
// written annotation name it (every source when the Sources are empty).
//
// It holds the store's read lock throughout and copies only the sorted keys
// of the selected node properties, annotations and subjects.
func (s *Store) EachNQuad(ctx context.Context, f Filter, fn func(line string) error) error {
	return s.read(ctx, func(x *index) error {
		props := x.selectedProps(f)
		used := map[ID]bool{}        // annotations
		usedSources := map[ID]bool{} // the sources of those annotations
		for _, p := range props {
			used[p.ann] = true
		}
		for e := range x.allEdges() {
			if f.selects(x, e) {
				used[e.ann] = true
			}
		}
		emit := func(qs ...quad.Quad) error {
			for _, q := range qs {
				if err := fn(q.NQuad()); err != nil {
					return err
				}
			}
			return nil
		}
		for id := range used {
			usedSources[x.prov(id).Source] = true
		}
		for _, id := range slices.Sorted(maps.Keys(x.sources)) {
			if len(f.Sources) > 0 && !slices.Contains(f.Sources, id) && !usedSources[id] {
				continue
			}
			if err := emit(sourceQuads(*x.sources[id])...); err != nil {
				return err
			}
		}
		for _, id := range slices.Sorted(maps.Keys(used)) {
			a := x.anns[id]
			if a == nil {
				continue // a label whose own quads the store lacks
			}
			if err := emit(annotationQuads(id, *a)...); err != nil {
				return err
			}
		}
		for i, p := range props {
			if i%1024 == 0 && ctx.Err() != nil {
				return ctx.Err()
			}
			var o quad.Value = quad.String(p.value)
			if p.predicate == hasCategory || p.predicate == hasXref {
				o = iri(ID(p.value))
			}
			if err := emit(quad.Quad{Subject: iri(p.node), Predicate: quad.IRI(p.predicate), Object: o, Label: iri(p.ann)}); err != nil {
				return err
			}
		}
		return x.eachEdge(ctx, f, func(e edge) error {
			var o quad.Value = iri(e.object)
			if e.object == "" {
				o = quad.String(e.text)
			}
			return emit(quad.Quad{Subject: iri(e.subject), Predicate: quad.IRI(e.predicate), Object: o, Label: iri(e.ann)})
		})
	})
}

// selects reports whether the filter selects the fact quad e, as EachFact
// decides it.
func (f Filter) selects(x *index, e edge) bool {
	if len(f.Predicates) > 0 && !slices.Contains(f.Predicates, e.predicate) {
		return false
	}
	if !f.category(x, e.subject) || (e.object != "" && !f.category(x, e.object)) {
		return false
	}
	a := x.anns[e.ann]
	return a != nil && f.source(a.prov)
}

// selectedProps returns the node property quads the filter selects, in the
// order EachNQuad writes them: those of the filter's sources, and all the
// quads of a node that only the selected facts name.
func (x *index) selectedProps(f Filter) []prop {
	named := x.factNodes(f)
	own := map[ID]bool{} // named nodes that the filter's sources name too
	for p := range x.eachProp() {
		if named[p.node] && f.source(x.prov(p.ann)) {
			own[p.node] = true
		}
	}
	var out []prop
	for p := range x.eachProp() {
		if f.category(x, p.node) && (f.source(x.prov(p.ann)) || named[p.node] && !own[p.node]) {
			out = append(out, p)
		}
	}
	rank := map[Predicate]int{hasCategory: 0, hasName: 1, hasSynonym: 2, hasXref: 3, hasDesc: 4}
	slices.SortFunc(out, func(a, b prop) int {
		return cmp.Or(
			strings.Compare(string(a.node), string(b.node)),
			strings.Compare(string(a.ann), string(b.ann)),
			cmp.Compare(rank[a.predicate], rank[b.predicate]),
			strings.Compare(a.value, b.value),
		)
	})
	return out
}

// eachEdge calls fn with every fact quad the filter selects, in EachFact's
// order. The caller holds the read lock.
func (x *index) eachEdge(ctx context.Context, f Filter, fn func(edge) error) error {
	var edges []edge
	for i, subj := range x.subjects() {
		if i%1024 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		edges = slices.AppendSeq(edges[:0], x.outEdges(subj))
		slices.SortFunc(edges, x.compareEdges)
		for _, e := range edges {
			if !f.selects(x, e) {
				continue
			}
			if err := fn(e); err != nil {
				return err
			}
		}
	}
	return nil
}
