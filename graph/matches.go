package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// NameMatch is the source of the exact_match facts that MatchNames writes:
// the evidence for each is that the two nodes' preferred names are equal.
var NameMatch = Source{
	ID:             "pgsrc:name-match",
	Name:           "Pharmagraph name matching",
	KnowledgeLevel: Prediction,
	AgentType:      AutomatedAgent,
	Description: "Equivalences that Pharmagraph finds between effects and conditions of different vocabularies " +
		"(a MeSH symptom and a UMLS side effect, say) whose preferred names are equal once case, hyphens and spacing are set aside.",
}

// matchable reports whether nodes of the category c are matched by name:
// effects and conditions, the one family that several vocabularies name
// (MeSH, UMLS, DOID), where one phenomenon is a symptom in one data set and
// a side effect or a disease in another.
func matchable(c Category) bool { return c == Effect || c == Condition }

// MatchNames records which nodes name one concept in two vocabularies. The
// rule: two effects or conditions whose ids have different prefixes and
// whose preferred names fold alike (FoldName) are the same concept. Each
// pair gets a biolink:exact_match fact from NameMatch whose description
// gives the shared name, so the evidence is kept and exported with the
// graph; a pair that has one already gets nothing. It returns what it
// wrote; loads call it after every write.
func (s *Store) MatchNames(ctx context.Context) (WriteStats, error) {
	var facts []Fact
	err := s.read(ctx, func(x *index) error {
		facts = x.nameMatches()
		return nil
	})
	if err != nil || len(facts) == 0 {
		return WriteStats{}, err
	}
	return s.Write(ctx, Batch{Sources: []Source{NameMatch}, Facts: facts})
}

// nameMatches returns the exact_match facts that the rule of MatchNames
// gives and the index lacks, in id order.
func (x *index) nameMatches() []Fact {
	groups := map[string][]*nodeRec{}
	for rec := range x.allNodes() {
		if matchable(rec.category) {
			k := FoldName(rec.name)
			groups[k] = append(groups[k], rec)
		}
	}
	var out []Fact
	for name, recs := range groups {
		slices.SortFunc(recs, func(a, b *nodeRec) int { return strings.Compare(string(a.id), string(b.id)) })
		for i, a := range recs {
			for _, b := range recs[i+1:] {
				if prefix(a.id) == prefix(b.id) || x.matched(a.id, b.id) {
					continue
				}
				out = append(out, Fact{Subject: a.id, Predicate: ExactMatch, Object: b.id,
					Qualifiers: map[Qualifier]string{QDescription: fmt.Sprintf("Both are named %q.", name)},
					Provenance: Provenance{Source: NameMatch.ID}})
			}
		}
	}
	slices.SortFunc(out, func(a, b Fact) int {
		if c := strings.Compare(string(a.Subject), string(b.Subject)); c != 0 {
			return c
		}
		return strings.Compare(string(a.Object), string(b.Object))
	})
	return out
}

// matched reports whether an exact_match fact links a and b either way.
func (x *index) matched(a, b ID) bool {
	for e := range x.outEdges(a) {
		if e.predicate == ExactMatch && e.object == b {
			return true
		}
	}
	for e := range x.inEdges(a) {
		if e.predicate == ExactMatch && e.subject == b {
			return true
		}
	}
	return false
}

func prefix(id ID) string {
	p, _, _ := strings.Cut(string(id), ":")
	return p
}

// Matches returns the nodes that exact_match facts name as the same concept
// as id, in either direction, ordered by name, each with the facts that say
// so.
func (s *Store) Matches(ctx context.Context, id ID) ([]Relation, error) {
	var out []Relation
	err := s.read(ctx, func(x *index) error {
		if x.recOf(id) == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		groups := map[ID][]edge{}
		for e := range x.outEdges(id) {
			if e.predicate == ExactMatch {
				groups[e.object] = append(groups[e.object], e)
			}
		}
		for e := range x.inEdges(id) {
			if e.predicate == ExactMatch {
				groups[e.subject] = append(groups[e.subject], e)
			}
		}
		for other, edges := range groups {
			if rec := x.recOf(other); rec != nil {
				ev := x.evidence(edges)
				out = append(out, Relation{Node: rec.node(), Sources: ev.Sources(), Evidence: ev})
			}
		}
		slices.SortFunc(out, func(a, b Relation) int {
			if lessNode(a.Node, b.Node) {
				return -1
			}
			return 1
		})
		return nil
	})
	return out, err
}

// Namesakes returns the other nodes that a lookup by id's preferred name
// fits as well as id (same name, same rank of match), ordered by id: those
// that Lookup passed over for id, or that it would answer instead.
func (s *Store) Namesakes(ctx context.Context, id ID) ([]Node, error) {
	var out []Node
	err := s.read(ctx, func(x *index) error {
		rec := x.recOf(id)
		if rec == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		for _, c := range x.candidates(rec.name, "") {
			if c.id != id {
				out = append(out, c.node())
			}
		}
		return nil
	})
	return out, err
}
