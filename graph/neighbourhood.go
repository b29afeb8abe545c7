package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// Neighbours is one group of a node's neighbourhood: the nodes at the other
// end of its facts under one predicate, in one direction.
type Neighbours struct {
	Predicate Predicate
	Incoming  bool        // the node is the facts' object and the neighbours their subjects
	Count     int         // how many neighbours the group has, shown or not
	Nodes     []Neighbour // the first of them by name
}

// Neighbour is a node at the other end of facts, with those facts.
type Neighbour struct {
	Node Node
	Evidence
}

// neighbourKey names a group of Neighbours.
type neighbourKey struct {
	p  Predicate
	in bool
}

// compare orders groups by predicate, outgoing before incoming.
func (k neighbourKey) compare(o neighbourKey) int {
	if c := strings.Compare(string(k.p), string(o.p)); c != 0 {
		return c
	}
	if k.in == o.in {
		return 0
	}
	if o.in {
		return -1
	}
	return 1
}

// Neighbourhood returns the neighbours of the node id grouped by predicate
// and direction: ordered by predicate, outgoing before incoming, each group
// with its count and its first neighbours by name, each neighbour with the
// facts that link it to id. preds, when not empty, keeps only those
// predicates. Facts whose object is text link no neighbour.
func (s *Store) Neighbourhood(ctx context.Context, id ID, preds []Predicate, first int) ([]Neighbours, error) {
	var out []Neighbours
	err := s.read(ctx, func(x *index) error {
		if x.recOf(id) == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		groups := map[neighbourKey]map[*nodeRec][]edge{}
		add := func(e edge, in bool, other ID) {
			rec := x.recOf(other)
			if other == "" || rec == nil || len(preds) > 0 && !slices.Contains(preds, e.predicate) {
				return
			}
			k := neighbourKey{e.predicate, in}
			if groups[k] == nil {
				groups[k] = map[*nodeRec][]edge{}
			}
			groups[k][rec] = append(groups[k][rec], e)
		}
		for e := range x.outEdges(id) {
			add(e, false, e.object)
		}
		for e := range x.inEdges(id) {
			add(e, true, e.subject)
		}
		for k, facts := range groups {
			recs := make([]*nodeRec, 0, len(facts))
			for rec := range facts {
				recs = append(recs, rec)
			}
			slices.SortFunc(recs, func(a, b *nodeRec) int { return a.rank - b.rank })
			g := Neighbours{Predicate: k.p, Incoming: k.in, Count: len(recs), Nodes: []Neighbour{}}
			for _, rec := range recs[:max(0, min(first, len(recs)))] {
				g.Nodes = append(g.Nodes, Neighbour{Node: rec.node(), Evidence: x.evidence(facts[rec])})
			}
			out = append(out, g)
		}
		slices.SortFunc(out, func(a, b Neighbours) int {
			return neighbourKey{a.Predicate, a.Incoming}.compare(neighbourKey{b.Predicate, b.Incoming})
		})
		return nil
	})
	return out, err
}
