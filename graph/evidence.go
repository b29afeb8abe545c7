package graph

import (
	"cmp"
	"encoding/binary"
	"slices"
	"strings"
)

// Scope narrows a read of a node's facts. An empty field narrows nothing.
type Scope struct {
	Sources  []ID      // only the facts these sources state
	Contexts []Context // only effects in these contexts
	Statuses []Status  // only indications with these statuses; a fact without one has none of them
	// Omit leaves out of the answers of a grouped read (effects,
	// indications, interactions) the parts a caller does not show; the
	// rest of each answer is the same.
	Omit Omission
}

// Omission is a set of parts of a grouped read's answers to leave out.
// Each costs time for every answer of a long list: a hub drug's page that
// shows only names pays for none of them.
type Omission uint8

const (
	// OmitFacts leaves out the facts themselves: Evidence.Facts and
	// ImpliedBy are empty, while the sources, Disputed and the qualifiers
	// the facts agree on are the same.
	OmitFacts Omission = 1 << iota
	// OmitSummary leaves out what the facts agree on: the sources,
	// Disputed and the agreed qualifiers (frequency, severity, mechanism,
	// description) are empty.
	OmitSummary
	// OmitDetails leaves the nodes at either end of each answer with their
	// ID, Category and Name: Synonyms, Xrefs and Description are empty.
	OmitDetails
)

// states reports whether the scope keeps facts of the provenance p.
func (sc Scope) states(p Provenance) bool {
	return len(sc.Sources) == 0 || slices.Contains(sc.Sources, p.Source)
}

