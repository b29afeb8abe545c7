package graph

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
)

// Interaction is what is known of taking a drug together with another.
type Interaction struct {
	With        Node
	Severity    string // as every fact of Evidence that gives one says it; empty when none does or they differ
	Mechanism   string // likewise
	Description string // likewise
	Sources     []Provenance
	// Evidence is the facts the interaction rests on: those that state it
	// for the pair or, when it is inferred, those that imply it.
	Evidence
	// Inferred is true when no fact in scope states the interaction for the
	// pair, so that it rests on ImpliedBy alone.
	Inferred bool
	// ImpliedBy lists the facts that imply the interaction, stated or not:
	// each states an interaction between a class of one drug (or the drug
	// itself) and a class of the other, which holds for every drug of the
	// class.
	ImpliedBy []Fact
}

// Interactions returns the interactions of the drug id in scope, ordered by
// the other drug's name: those stated for the pair and, with inferred, those
// that only facts about classes imply (two CNS depressants, say). Nothing
// is inferred between a drug and itself, or between two drugs related by
// composition (a combination product and its ingredient, or two products
// with an ingredient in common): that is one substance taken twice, not an
// interaction.
func (s *Store) Interactions(ctx context.Context, id ID, inferred bool, sc Scope) ([]Interaction, error) {
	var out []Interaction
	err := s.read(ctx, func(x *index) error {
		if x.recOf(id) == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		out = x.interactions(id, inferred, sc)
		return nil
	})
	return out, err
}

func (x *index) interactions(id ID, inferred bool, sc Scope) []Interaction {
	ps := x.partners(id, inferred, sc)
	out := make([]Interaction, len(ps))
	var room listRoom
	for i, p := range ps {
		out[i] = x.interaction(p, &room)
	}
	return out
}

// InteractionPage is one page of the interactions of a drug.
type InteractionPage struct {
	Interactions []Interaction
	PageInfo
}

// InteractionsPage returns one page of what Interactions returns. It
// gathers the facts of the page's interactions only.
func (s *Store) InteractionsPage(ctx context.Context, id ID, inferred bool, sc Scope, p Page) (InteractionPage, error) {
	var room listRoom // shared by the page's interactions
	is, info, err := readPage(s, ctx, interactionsKind.of(id, sc, inferred), p, []Context(nil), func(x *index) []partner { return x.partners(id, inferred, sc) },
		partner.key, func(x *index, p partner) Interaction { return x.interaction(p, &room) })
	return InteractionPage{is, info}, err
}

// partner is a drug that interacts with another, with the facts that state
// the pair and those that imply it, before their evidence is gathered.
type partner struct {
	rec     *nodeRec
	drug    ID     // the drug rec interacts with
	stated  []side // seen from drug
	implied []edge
	omit    Omission // the parts of the interaction not to gather
}

// key returns the place of p in a list of partners: by name, then id.
func (p partner) key() sortKey { return p.rec.key() }

// partners returns the drugs that interact with the drug id in scope,
// ordered by name: those stated for the pair and, with inferred, those that
// only facts about classes imply. Nothing is inferred between a drug and
// itself, or between two drugs related by composition.
func (x *index) partners(id ID, inferred bool, sc Scope) []partner {
	type stating struct {
		rec  *nodeRec
		fact side
	}
	var stated []stating // the facts stating a pair, in the order met
	if t, ok := x.termNumber(string(id)); ok {
		out, in := x.interactionRuns(t)
		stated = make([]stating, 0, len(out)+len(in))
	}
	implied := map[*nodeRec][]edge{} // other drug -> class-level facts implying it
	substance := x.substance(id)
	imply := func(d *nodeRec, e edge) {
		if d == nil || d.id == id || x.related(substance, d.id) || slices.Contains(implied[d], e) {
			return
		}
		implied[d] = append(implied[d], e)
	}
	implyMembers := func(class ID, e edge) {
		for d := range x.membersOf(class, true, sc) {
			imply(x.recOf(d), e)
		}
	}
	x.eachInteraction(id, sc, func(f side, other *nodeRec) {
		switch other.category {
		case Drug:
			if other.id != id {
				stated = append(stated, stating{other, f})
			}
		case DrugClass:
			implyMembers(other.id, x.sideEdge(id, f))
		}
	})
	for c := range x.classesOf(id, true, sc) {
		x.eachInteraction(c, sc, func(f side, other *nodeRec) {
			switch other.category {
			case Drug:
				imply(other, x.sideEdge(c, f))
			case DrugClass:
				implyMembers(other.id, x.sideEdge(c, f))
			}
		})
	}
	// The facts are put in the order of their drugs by their places in
	// stated, which swap faster than they, each drug's in the order met.
	places := make([]int32, len(stated))
	for i := range places {
		places[i] = int32(i)
	}
	slices.SortStableFunc(places, func(i, j int32) int { return byPlace(stated[i].rec, stated[j].rec) })
	facts := make([]side, len(stated))
	for i, at := range places {
		facts[i] = stated[at].fact
	}
	out := make([]partner, 0, len(stated)+len(implied))
	for i := 0; i < len(places); {
		d := stated[places[i]].rec
		j := i + 1
		for j < len(places) && stated[places[j]].rec == d {
			j++
		}
		out = append(out, partner{d, id, facts[i:j:j], implied[d], sc.Omit})
		i = j
	}
	if inferred {
		n := len(out)
		for d, edges := range implied {
			if _, found := slices.BinarySearchFunc(out[:n], d, func(p partner, d *nodeRec) int { return byPlace(p.rec, d) }); !found {
				out = append(out, partner{d, id, nil, edges, sc.Omit})
			}
		}
		if len(out) > n {
			slices.SortFunc(out, func(a, b partner) int { return byPlace(a.rec, b.rec) })
		}
	}
	return out
}

