package graph

import (
	"context"
	"fmt"
	"math/bits"
	"slices"
	"sync"
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
	// drugs calls fn with the term of each drug that has the neighbour n,
	// perhaps more than once for one drug.
	drugs func(x *index, n ID, sc Scope, fn func(t uint32))
	// degree returns how many neighbours the drug d has.
	degree func(x *index, d *nodeRec, sc Scope) int
}

var kinships = map[SimilarBy]kinship{
	ByEffects:      {effectNeighbours, effectDrugs, effectDegree},
	ByIndications:  objectKinship(Treats),
	ByTargets:      objectKinship(Binds),
	ByClasses:      {classNeighbours, classDrugs, nil},
	ByInteractions: {partners, partnerTerms, partnerCount},
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
		k.degree = func(x *index, d *nodeRec, sc Scope) int {
			return countNeighbours(x, d.id, sc, k.neighbours)
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
	// The drug's neighbours in rank order, each found by its place.
	var mine []*nodeRec
	k.neighbours(x, id, sc, func(n *nodeRec) { mine = append(mine, n) })
	slices.SortFunc(mine, func(a, b *nodeRec) int { return a.rank - b.rank })
	place := make(map[*nodeRec]int, len(mine))
	for i, n := range mine {
		place[n] = i
	}
	self, _ := x.termNumber(string(id))
	tl := getTally(len(x.terms))
	defer tl.put()
	for i, n := range mine {
		k.drugs(x, n.id, sc, func(t uint32) {
			if e := &tl.counts[t]; e.last != int32(i+1) && t != self {
				if e.shared == 0 {
					tl.met = append(tl.met, t)
				}
				e.last, e.shared = int32(i+1), e.shared+1
			}
		})
	}
	list := make([]candidate, len(tl.met))
	for j, t := range tl.met {
		d, n := x.rec(t), int(tl.counts[t].shared)
		list[j] = candidate{d, n, float64(n) / float64(len(mine)+k.degree(x, d, sc)-n)}
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
	// neighbour's view is made once, and a bit set of places, read in
	// order, gives a hit's shared neighbours in rank order with no sort.
	views := make([]Node, len(mine))
	both := make([]uint64, (len(mine)+63)/64)
	for _, c := range list {
		clear(both)
		k.neighbours(x, c.rec.id, sc, func(n *nodeRec) {
			if i, ok := place[n]; ok {
				both[i/64] |= 1 << (i % 64)
			}
		})
		h := Similarity{Drug: c.rec.node(), Shared: make([]Node, 0, c.shared), Jaccard: c.jaccard}
		for w, word := range both {
			for ; word != 0; word &= word - 1 {
				i := w*64 + bits.TrailingZeros64(word)
				if views[i].ID == "" {
					views[i] = mine[i].node()
				}
				h.Shared = append(h.Shared, views[i])
			}
		}
		out = append(out, h)
	}
	return out
}

// tally counts, by term, the neighbours each drug met shares with the
// drug asked about: a plain slice, not a map, for the many facts of a
// hub's neighbours.
type tally struct {
	counts []count
	met    []uint32 // the terms counted, whose entries put clears
}

// count is what a tally holds for one term.
type count struct {
	last   int32 // the neighbour that last counted the drug, so that it counts once per neighbour
	shared int32
}

// tallies keeps tallies between answers: one as long as the graph has
// terms takes longer to make than most answers take to count.
var tallies sync.Pool

// getTally returns a tally of zeros for terms below n.
func getTally(n int) *tally {
	if c, _ := tallies.Get().(*tally); c != nil && len(c.counts) >= n {
		return c
	}
	return &tally{counts: make([]count, n)}
}

// put clears the entries of the terms met and keeps c for another answer.
func (c *tally) put() {
	for _, t := range c.met {
		c.counts[t] = count{}
	}
	c.met = c.met[:0]
	tallies.Put(c)
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

// effectDrugs calls fn with the terms of the drugs that have the effect n
// in scope: the index's list when the scope names neither sources nor
// contexts.
func effectDrugs(x *index, n ID, sc Scope, fn func(uint32)) {
	if len(sc.Sources)+len(sc.Contexts) > 0 {
		predicateDrugs(HasAdverseEvent)(x, n, sc, fn)
		return
	}
	for _, t := range x.drugsWith[n] {
		if x.isDrug(t) {
			fn(t)
		}
	}
}

func effectDegree(x *index, d *nodeRec, sc Scope) int { return len(x.scopedEffects(d.id, sc)) }

// countNeighbours returns how many times neighbours calls its fn for the
// drug d.
func countNeighbours(x *index, d ID, sc Scope, neighbours func(*index, ID, Scope, func(*nodeRec))) int {
	n := 0
	neighbours(x, d, sc, func(*nodeRec) { n++ })
	return n
}

// objectKinship compares drugs by the nodes they point at with p.
func objectKinship(p Predicate) kinship {
	return kinship{
		neighbours: func(x *index, d ID, sc Scope, fn func(*nodeRec)) {
			seen := map[ID]bool{}
			for e := range x.predicateEdges(d, p, false) {
				if seen[e.object] || !x.keeps(e, sc) {
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

// predicateDrugs calls fn with the term of the subject of each fact in
// scope that points at n with p, when it is a drug.
func predicateDrugs(p Predicate) func(x *index, n ID, sc Scope, fn func(uint32)) {
	return func(x *index, n ID, sc Scope, fn func(uint32)) {
		for e := range x.predicateEdges(n, p, true) {
			if !x.keeps(e, sc) {
				continue
			}
			if t, ok := x.termNumber(string(e.subject)); ok && x.isDrug(t) {
				fn(t)
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

func classDrugs(x *index, c ID, sc Scope, fn func(uint32)) {
	for d := range x.membersOf(c, true, sc) {
		if t, ok := x.termNumber(string(d)); ok && x.isDrug(t) {
			fn(t)
		}
	}
}

// partners calls fn once for each drug other than d that a fact in scope
// says d interacts with.
func partners(x *index, d ID, sc Scope, fn func(*nodeRec)) {
	partnerTerms(x, d, sc, func(t uint32) { fn(x.rec(t)) })
}

// partnerTerms calls fn with the term of each drug that partners meets.
func partnerTerms(x *index, d ID, sc Scope, fn func(uint32)) {
	if len(sc.Sources) > 0 {
		x.eachPartner(d, sc, func(rec *nodeRec) {
			t, _ := x.termNumber(string(rec.id))
			fn(t)
		})
		return
	}
	if t, ok := x.termNumber(string(d)); ok {
		x.partnersOf(t, fn)
	}
}

// partnerCount returns how many drugs partners meets for the drug d: the
// count refresh keeps, for a scope of no sources.
func partnerCount(x *index, d *nodeRec, sc Scope) int {
	if len(sc.Sources) > 0 {
		return countNeighbours(x, d.id, sc, partners)
	}
	return int(d.partners)
}

// partnersOf calls fn once with the term of each drug other than the node
// of the term self that a fact says it interacts with: by one merge of its
// two sorted runs of interaction facts, with no sets, and no node read.
func (x *index) partnersOf(self uint32, fn func(uint32)) {
	out, in := x.interactionRuns(self)
	last := uint32(0)
	for len(out) > 0 || len(in) > 0 {
		var t uint32
		if len(in) == 0 || len(out) > 0 && out[0].other <= in[0].other {
			t, out = out[0].other, out[1:]
		} else {
			t, in = in[0].other, in[1:]
		}
		if t != last && t != self && x.isDrug(t) {
			fn(t)
		}
		last = t
	}
}

// recountPartners sets the partner count of each drug whose partners the
// writes since the last refresh may have changed: the nodes of the terms
// whose fact lists they wrote to, and those of the nodes whose category
// they may have changed, with their partners.
func (x *index) recountPartners(written []uint32, changed []*nodeRec) {
	if _, ok := x.predOf[InteractsWith]; !ok {
		return
	}
	todo := slices.Clone(written)
	for _, n := range changed {
		t, _ := x.termNumber(string(n.id))
		todo = append(todo, t)
		out, in := x.interactionRuns(t)
		for _, h := range out {
			todo = append(todo, h.other)
		}
		for _, h := range in {
			todo = append(todo, h.other)
		}
	}
	slices.Sort(todo)
	for _, t := range slices.Compact(todo) {
		if x.isDrug(t) {
			d := x.rec(t)
			d.partners = 0
			x.partnersOf(t, func(uint32) { d.partners++ })
		}
	}
}

// eachPartner calls fn once for each drug other than d that a fact in scope
// says d interacts with.
func (x *index) eachPartner(d ID, sc Scope, fn func(*nodeRec)) {
	seen := map[ID]bool{d: true}
	x.eachInteraction(d, sc, func(_ side, other *nodeRec) {
		if !seen[other.id] && other.category == Drug {
			seen[other.id] = true
			fn(other)
		}
	})
}
