package graph

import (
	"context"
	"fmt"
)

// OverlapOptions narrows each side of an overlap to some effect contexts;
// empty means every context.
type OverlapOptions struct {
	ContextsA, ContextsB []Context
	Sources              []ID // count only effects stated by these sources; empty means all
}

// Overlap compares the effects of two drugs.
type Overlap struct {
	A, B    Node
	Shared  []SharedEffect // effects of both, ordered by name
	OnlyA   []Node         // effects of A alone
	OnlyB   []Node         // effects of B alone
	Jaccard float64        // len(Shared) over the number of distinct effects of A and B; 0 when both have none
}

// SharedEffect is an effect both drugs of an overlap have, with the contexts in which each has it.
type SharedEffect struct {
	Effect               Node
	ContextsA, ContextsB []Context
}

// Overlap returns the effects the drugs a and b share and those only one of
// them has.
func (s *Store) Overlap(ctx context.Context, a, b ID, opts OverlapOptions) (Overlap, error) {
	var o Overlap
	err := s.read(ctx, func(x *index) error {
		ra, rb := x.nodes[a], x.nodes[b]
		if ra == nil {
			return fmt.Errorf("graph: node %s: %w", a, ErrNotFound)
		}
		if rb == nil {
			return fmt.Errorf("graph: node %s: %w", b, ErrNotFound)
		}
		o.A, o.B = ra.node(), rb.node()
		ea, eb := x.effectContexts(a, opts.ContextsA), x.effectContexts(b, opts.ContextsB)
		if len(opts.Sources) > 0 {
			ea, eb = x.sourcedEffects(a, opts.ContextsA, opts.Sources), x.sourcedEffects(b, opts.ContextsB, opts.Sources)
		}
		only := func(set, other map[ID][]Context) []Node {
			keep := map[ID]bool{}
			for id := range set {
				if _, ok := other[id]; !ok {
					keep[id] = true
				}
			}
			return x.nodeList(keep)
		}
		both := map[ID]bool{}
		for id := range ea {
			if _, ok := eb[id]; ok {
				both[id] = true
			}
		}
		o.Shared = make([]SharedEffect, 0, len(both))
		for _, n := range x.nodeList(both) {
			o.Shared = append(o.Shared, SharedEffect{Effect: n,
				ContextsA: ea[n.ID], ContextsB: eb[n.ID]})
		}
		o.OnlyA, o.OnlyB = only(ea, eb), only(eb, ea)
		if union := len(ea) + len(eb) - len(both); union > 0 {
			o.Jaccard = float64(len(both)) / float64(union)
		}
		return nil
	})
	return o, err
}
