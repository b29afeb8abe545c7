package graph

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math/bits"
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
		ra, rb := x.recOf(a), x.recOf(b)
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
					ContextsA: slices.Clone(ea[i].contexts()), ContextsB: slices.Clone(eb[j].contexts())})
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

// MaxOverlapDrugs is the most drugs OverlapAll compares, so that their
// combinations stay at most 255.
const MaxOverlapDrugs = 8

// OverlapSet compares the effects of several drugs, in the manner of an
// UpSet plot: each effect falls in exactly one combination of the drugs,
// the drugs that have it.
type OverlapSet struct {
	Drugs []Node // in the order asked for
	All   []Node // effects every drug has, by name
	// Subsets lists each combination of drugs that has at least one effect
	// that exactly those drugs have: the largest combinations first, then
	// by the drugs' places in Drugs.
	Subsets []Subset
	// Only has one Subset per drug, in the order of Drugs: the effects of
	// that drug alone (none, possibly).
	Only []Subset
}

// Subset is a combination of drugs of an OverlapSet and the effects that
// they, and no other drug of it, have.
type Subset struct {
	Drugs   []Node // in the order of OverlapSet.Drugs
	Effects []Node // by name
}

// OverlapAll compares the effects of the drugs ids (at most
// MaxOverlapDrugs, none twice), counting only the facts in scope of sc's
// sources and contexts.
func (s *Store) OverlapAll(ctx context.Context, ids []ID, sc Scope) (OverlapSet, error) {
	var o OverlapSet
	if len(ids) > MaxOverlapDrugs {
		return o, fmt.Errorf("graph: overlap of %d drugs, more than %d: %w", len(ids), MaxOverlapDrugs, ErrInvalid)
	}
	err := s.read(ctx, func(x *index) error {
		if err := x.distinct(ids); err != nil {
			return err
		}
		masks := map[*nodeRec]uint{}
		for i, id := range ids {
			o.Drugs = append(o.Drugs, x.recOf(id).node())
			for _, e := range x.effectList(id, sc.Contexts, sc.Sources) {
				masks[e.rec] |= 1 << i
			}
		}
		bySet := map[uint][]*nodeRec{}
		for rec, m := range masks {
			bySet[m] = append(bySet[m], rec)
		}
		subset := func(m uint) Subset {
			sub := Subset{Drugs: []Node{}, Effects: []Node{}}
			for i := range ids {
				if m&(1<<i) != 0 {
					sub.Drugs = append(sub.Drugs, o.Drugs[i])
				}
			}
			recs := bySet[m]
			slices.SortFunc(recs, func(a, b *nodeRec) int { return a.rank - b.rank })
			for _, rec := range recs {
				sub.Effects = append(sub.Effects, rec.node())
			}
			return sub
		}
		all := uint(1)<<len(ids) - 1
		o.All = subset(all).Effects
		o.Subsets = make([]Subset, 0, len(bySet))
		for _, m := range slices.SortedFunc(maps.Keys(bySet), func(a, b uint) int {
			if c := bits.OnesCount(b) - bits.OnesCount(a); c != 0 {
				return c
			}
			// Lower bits are earlier drugs: reversed bits order the
			// combinations by the drugs' places.
			return cmp.Compare(bits.Reverse(b), bits.Reverse(a))
		}) {
			o.Subsets = append(o.Subsets, subset(m))
		}
		for i := range ids {
			o.Only = append(o.Only, subset(1<<i))
		}
		return nil
	})
	return o, err
}
