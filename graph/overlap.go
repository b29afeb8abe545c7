package graph

import (
	"context"
	"fmt"
	"slices"
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
		ea, eb := x.effectList(a, opts.ContextsA, opts.Sources), x.effectList(b, opts.ContextsB, opts.Sources)
		// Both lists are in name order: one merge gives the three answers
		// in name order, with no sets and no sorting.
		n := min(len(ea), len(eb))
		o.Shared, o.OnlyA, o.OnlyB = make([]SharedEffect, 0, n), make([]Node, 0, len(ea)), make([]Node, 0, len(eb))
		i, j := 0, 0
		for i < len(ea) || j < len(eb) {
			switch {
			case j == len(eb) || (i < len(ea) && ea[i].rec.rank < eb[j].rec.rank):
				o.OnlyA = append(o.OnlyA, ea[i].rec.node())
				i++
			case i == len(ea) || eb[j].rec.rank < ea[i].rec.rank:
				o.OnlyB = append(o.OnlyB, eb[j].rec.node())
				j++
			default:
				// The contexts are the index's own when no option narrows them.
				o.Shared = append(o.Shared, SharedEffect{Effect: ea[i].rec.node(),
					ContextsA: slices.Clone(ea[i].contexts), ContextsB: slices.Clone(eb[j].contexts)})
				i, j = i+1, j+1
			}
		}
		if union := len(ea) + len(eb) - len(o.Shared); union > 0 {
			o.Jaccard = float64(len(o.Shared)) / float64(union)
		}
		return nil
	})
	return o, err
}
