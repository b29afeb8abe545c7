package graph

import (
	"context"
	"fmt"
	"slices"
)

// SimilarBy names the relation under which Similar compares drugs: what
// counts as a drug's neighbours.
type SimilarBy string

// The relations Similar compares drugs by.
const (
	ByEffects      SimilarBy = "EFFECTS"      // the effects a drug has (has_adverse_event), in any context
	ByIndications  SimilarBy = "INDICATIONS"  // the conditions it treats, with any status
	ByTargets      SimilarBy = "TARGETS"      // the genes it binds
	ByClasses      SimilarBy = "CLASSES"      // its classes and their superclasses, transitively
	ByInteractions SimilarBy = "INTERACTIONS" // the drugs a fact states it interacts with, either way
)

// SimilarKinds returns every SimilarBy, effects first.
func SimilarKinds() []SimilarBy {
	return []SimilarBy{ByEffects, ByIndications, ByTargets, ByClasses, ByInteractions}
}

// Similarity is a drug found like another: the neighbours both have under
// one relation.
type Similarity struct {
	Drug    Node
	Shared  []Node  // the neighbours both drugs have, ordered by name; a neighbour in several hits' lists shares its slices
	Jaccard float64 // len(Shared) over the distinct neighbours of the two drugs
}

// kinship is how Similar finds neighbours under one relation.
type kinship struct {
	// neighbours calls fn once for each neighbour of the drug d.
	neighbours func(x *index, d ID, sc Scope, fn func(n *nodeRec))
	// drugs calls fn for each drug that has the neighbour n, perhaps more
	// than once for one drug.
	drugs func(x *index, n ID, sc Scope, fn func(d *nodeRec))
	// degree returns how many neighbours the drug d has.
	degree func(x *index, d ID, sc Scope) int
}

var kinships = map[SimilarBy]kinship{
	ByEffects:      {effectNeighbours, effectDrugs, effectDegree},
	ByIndications:  objectKinship(Treats),
	ByTargets:      objectKinship(Binds),
	ByClasses:      {classNeighbours, classDrugs, nil},
	ByInteractions: {partners, partners, nil},
}

// Similar returns the drugs that share the most neighbours with the drug id
// under the relation by, at most first of them (none for first < 1): by
// Jaccard index, then by the number shared, then by name and id. A drug is
// never its own hit, and one with nothing in common is no hit. Only the
// facts in scope count: its sources and, for effects, its contexts and, for
// indications, its statuses.
//
// The work grows with the facts of the drug's neighbours, not with the
// graph: from each neighbour to the other drugs that have it, counting how
// often each is met.
func (s *Store) Similar(ctx context.Context, id ID, by SimilarBy, first int, sc Scope) ([]Similarity, error) {
	k, ok := kinships[by]
	if !ok {
		return nil, fmt.Errorf("graph: similar by %q: %w", by, ErrInvalid)
	}
	if k.degree == nil {
		k.degree = func(x *index, d ID, sc Scope) int {
			n := 0
			k.neighbours(x, d, sc, func(*nodeRec) { n++ })
			return n
		}
	}
	var out []Similarity
	err := s.read(ctx, func(x *index) error {
		rec := x.recOf(id)
		if rec == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		if rec.category != Drug {
			return fmt.Errorf("graph: similar: %s is a %s, not a drug: %w", id, rec.category.Name(), ErrInvalid)
		}
		out = x.similar(k, id, first, sc)
		return nil
	})
	return out, err
}

// candidate is a drug that shares neighbours with the one asked about.
type candidate struct {
	rec     *nodeRec
	shared  int
	jaccard float64
}

func (x *index) similar(k kinship, id ID, first int, sc Scope) []Similarity {
	mine := map[*nodeRec]bool{}
	k.neighbours(x, id, sc, func(n *nodeRec) { mine[n] = true })
	// Counts by the drugs' ranks, which number the nodes from 1: plain
	// slices, not maps, for the many facts of a hub's neighbours.
	shared := make([]int32, x.nodeCount+1)
	last := make([]int32, x.nodeCount+1) // the neighbour that last counted the drug, so that it counts once per neighbour
	var met []*nodeRec
	self := x.recOf(id)
	i := int32(0)
	for n := range mine {
		i++
		k.drugs(x, n.id, sc, func(d *nodeRec) {
			if r := d.rank; last[r] != i && d != self && d.category == Drug {
				if shared[r] == 0 {
					met = append(met, d)
				}
				last[r], shared[r] = i, shared[r]+1
			}
		})
	}
	list := make([]candidate, len(met))
	for j, d := range met {
		n := int(shared[d.rank])
		list[j] = candidate{d, n, float64(n) / float64(len(mine)+k.degree(x, d.id, sc)-n)}
	}
	slices.SortFunc(list, func(a, b candidate) int {
		switch {
		case a.jaccard != b.jaccard:
			return cmpDesc(a.jaccard, b.jaccard)
		case a.shared != b.shared:
			return b.shared - a.shared
		}
		return a.rec.rank - b.rec.rank // name, then id
	})
	list = list[:max(0, min(first, len(list)))]
	out := make([]Similarity, 0, len(list))
	// The hits share much of what they share with the drug: each
	// neighbour's view is made once.
	views := map[*nodeRec]Node{}
	view := func(n *nodeRec) Node {
		v, ok := views[n]
		if !ok {
			v = n.node()
			views[n] = v
		}
		return v
	}
	for _, c := range list {
		var both []*nodeRec
		k.neighbours(x, c.rec.id, sc, func(n *nodeRec) {
			if mine[n] {
				both = append(both, n)
			}
		})
		slices.SortFunc(both, func(a, b *nodeRec) int { return a.rank - b.rank })
		h := Similarity{Drug: c.rec.node(), Shared: make([]Node, len(both)), Jaccard: c.jaccard}
		for j, n := range both {
			h.Shared[j] = view(n)
		}
		out = append(out, h)
	}
	return out
}