// byPlace orders node records as key does, by rank and then id: nodes
// without a name share rank 0.
func byPlace(a, b *nodeRec) int {
	if c := cmp.Compare(a.rank, b.rank); c != 0 {
		return c
	}
	return strings.Compare(string(a.id), string(b.id))
}

// interaction gathers the evidence of the partner p, with room shared by
// the interactions of its list.
func (x *index) interaction(p partner, room *listRoom) Interaction {
	it := Interaction{With: p.rec.view(p.omit), Inferred: len(p.stated) == 0}
	if p.omit&(OmitSummary|OmitFacts) == OmitSummary|OmitFacts {
		return it
	}
	edges := p.implied
	if !it.Inferred {
		edges = room.edges[:0]
		for _, f := range p.stated {
			edges = append(edges, x.sideEdge(p.drug, f))
		}
		room.edges = edges
	}
	var ag agreement
	if p.omit&OmitSummary == 0 {
		ag = x.agree(edges, room)
	}
	it.Disputed = ag.disputed
	if p.omit&OmitFacts == 0 {
		it.Facts = x.gather(edges, room)
		if len(p.implied) > 0 {
			it.ImpliedBy = x.gather(p.implied, room)
		}
	}
	it.Sources = ag.sources
	it.Severity = ag.agreed(QSeverity)
	it.Mechanism = ag.agreed(QMechanism)
	it.Description = ag.agreed(QDescription)
	return it
}

// interactionRuns returns the runs of interaction facts in the lists of
// the term t, with t as their subject (out) and as their object (in): not
// the whole lists, which for a drug hold its effects too.
func (x *index) interactionRuns(t uint32) (out, in []half) {
	return x.predicateRun(t, InteractsWith, false), x.predicateRun(t, InteractsWith, true)
}

// eachInteraction calls fn for each interaction fact in scope that names n,
// in either direction, seen from n, with the node at its other end (n
// itself for a class that interacts with itself), when there is one.
func (x *index) eachInteraction(n ID, sc Scope, fn func(f side, other *nodeRec)) {
	t, ok := x.termNumber(string(n))
	if !ok {
		return
	}
	out, in := x.interactionRuns(t)
	for _, h := range out {
		if rec := x.rec(h.other); rec != nil && x.inScope(x.annID(h), sc) {
			fn(side{h, true}, rec)
		}
	}
	for _, h := range in {
		if rec := x.rec(h.other); rec != nil && h.other != t && x.inScope(x.annID(h), sc) {
			fn(side{h, false}, rec)
		}
	}
}

// substance returns the drug id and the drugs it contains, transitively.
func (x *index) substance(id ID) map[ID]bool {
	set := map[ID]bool{id: true}
	queue := []ID{id}
	for len(queue) > 0 {
		d := queue[0]
		queue = queue[1:]
		for e := range x.predicateEdges(d, HasIngredient, false) {
			if !set[e.object] {
				set[e.object] = true
				queue = append(queue, e.object)
			}
		}
	}
	return set
}

// related reports whether the drug d has a substance of set, so that the
// two are related by composition.
func (x *index) related(set map[ID]bool, d ID) bool {
	for s := range x.substance(d) {
		if set[s] {
			return true
		}
	}
	return false
}
