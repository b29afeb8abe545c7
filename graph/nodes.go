package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// Node returns the node id.
func (s *Store) Node(ctx context.Context, id ID) (Node, error) {
	var n Node
	err := s.read(ctx, func(x *index) error {
		rec := x.recOf(id)
		if rec == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		n = rec.node()
		return nil
	})
	return n, err
}

// Lookup finds the node that ref names: its id, its name, a synonym or a
// cross-reference, compared without regard to case, hyphens or spacing.
// A non-empty category limits the search to that category. When a name
// fits several nodes, a preferred name beats a synonym, and a drug beats
// other categories; of the nodes that remain, the one with the most facts
// is the answer, and Namesakes lists the others.
func (s *Store) Lookup(ctx context.Context, ref string, category Category) (Node, error) {
	var n Node
	err := s.read(ctx, func(x *index) error {
		rec, err := x.lookup(ref, category)
		if err != nil {
			return err
		}
		n = rec.node()
		return nil
	})
	return n, err
}

func (x *index) lookup(ref string, category Category) (*nodeRec, error) {
	if rec := x.recOf(ID(ref)); rec != nil && (category == "" || rec.category == category) {
		return rec, nil
	}
	best := x.candidates(ref, category)
	if len(best) == 0 {
		want := "node"
		if category != "" {
			want = strings.ToLower(category.Name())
		}
		return nil, fmt.Errorf("graph: no %s named %q: %w", want, ref, ErrNotFound)
	}
	return best[0], nil
}

// candidates returns the nodes that the name ref fits best, best first. A
// preferred name beats a synonym, and a drug beats other categories; among
// the nodes that remain (one phenomenon named by two vocabularies, say),
// the one with the most facts comes first, then the lowest id.
func (x *index) candidates(ref string, category Category) []*nodeRec {
	var best []*nodeRec
	bestRank := 0
	k := FoldName(ref)
	for rec := range x.named(k) {
		if category != "" && rec.category != category {
			continue
		}
		rank := 2
		if FoldName(rec.name) == k {
			rank = 0
		}
		if rec.category != Drug {
			rank++
		}
		switch {
		case len(best) == 0 || rank < bestRank:
			best, bestRank = []*nodeRec{rec}, rank
		case rank == bestRank:
			best = append(best, rec)
		}
	}
	degree := func(r *nodeRec) int { return x.degree(r.id) }
	slices.SortFunc(best, func(a, b *nodeRec) int {
		if da, db := degree(a), degree(b); da != db {
			return db - da
		}
		return strings.Compare(string(a.id), string(b.id))
	})
	return best
}

// Source returns the source id. It takes no lock: a long answer asks for
// the source of each of its facts, and the sources change only with a
// write, which publishes them anew (see index.sourceView).
func (s *Store) Source(ctx context.Context, id ID) (Source, error) {
	if err := ctx.Err(); err != nil {
		return Source{}, err
	}
	src, ok := (*s.idx.sourceView.Load())[id]
	if !ok {
		return Source{}, fmt.Errorf("graph: source %s: %w", id, ErrNotFound)
	}
	return src, nil
}

// Sources returns every source, ordered by id.
func (s *Store) Sources(ctx context.Context) ([]Source, error) {
	var out []Source
	err := s.read(ctx, func(x *index) error {
		for _, p := range x.sources {
			out = append(out, *p)
		}
		sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
		return nil
	})
	return out, err
}

// NodeSources returns the provenance of a node's own facts: who names it.
func (s *Store) NodeSources(ctx context.Context, id ID) ([]Provenance, error) {
	var out []Provenance
	err := s.read(ctx, func(x *index) error {
		rec := x.recOf(id)
		if rec == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		out = x.provenances(rec.labels())
		return nil
	})
	return out, err
}

// provenances returns the provenance of each label, sorted and without repeats.
func (x *index) provenances(anns []ID) []Provenance {
	out := make([]Provenance, 0, len(anns))
	for _, a := range anns {
		p := x.provenance(a)
		if !slices.ContainsFunc(out, p.equal) {
			out = append(out, p)
		}
	}
	sortProvenance(out)
	return out
}

func sortProvenance(ps []Provenance) {
	if len(ps) < 2 {
		return
	}
	slices.SortFunc(ps, func(a, b Provenance) int {
		if c := strings.Compare(string(a.Source), string(b.Source)); c != 0 {
			return c
		}
		if c := strings.Compare(a.Section, b.Section); c != 0 {
			return c
		}
		return slices.Compare(a.Aggregators, b.Aggregators)
	})
}

// equal reports whether p and q say the same.
func (p Provenance) equal(q Provenance) bool {
	return p.Source == q.Source && p.Section == q.Section && p.KnowledgeLevel == q.KnowledgeLevel &&
		p.AgentType == q.AgentType && slices.Equal(p.Aggregators, q.Aggregators)
}