// Evidence is the facts behind one answer of a grouped read (an effect of a
// drug in one context, an indication, an interaction): each fact is one
// claim of one source, with that source's qualifiers only.
type Evidence struct {
	// Facts are ordered by source, section, then qualifiers. The facts of
	// the answers of one read that have the same qualifiers share one
	// Qualifiers map.
	Facts []Fact
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

// agreement is what the facts of one answer agree on, found from the index
// without gathering the facts.
type agreement struct {
	sources  []Provenance // what Evidence.Sources returns
	values   []qualifierValue
	disputed []Qualifier // what Evidence.Disputed holds
}

// agreed returns what Evidence.Agreed returns for q.
func (ag agreement) agreed(q Qualifier) string {
	if i := slices.IndexFunc(ag.values, func(qv qualifierValue) bool { return qv.q == q }); i >= 0 && !slices.Contains(ag.disputed, q) {
		return ag.values[i].v
	}
	return ""
}

// agree finds what the facts of edges agree on. The sources are one of
// the sets room keeps, shared with every other answer of its list that has
// the same sources.
func (x *index) agree(edges []edge, room *listRoom) agreement {
	var ag agreement
	from := len(room.sources)
	for _, e := range edges {
		a := x.anns[e.ann]
		var prov Provenance
		if a != nil {
			prov = a.prov
		}
		// Kept in the order of the facts' evidence, which sortProvenance
		// then breaks its ties by, as Evidence.Sources does.
		if i, found := slices.BinarySearchFunc(room.sources[from:], prov, compareProvenance); !found {
			room.sources = slices.Insert(room.sources, from+i, prov)
		}
		if a == nil {
			continue
		}
		if ag.values == nil {
			// The first fact's qualifiers, one value each, read in place:
			// clipped, so that an append copies them.
			ag.values = slices.Clip(a.qualifiers)
			continue
		}
		for _, qv := range a.qualifiers {
			q, v := qv.q, qv.v
			i := slices.IndexFunc(ag.values, func(qv qualifierValue) bool { return qv.q == q })
			switch {
			case i < 0:
				ag.values = append(ag.values, qualifierValue{q, v})
			case ag.values[i].v != v && !slices.Contains(ag.disputed, q):
				ag.disputed = append(ag.disputed, q)
			}
		}
	}
	sortProvenance(room.sources[from:])
	ag.sources = room.keepSources(from)
	slices.Sort(ag.disputed)
	return ag
}

// listRoom is what the answers of one list share as they are made. Each
// distinct set of sources, and each distinct set of qualifiers of their
// facts, is kept once and shared by the answers that have it: pregabalin's
// 839 effects have 2 sets of sources, and their 1,564 facts 74 sets of
// qualifiers.
type listRoom struct {
	sources    []Provenance                    // the sets kept, side by side, then the one being made
	sourceSets map[string][]Provenance         // by key
	qualifiers map[string]map[Qualifier]string // by key
	key        []byte                          // the key being made
	edges      []edge                          // the facts of the answer being made
}

// appendKey appends the strings ss to the key k, each after its length, so
// that keys of different strings differ.
func appendKey(k []byte, ss ...string) []byte {
	for _, s := range ss {
		k = append(binary.AppendUvarint(k, uint64(len(s))), s...)
	}
	return k
}

// keepSources returns the set of sources made at sources[from:], or the
// equal one kept before.
func (r *listRoom) keepSources(from int) []Provenance {
	set := r.sources[from:len(r.sources):len(r.sources)]
	if len(set) == 0 {
		return []Provenance{}
	}
	k := r.key[:0]
	for _, p := range set {
		k = appendKey(k, string(p.Source), p.Section, string(p.KnowledgeLevel), string(p.AgentType))
		k = binary.AppendUvarint(k, uint64(len(p.Aggregators)))
		for _, a := range p.Aggregators {
			k = appendKey(k, string(a))
		}
	}
	r.key = k
	if kept, ok := r.sourceSets[string(k)]; ok {
		r.sources = r.sources[:from]
		return kept
	}
	for i := range set {
		set[i].Aggregators = slices.Clone(set[i].Aggregators) // the index's own, until now
	}
	if r.sourceSets == nil {
		r.sourceSets = map[string][]Provenance{}
	}
	r.sourceSets[string(k)] = set
	return set
}

// qualifierMap returns the map of l: the one made before for an equal
// list, or a new one.
func (r *listRoom) qualifierMap(l qualifierList) map[Qualifier]string {
	if len(l) == 0 {
		return nil
	}
	k := r.key[:0]
	for _, qv := range l {
		k = appendKey(k, string(qv.q), qv.v)
	}
	r.key = k
	if m, ok := r.qualifiers[string(k)]; ok {
		return m
	}
	m := l.asMap()
	if r.qualifiers == nil {
		r.qualifiers = map[string]map[Qualifier]string{}
	}
	r.qualifiers[string(k)] = m
	return m
}

// fact returns the fact the edge e records, with its own copy of the
// qualifiers.
func (x *index) fact(e edge) Fact {
	return x.factIn(e, nil)
}

// factIn returns the fact the edge e records, with the map of its
// qualifiers that room keeps for facts with the same ones, or its own when
// room is nil.
func (x *index) factIn(e edge, room *listRoom) Fact {
	f := Fact{Subject: e.subject, Predicate: e.predicate, Object: e.object, Text: e.text}
	if a := x.anns[e.ann]; a != nil {
		f.Provenance = x.provenance(e.ann)
		if room != nil {
			f.Qualifiers = room.qualifierMap(a.qualifiers)
		} else {
			f.Qualifiers = a.qualifiers.asMap()
		}
	}
	return f
}

// evidence gathers the facts of edges in a fixed order and finds the
// qualifiers they disagree on. It sorts edges in place.
func (x *index) evidence(edges []edge) Evidence {
	return Evidence{Facts: x.gather(edges, nil), Disputed: x.agree(edges, &listRoom{}).disputed}
}

// gather returns the facts of edges, ordered by provenance, subject, then
// the rest of the fact, with their qualifier maps from room when it is not
// nil. It sorts edges in place.
func (x *index) gather(edges []edge, room *listRoom) []Fact {
	slices.SortFunc(edges, func(a, b edge) int {
		if c := compareProvenance(x.prov(a.ann), x.prov(b.ann)); c != 0 {
			return c
		}
		if c := strings.Compare(string(a.subject), string(b.subject)); c != 0 {
			return c
		}
		return x.compareEdges(a, b)
	})
	out := make([]Fact, len(edges))
	for i, e := range edges {
		out[i] = x.factIn(e, room)
	}
	return out
}

// compareProvenance orders provenance by source, section, knowledge level
// and agent type.
func compareProvenance(a, b Provenance) int {
	if c := strings.Compare(string(a.Source), string(b.Source)); c != 0 {
		return c
	}
	if c := strings.Compare(a.Section, b.Section); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.KnowledgeLevel), string(b.KnowledgeLevel)); c != 0 {
		return c
	}
	if c := strings.Compare(string(a.AgentType), string(b.AgentType)); c != 0 {
		return c
	}
	return slices.Compare(a.Aggregators, b.Aggregators)
}

// inScope reports whether the scope keeps the fact whose annotation is
// ann.
func (x *index) inScope(ann ID, sc Scope) bool {
	return len(sc.Sources) == 0 || sc.states(x.prov(ann))
}

// qualified is the facts of one predicate between one subject and one
// object that give one value of a qualifier (a context, a status).
type qualified struct {
	subject, object *nodeRec
	value           string
	omit            Omission
	Evidence
	agreement
}

// ends returns the views of the subject and the object.
func (g qualified) ends() (subject, object Node) {
	return g.subject.view(g.omit), g.object.view(g.omit)
}

// Agreed returns the value of q that every fact giving one gives, or ""
// when none gives one or they differ, with or without the facts.
func (g qualified) Agreed(q Qualifier) string { return g.agreed(q) }

// Sources returns the provenance of the facts, sorted and without repeats,
// with or without the facts.
func (g qualified) Sources() []Provenance { return g.sources }

// group is the facts of a qualified answer before their evidence is
// gathered, with its place in the order of a list.
type group struct {
	subject, object *nodeRec
	value           string
	rank            int      // of value in the list's order of values
	end             *nodeRec // the other end: object, or subject when reversed
	halves          []half   // of the facts, in the list of subject, or of object when reversed
	reverse         bool
	omit            Omission // the parts of the answer not to gather
}

