package graph

import (
	"maps"
	"slices"
	"strings"
)

// Scope narrows a read of a node's facts. An empty field narrows nothing.
type Scope struct {
	Sources  []ID      // only the facts these sources state
	Contexts []Context // only effects in these contexts
	Statuses []Status  // only indications with these statuses; a fact without one has none of them
}

// states reports whether the scope keeps facts of the provenance p.
func (sc Scope) states(p Provenance) bool {
	return len(sc.Sources) == 0 || slices.Contains(sc.Sources, p.Source)
}

// Evidence is the facts behind one answer of a grouped read (an effect of a
// drug in one context, an indication, an interaction): each fact is one
// claim of one source, with that source's qualifiers only.
type Evidence struct {
	Facts []Fact // ordered by source, section, then qualifiers
	// Disputed lists the qualifiers to which the facts give different
	// values, sorted: a contradiction between sources, or within one.
	Disputed []Qualifier
}

// Agreed returns the value of q that every fact giving one gives, or ""
// when none gives one or they differ.
func (ev Evidence) Agreed(q Qualifier) string {
	if slices.Contains(ev.Disputed, q) {
		return ""
	}
	for _, f := range ev.Facts {
		if v := f.Qualifiers[q]; v != "" {
			return v
		}
	}
	return ""
}

// Sources returns the provenance of the facts, sorted and without repeats.
func (ev Evidence) Sources() []Provenance {
	out := make([]Provenance, 0, len(ev.Facts))
	for _, f := range ev.Facts {
		if !slices.ContainsFunc(out, f.Provenance.equal) {
			out = append(out, f.Provenance)
		}
	}
	sortProvenance(out)
	return out
}

// fact returns the fact the edge e records, with its own copy of the
// qualifiers.
func (x *index) fact(e edge) Fact {
	f := Fact{Subject: e.subject, Predicate: e.predicate, Object: e.object, Text: e.text}
	if a := x.anns[e.ann]; a != nil {
		f.Provenance = x.provenance(e.ann)
		if len(a.qualifiers) > 0 {
			f.Qualifiers = maps.Clone(a.qualifiers)
		}
	}
	return f
}

// evidence gathers the facts of edges in a fixed order and finds the
// qualifiers they disagree on.
func (x *index) evidence(edges []edge) Evidence {
	sorted := slices.Clone(edges)
	slices.SortFunc(sorted, func(a, b edge) int {
		if c := compareProvenance(x.provenance(a.ann), x.provenance(b.ann)); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.subject), string(b.subject)); c != 0 {
			return c
		}
		return x.compareEdges(a, b)
	})
	ev := Evidence{Facts: make([]Fact, len(sorted))}
	seen := map[Qualifier]string{}
	for i, e := range sorted {
		ev.Facts[i] = x.fact(e)
		for q, v := range ev.Facts[i].Qualifiers {
			if old, ok := seen[q]; !ok {
				seen[q] = v
			} else if old != v && !slices.Contains(ev.Disputed, q) {
				ev.Disputed = append(ev.Disputed, q)
			}
		}
	}
	slices.Sort(ev.Disputed)
	return ev
}

// compareProvenance orders provenance by source, section, knowledge level
// and agent type.
func compareProvenance(a, b Provenance) int {
	for _, c := range []int{
		strings.Compare(string(a.Source), string(b.Source)),
		strings.Compare(a.Section, b.Section),
		strings.Compare(string(a.KnowledgeLevel), string(b.KnowledgeLevel)),
		strings.Compare(string(a.AgentType), string(b.AgentType)),
		slices.Compare(a.Aggregators, b.Aggregators),
	} {
		if c != 0 {
			return c
		}
	}
	return 0
}

// inScope reports whether the scope keeps the fact e.
func (x *index) inScope(e edge, sc Scope) bool {
	return len(sc.Sources) == 0 || sc.states(x.provenance(e.ann))
}
