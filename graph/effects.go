package graph

import (
	"context"
	"fmt"
	"slices"
)

// EffectEdge is one effect of a drug in one context, with every fact that
// states it.
type EffectEdge struct {
	Drug      Node
	Effect    Node
	Context   Context
	Frequency string // as every fact that gives one says it; empty when none does or they differ
	Severity  string // likewise
	Sources   []Provenance
	Evidence
}

// Effects returns the effects of the drug id in scope, ordered by context
// and then by effect name. The edges share the drug's Synonyms and Xrefs
// slices, and edges with the same sources share their Sources: one copy
// for the answer, not one an edge.
func (s *Store) Effects(ctx context.Context, id ID, sc Scope) ([]EffectEdge, error) {
	return s.effectEdges(ctx, id, sc, false)
}

// EffectOf returns the drugs that have the effect id in scope, ordered by
// context and then by drug name. Like Effects, its edges share the node
// id's Synonyms and Xrefs.
func (s *Store) EffectOf(ctx context.Context, id ID, sc Scope) ([]EffectEdge, error) {
	return s.effectEdges(ctx, id, sc, true)
}

func (s *Store) effectEdges(ctx context.Context, id ID, sc Scope, reverse bool) ([]EffectEdge, error) {
	var out []EffectEdge
	err := s.read(ctx, func(x *index) error {
		if x.recOf(id) == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		at := x.recOf(id).view(sc.Omit)
		out = byQualifier(x, id, HasAdverseEvent, QContext, Contexts, sc.Contexts, sc, reverse, func(g qualified) EffectEdge {
			if reverse {
				return effectEdgeOf(g, g.subject.view(sc.Omit), at)
			}
			return effectEdgeOf(g, at, g.object.view(sc.Omit))
		})
		return nil
	})
	return out, err
}

// EffectPage is one page of the effects of a drug, or of the drugs that
// have an effect.
type EffectPage struct {
	Edges []EffectEdge
	PageInfo
}

// EffectsPage returns one page of what Effects returns. It gathers the
// facts of the page's edges only.
func (s *Store) EffectsPage(ctx context.Context, id ID, sc Scope, p Page) (EffectPage, error) {
	return s.effectPage(ctx, id, sc, p, false)
}

// EffectOfPage returns one page of what EffectOf returns. It gathers the
// facts of the page's edges only.
func (s *Store) EffectOfPage(ctx context.Context, id ID, sc Scope, p Page) (EffectPage, error) {
	return s.effectPage(ctx, id, sc, p, true)
}

func (s *Store) effectPage(ctx context.Context, id ID, sc Scope, p Page, reverse bool) (EffectPage, error) {
	es, info, err := groupPage(s, ctx, effectsKind.of(id, sc, reverse), p, Contexts, func(x *index) []group {
		return groupBy(x, id, HasAdverseEvent, QContext, Contexts, sc.Contexts, sc, reverse)
	}, effectEdge)
	return EffectPage{es, info}, err
}

// effectEdge makes the effect edge of the facts g.
func effectEdge(g qualified) EffectEdge {
	drug, effect := g.ends()
	return effectEdgeOf(g, drug, effect)
}

// effectEdgeOf makes the effect edge of the facts g from the views of its
// drug and its effect.
func effectEdgeOf(g qualified, drug, effect Node) EffectEdge {
	return EffectEdge{Drug: drug, Effect: effect, Context: Context(g.value),
		Frequency: g.Agreed(QFrequency), Severity: g.Agreed(QSeverity), Sources: g.Sources(), Evidence: g.Evidence}
}

// effectEntry is one effect of a drug with the contexts in which the drug
// has it, as a set: bit i for Contexts[i]. Facts in a context outside the
// vocabulary, which a write refuses, are not counted.
type effectEntry struct {
	rec  *nodeRec
	mask uint8
}

// contexts returns the contexts of the entry in canonical order, as a
// slice shared with every entry of the same contexts: callers must not
// change it.
func (e effectEntry) contexts() []Context { return contextSets[e.mask] }

// contextMask returns the set of the contexts cs, as effectEntry keeps it.
func contextMask(cs []Context) uint8 {
	var m uint8
	for i, c := range Contexts {
		if slices.Contains(cs, c) {
			m |= 1 << i
		}
	}
	return m
}

// effectList returns the effects of the drug id in name order (by rank).
// A non-empty want keeps only those contexts, and sources only the facts of
// those sources. The list without either is the index's own: callers must
// not modify it.
func (x *index) effectList(id ID, want []Context, sources []ID) []effectEntry {
	if len(sources) > 0 {
		return x.buildEffectList(id, sources, want)
	}
	all := x.effectsOf[id]
	if len(want) == 0 {
		return all
	}
	keep := contextMask(want)
	out := make([]effectEntry, 0, len(all))
	for _, e := range all {
		if e.mask&keep != 0 {
			out = append(out, effectEntry{e.rec, e.mask & keep})
		}
	}
	return out
}

// buildEffectList makes the effect list of the drug id from its edges,
// counting only the facts of sources and contexts in want when they are not
// empty.
func (x *index) buildEffectList(id ID, sources []ID, want []Context) []effectEntry {
	at := map[ID]int{}
	var out []effectEntry
	for e := range x.outEdges(id) {
		a := x.anns[e.ann]
		rec := x.recOf(e.object)
		if e.predicate != HasAdverseEvent || a == nil || rec == nil {
			continue
		}
		if len(sources) > 0 && !slices.Contains(sources, a.prov.Source) {
			continue
		}
		c := Context(a.qualifiers.get(QContext))
		i := slices.Index(Contexts, c)
		if i < 0 || len(want) > 0 && !slices.Contains(want, c) {
			continue
		}
		j, ok := at[e.object]
		if !ok {
			j = len(out)
			at[e.object] = j
			out = append(out, effectEntry{rec: rec})
		}
		out[j].mask |= 1 << i
	}
	slices.SortFunc(out, func(a, b effectEntry) int { return a.rec.rank - b.rec.rank })
	return out
}

func lessNode(a, b Node) bool {
	if a.Name != b.Name {
		return a.Name < b.Name
	}
	return a.ID < b.ID
}
