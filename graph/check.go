package graph

import (
	"context"
	"fmt"
	"slices"
	"strings"
)

// AddingContexts are the contexts in which an effect both drugs have adds
// up when they are taken together, unless a Scope names others: while each
// is taken (ADVERSE) and when too much is taken (OVERDOSE). A withdrawal
// sign comes from stopping a drug, not from taking it with another.
var AddingContexts = []Context{Adverse, Overdose}

// Finding is what is known of taking two drugs of a medication list
// together: the interaction a source states for the pair or a fact about
// their classes implies, and the effects of both that add up.
type Finding struct {
	A, B Node
	// Interaction is the interaction of A with B (With is B), stated or
	// inferred from classes; nil when no fact in scope states or implies one.
	Interaction *Interaction
	// Added lists the effects both drugs have in the contexts that add up,
	// ordered by effect name.
	Added []AddedEffect
	// Severity is the interaction's severity where its facts agree on one;
	// otherwise empty, even when an added effect has one.
	Severity string
}

// AddedEffect is an effect two drugs both have, with the facts of each
// side.
type AddedEffect struct {
	Effect               Node
	ContextsA, ContextsB []Context
	Severity             string // as every fact of either side that gives one says it; empty when none does or they differ
	Sources              []Provenance
	// Evidence holds the facts of both drugs: the subject of each says
	// which. Its Disputed never lists the context, which ContextsA and
	// ContextsB give for each side.
	Evidence
}

// CheckInteractions checks a medication list: for every pair of the drugs
// ids, in the order of the list (the first with each later one, then the
// second...), it gives what is known of taking the two together, with
// every fact in scope behind it. Effects add up in the contexts of sc, or
// in AddingContexts when sc names none. A combination product and its
// ingredient have no interaction (one substance taken twice) but their
// shared effects are listed all the same: a double dose adds up too. Every
// id must be a node, and none may be given twice.
func (s *Store) CheckInteractions(ctx context.Context, ids []ID, sc Scope) ([]Finding, error) {
	var out []Finding
	err := s.read(ctx, func(x *index) error {
		if err := x.distinct(ids); err != nil {
			return err
		}
		contexts := sc.Contexts
		if len(contexts) == 0 {
			contexts = AddingContexts
		}
		with := make([]map[ID]Interaction, len(ids))
		effects := make([]map[ID][]edge, len(ids))
		for i, id := range ids {
			with[i] = map[ID]Interaction{}
			for _, it := range x.interactions(id, true, sc) {
				with[i][it.With.ID] = it
			}
			effects[i] = x.effectFacts(id, contexts, sc)
		}
		out = make([]Finding, 0, len(ids)*(len(ids)-1)/2)
		for i := range ids {
			for j := i + 1; j < len(ids); j++ {
				f := Finding{A: x.recOf(ids[i]).node(), B: x.recOf(ids[j]).node(),
					Added: x.added(effects[i], effects[j])}
				if it, ok := with[i][ids[j]]; ok {
					f.Interaction = &it
					f.Severity = it.Severity
				}
				out = append(out, f)
			}
		}
		return nil
	})
	return out, err
}

// distinct checks that each of ids is a node and none is given twice.
func (x *index) distinct(ids []ID) error {
	for i, id := range ids {
		if x.recOf(id) == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		if slices.Contains(ids[:i], id) {
			return fmt.Errorf("graph: %s given twice: %w", id, ErrInvalid)
		}
	}
	return nil
}

// effectFacts returns the facts in scope that give the drug id an effect
// in one of contexts, by effect.
func (x *index) effectFacts(id ID, contexts []Context, sc Scope) map[ID][]edge {
	out := map[ID][]edge{}
	for e := range x.outEdges(id) {
		a := x.anns[e.ann]
		if e.predicate != HasAdverseEvent || a == nil || !sc.states(a.prov) ||
			!slices.Contains(contexts, Context(a.qualifiers.get(QContext))) {
			continue
		}
		out[e.object] = append(out[e.object], e)
	}
	return out
}

// added returns the effects of both a and b, in name order.
func (x *index) added(a, b map[ID][]edge) []AddedEffect {
	out := []AddedEffect{}
	for effect, ea := range a {
		eb, ok := b[effect]
		rec := x.recOf(effect)
		if !ok || rec == nil {
			continue
		}
		ev := x.evidence(append(slices.Clone(ea), eb...))
		// The two sides may state it in different contexts by design.
		ev.Disputed = slices.DeleteFunc(ev.Disputed, func(q Qualifier) bool { return q == QContext })
		out = append(out, AddedEffect{Effect: rec.node(), ContextsA: x.contextsOf(ea), ContextsB: x.contextsOf(eb),
			Severity: ev.Agreed(QSeverity), Sources: ev.Sources(), Evidence: ev})
	}
	slices.SortFunc(out, func(a, b AddedEffect) int { return x.recOf(a.Effect.ID).rank - x.recOf(b.Effect.ID).rank })
	return out
}

// contextsOf returns the contexts of effect facts in canonical order.
func (x *index) contextsOf(edges []edge) []Context {
	var out []Context
	for _, c := range Contexts {
		if slices.ContainsFunc(edges, func(e edge) bool { return x.anns[e.ann].qualifiers.get(QContext) == string(c) }) {
			out = append(out, c)
		}
	}
	return out
}

// Explanation says in a sentence or two what the finding rests on: the
// facts behind the interaction and their sources, and the effects that add
// up with theirs.
func (f Finding) Explanation() string {
	var parts []string
	if it := f.Interaction; it != nil {
		how := "stated by " + sourceList(it.Sources)
		if it.Inferred {
			how = "inferred from class-level facts of " + sourceList(it.Sources)
		}
		what := "interaction"
		if it.Mechanism != "" {
			what += " (" + it.Mechanism + ")"
		}
		facts := "1 fact"
		if n := len(it.Facts); n != 1 {
			facts = fmt.Sprintf("%d facts", n)
		}
		parts = append(parts, fmt.Sprintf("%s %s with %s %s in %s.", f.A.Name, what, f.B.Name, how, facts))
	}
	if len(f.Added) > 0 {
		names := make([]string, len(f.Added))
		var sources []Provenance
		for i, a := range f.Added {
			names[i] = a.Effect.Name
			for _, p := range a.Sources {
				if !slices.ContainsFunc(sources, p.equal) {
					sources = append(sources, p)
				}
			}
		}
		sortProvenance(sources)
		parts = append(parts, fmt.Sprintf("Both have %s, which add up; stated by %s.", strings.Join(names, ", "), sourceList(sources)))
	}
	if len(parts) == 0 {
		return "No fact states or implies an interaction, and the two share no effect that adds up."
	}
	return strings.Join(parts, " ")
}

// sourceList names the sources of ps once each, in order.
func sourceList(ps []Provenance) string {
	var ids []string
	for _, p := range ps {
		if !slices.Contains(ids, string(p.Source)) {
			ids = append(ids, string(p.Source))
		}
	}
	return strings.Join(ids, ", ")
}