// cmpDesc orders a before b when it is greater.
func cmpDesc(a, b float64) int {
	if a > b {
		return -1
	}
	return 1
}

// keeps reports whether a read in scope counts the fact e: one of its
// sources, and for an effect one of its contexts, for an indication one of
// its statuses.
func (x *index) keeps(e edge, sc Scope) bool {
	if len(sc.Sources)+len(sc.Contexts)+len(sc.Statuses) == 0 {
		return true // no need to look the annotation up
	}
	a := x.anns[e.ann]
	if a == nil || !sc.states(a.prov) {
		return false
	}
	switch {
	case e.predicate == HasAdverseEvent && len(sc.Contexts) > 0:
		return slices.Contains(sc.Contexts, Context(a.qualifiers.get(QContext)))
	case e.predicate == Treats && len(sc.Statuses) > 0:
		return slices.Contains(sc.Statuses, Status(a.qualifiers.get(QStatus)))
	}
	return true
}

// scopedEffects returns the effects of the drug d in scope; the index's own
// list when the scope names no sources.
func (x *index) scopedEffects(d ID, sc Scope) []effectEntry {
	if len(sc.Sources) == 0 {
		return x.effectList(d, sc.Contexts, nil)
	}
	return x.buildEffectList(d, sc.Sources, sc.Contexts)
}

func effectNeighbours(x *index, d ID, sc Scope, fn func(*nodeRec)) {
	for _, e := range x.scopedEffects(d, sc) {
		fn(e.rec)
	}
}

// effectDrugs calls fn with the drugs that have the effect n in scope: the
// index's list when the scope names neither sources nor contexts.
func effectDrugs(x *index, n ID, sc Scope, fn func(*nodeRec)) {
	if len(sc.Sources)+len(sc.Contexts) > 0 {
		predicateDrugs(HasAdverseEvent)(x, n, sc, fn)
		return
	}
	for _, d := range x.drugsWith[n] {
		fn(d)
	}
}

func effectDegree(x *index, d ID, sc Scope) int { return len(x.scopedEffects(d, sc)) }

// objectKinship compares drugs by the nodes they point at with p.
func objectKinship(p Predicate) kinship {
	return kinship{
		neighbours: func(x *index, d ID, sc Scope, fn func(*nodeRec)) {
			seen := map[ID]bool{}
			for e := range x.outEdges(d) {
				if e.predicate != p || seen[e.object] || !x.keeps(e, sc) {
					continue
				}
				if rec := x.recOf(e.object); rec != nil {
					seen[e.object] = true
					fn(rec)
				}
			}
		},
		drugs: predicateDrugs(p),
	}
}

// predicateDrugs calls fn with the subject of each fact in scope that
// points at n with p.
func predicateDrugs(p Predicate) func(x *index, n ID, sc Scope, fn func(*nodeRec)) {
	return func(x *index, n ID, sc Scope, fn func(*nodeRec)) {
		for e := range x.inEdges(n) {
			if e.predicate != p || !x.keeps(e, sc) {
				continue
			}
			if rec := x.recOf(e.subject); rec != nil {
				fn(rec)
			}
		}
	}
}

func classNeighbours(x *index, d ID, sc Scope, fn func(*nodeRec)) {
	for c := range x.classesOf(d, true, sc) {
		if rec := x.recOf(c); rec != nil {
			fn(rec)
		}
	}
}

func classDrugs(x *index, c ID, sc Scope, fn func(*nodeRec)) {
	for d := range x.membersOf(c, true, sc) {
		if rec := x.recOf(d); rec != nil {
			fn(rec)
		}
	}
}

// partners calls fn once for each drug other than d that a fact in scope
// says d interacts with: with a scope of no sources, by one merge of d's
// two sorted runs of interaction facts, with no sets.
func partners(x *index, d ID, sc Scope, fn func(*nodeRec)) {
	if len(sc.Sources) > 0 {
		x.eachPartner(d, sc, fn)
		return
	}
	p, ok := x.predOf[InteractsWith]
	if !ok {
		return
	}
	self, _ := x.termNumber(string(d))
	out, in := run(x.out.list(self), p), run(x.in.list(self), p)
	last := uint32(0)
	for len(out) > 0 || len(in) > 0 {
		var t uint32
		if len(in) == 0 || len(out) > 0 && out[0].other <= in[0].other {
			t, out = out[0].other, out[1:]
		} else {
			t, in = in[0].other, in[1:]
		}
		if t == last || t == self {
			continue
		}
		last = t
		if rec := x.rec(t); rec != nil && rec.category == Drug {
			fn(rec)
		}
	}
}

// eachPartner calls fn once for each drug other than d that a fact in scope
// says d interacts with.
func (x *index) eachPartner(d ID, sc Scope, fn func(*nodeRec)) {
	seen := map[ID]bool{d: true}
	x.eachInteraction(d, sc, func(_ edge, other ID) {
		if rec := x.recOf(other); !seen[other] && rec != nil && rec.category == Drug {
			seen[other] = true
			fn(rec)
		}
	})
}
