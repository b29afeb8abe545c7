package graph

import (
	"cmp"
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
		if c := compareProvenance(x.prov(a.ann), x.prov(b.ann)); c != 0 {
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
	return len(sc.Sources) == 0 || sc.states(x.prov(e.ann))
}

// qualified is the facts of one predicate between one subject and one
// object that give one value of a qualifier (a context, a status).
type qualified struct {
	subject, object *nodeRec
	value           string
	Evidence
}

// group is the facts of a qualified answer before their evidence is
// gathered, with its place in the order of a list.
type group struct {
	subject, object *nodeRec
	value           string
	rank            int      // of value in the list's order of values
	end             *nodeRec // the other end: object, or subject when reversed
	edges           []edge
}

// key returns the sort key of g in its list.
func (g group) key() sortKey { return sortKey{g.rank, g.value, g.end.name, g.end.id} }

// qualify gathers the evidence of g.
func (x *index) qualify(g group) qualified {
	return qualified{g.subject, g.object, g.value, x.evidence(g.edges)}
}

// byQualifier groups the facts of predicate p at the node id (its subject,
// or with reverse its object) that sc keeps, by their other end and their
// value of q, keeping only the values in want when it is not empty. The
// groups come in the order of their values in order (values outside it
// last), then by the other end's name.
func byQualifier[T ~string](x *index, id ID, p Predicate, q Qualifier, order, want []T, sc Scope, reverse bool) []qualified {
	gs := groupBy(x, id, p, q, order, want, sc, reverse)
	out := make([]qualified, len(gs))
	for i, g := range gs {
		out[i] = x.qualify(g)
	}
	return out
}

// groupBy is byQualifier without the evidence, which is where the time
// goes: a page gathers it only for its own groups.
func groupBy[T ~string](x *index, id ID, p Predicate, q Qualifier, order, want []T, sc Scope, reverse bool) []group {
	type key struct {
		subject, object ID
		value           T
	}
	groups := map[key][]edge{}
	for e := range x.edgesOf(id, reverse) {
		a := x.anns[e.ann]
		if e.predicate != p || a == nil || !sc.states(a.prov) {
			continue
		}
		v := T(a.qualifiers[q])
		if len(want) > 0 && !slices.Contains(want, v) {
			continue
		}
		k := key{e.subject, e.object, v}
		groups[k] = append(groups[k], e)
	}
	out := make([]group, 0, len(groups))
	for k, edges := range groups {
		subject, object := x.nodes[k.subject], x.nodes[k.object]
		if subject == nil || object == nil {
			continue
		}
		g := group{subject: subject, object: object, value: string(k.value), rank: len(order), end: object, edges: edges}
		if i := slices.Index(order, k.value); i >= 0 {
			g.rank = i
		}
		if reverse {
			g.end = subject
		}
		out = append(out, g)
	}
	// The order of key: a node's rank is its place by name, then id.
	slices.SortFunc(out, func(a, b group) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), strings.Compare(a.value, b.value), cmp.Compare(a.end.rank, b.end.rank))
	})
	return out
}
