package graph

import (
	"context"
	"fmt"
	"sort"
)

// Interaction is what is known of taking a drug together with another.
type Interaction struct {
	With        Node
	Severity    string
	Mechanism   string
	Description string
	Sources     []Provenance
	// Inferred is true when no source states the interaction for the pair and
	// it follows from an interaction between classes of the two drugs.
	Inferred bool
	// ImpliedBy lists the classes of the drug whose class-level interactions
	// imply this one, ordered by name; stated interactions list them too.
	ImpliedBy []Node
}

// Interactions returns the interactions of the drug id, ordered by the other
// drug's name: those stated for the pair and, with inferred, those implied
// by an interaction between classes the two drugs belong to (two CNS
// depressants, say).
func (s *Store) Interactions(ctx context.Context, id ID, inferred bool) ([]Interaction, error) {
	var out []Interaction
	err := s.read(ctx, func(x *index) error {
		if x.nodes[id] == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		out = x.interactions(id, inferred)
		return nil
	})
	return out, err
}

func (x *index) interactions(id ID, inferred bool) []Interaction {
	stated := map[ID][]ID{} // other drug -> labels
	for _, e := range x.out[id] {
		if e.predicate == InteractsWith && e.object != id {
			stated[e.object] = append(stated[e.object], e.ann)
		}
	}
	for _, e := range x.in[id] {
		if e.predicate == InteractsWith && e.subject != id {
			stated[e.subject] = append(stated[e.subject], e.ann)
		}
	}
	implied := map[ID]map[ID]bool{} // other drug -> classes of id
	classAnns := map[ID][]ID{}      // other drug -> labels of class edges
	if inferred {
		for c := range x.classesOf(id, true) {
			for _, pair := range x.classInteractions(c) {
				for d := range x.membersOf(pair.other, true) {
					if d == id {
						continue
					}
					if implied[d] == nil {
						implied[d] = map[ID]bool{}
					}
					implied[d][c] = true
					classAnns[d] = append(classAnns[d], pair.ann)
				}
			}
		}
	}
	others := map[ID]bool{}
	for d := range stated {
		others[d] = true
	}
	for d := range implied {
		others[d] = true
	}
	out := make([]Interaction, 0, len(others))
	for d := range others {
		rec := x.nodes[d]
		if rec == nil {
			continue
		}
		anns := stated[d]
		it := Interaction{With: rec.node(), ImpliedBy: x.nodeList(implied[d])}
		if len(anns) == 0 {
			it.Inferred = true
			anns = classAnns[d]
		}
		it.Sources = x.provenances(anns)
		it.Severity = x.firstQualifier(anns, QSeverity)
		it.Mechanism = x.firstQualifier(anns, QMechanism)
		it.Description = x.firstQualifier(anns, QDescription)
		out = append(out, it)
	}
	sort.Slice(out, func(i, j int) bool { return lessNode(out[i].With, out[j].With) })
	return out
}

type classPair struct {
	other ID // the class at the other end
	ann   ID
}

// classInteractions returns the interactions stated between the class c and
// other classes (or itself), in either direction.
func (x *index) classInteractions(c ID) []classPair {
	var out []classPair
	for _, e := range x.out[c] {
		if e.predicate == InteractsWith {
			out = append(out, classPair{e.object, e.ann})
		}
	}
	for _, e := range x.in[c] {
		if e.predicate == InteractsWith && e.subject != c {
			out = append(out, classPair{e.subject, e.ann})
		}
	}
	return out
}