// key returns the sort key of g in its list.
func (g group) key() sortKey { return sortKey{g.rank, g.value, g.end.name, g.end.id} }

// groupEdges appends the facts of g to buf.
func (x *index) groupEdges(g group, buf []edge) []edge {
	at := g.subject
	if g.reverse {
		at = g.object
	}
	for _, h := range g.halves {
		buf = append(buf, x.edge(at.id, h, !g.reverse))
	}
	return buf
}

// qualify gathers the evidence of g, with room shared by the answers of its
// list.
func (x *index) qualify(g group, room *listRoom) qualified {
	edges := x.groupEdges(g, room.edges[:0])
	room.edges = edges
	var ag agreement
	if g.omit&OmitSummary == 0 {
		ag = x.agree(edges, room)
	}
	ev := Evidence{Disputed: ag.disputed}
	if g.omit&OmitFacts == 0 {
		ev.Facts = x.gather(edges, room)
	}
	return qualified{g.subject, g.object, g.value, g.omit, ev, ag}
}

// byQualifier groups the facts of predicate p at the node id (its subject,
// or with reverse its object) that sc keeps, by their other end and their
// value of q, keeping only the values in want when it is not empty, and
// makes each group's answer with answer. The answers come in the order of
// their values in order (values outside it last), then by the other end's
// name.
func byQualifier[T ~string, A any](x *index, id ID, p Predicate, q Qualifier, order, want []T, sc Scope, reverse bool, answer func(qualified) A) []A {
	gs := groupBy(x, id, p, q, order, want, sc, reverse)
	out := make([]A, len(gs))
	var room listRoom
	for i, g := range gs {
		out[i] = answer(x.qualify(g, &room))
	}
	return out
}

// groupBy is byQualifier without the evidence, which is where the time
// goes: a page gathers it only for its own groups. The facts of one other
// end come together in the node's sorted list, so each end's groups are
// made from its own facts alone, with no map of every group, and the edges
// of all the groups share one array.
func groupBy[T ~string](x *index, id ID, p Predicate, q Qualifier, order, want []T, sc Scope, reverse bool) []group {
	t, ok := x.termNumber(string(id))
	at := x.rec(t)
	if !ok || at == nil {
		return nil
	}
	type valued struct {
		value T
		half  half
	}
	// A group's place in the list before it is sorted: its end, its value
	// and its facts in all.
	type placed struct {
		end         *nodeRec
		value       string
		rank        int32
		start, stop int32
	}
	halves := x.predicateRun(t, p, reverse)
	var (
		out   []placed
		all   = make([]half, 0, len(halves))
		ofEnd []valued // the facts of one end in scope, by value
	)
	for i := 0; i < len(halves); {
		j := i + 1
		for j < len(halves) && halves[j].other == halves[i].other {
			j++
		}
		end := x.rec(halves[i].other)
		if end == nil {
			i = j
			continue
		}
		ofEnd = ofEnd[:0]
		for _, h := range halves[i:j] {
			a := x.anns[x.annID(h)]
			if a == nil || !sc.states(a.prov) {
				continue
			}
			v := T(a.qualifiers.get(q))
			if len(want) > 0 && !slices.Contains(want, v) {
				continue
			}
			ofEnd = append(ofEnd, valued{v, h})
		}
		slices.SortStableFunc(ofEnd, func(a, b valued) int { return strings.Compare(string(a.value), string(b.value)) })
		for k := 0; k < len(ofEnd); {
			m := k + 1
			for m < len(ofEnd) && ofEnd[m].value == ofEnd[k].value {
				m++
			}
			g := placed{end: end, value: string(ofEnd[k].value), rank: int32(len(order)), start: int32(len(all))}
			if r := slices.Index(order, ofEnd[k].value); r >= 0 {
				g.rank = int32(r)
			}
			for _, v := range ofEnd[k:m] {
				all = append(all, v.half)
			}
			g.stop = int32(len(all))
			out = append(out, g)
			k = m
		}
		i = j
	}
	// The order of key: a node's rank is its place by name, then id. The
	// groups are sorted by their places in out, which swap faster than they.
	places := make([]int32, len(out))
	for i := range places {
		places[i] = int32(i)
	}
	slices.SortFunc(places, func(i, j int32) int {
		a, b := &out[i], &out[j]
		return cmp.Or(cmp.Compare(a.rank, b.rank), strings.Compare(a.value, b.value), cmp.Compare(a.end.rank, b.end.rank))
	})
	sorted := make([]group, len(out))
	for i, k := range places {
		g := &out[k]
		sorted[i] = group{subject: at, object: g.end, value: g.value, rank: int(g.rank), end: g.end,
			halves: all[g.start:g.stop:g.stop], reverse: reverse, omit: sc.Omit}
		if reverse {
			sorted[i].subject, sorted[i].object = g.end, at
		}
	}
	return sorted
}
