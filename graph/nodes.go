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
		rec := x.nodes[id]
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
	if rec := x.nodes[ID(ref)]; rec != nil && (category == "" || rec.category == category) {
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
	for _, id := range x.names[k] {
		rec := x.nodes[id]
		if rec == nil || rec.view == nil || (category != "" && rec.category != category) {
			continue
		}
		rank := 2
		if FoldName(rec.view.Name) == k {
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

// Hit is one result of a search.
type Hit struct {
	Node  Node
	Score float64 // 1 for an exact name, less for a weaker match
}

// Search returns up to first nodes whose id, name, synonym or cross-reference
// matches text, best first: exact matches, then prefixes, then words, then
// substrings. Preferred names score above synonyms.
func (s *Store) Search(ctx context.Context, text string, first int) ([]Hit, error) {
	var hits []Hit
	err := s.read(ctx, func(x *index) error {
		q := FoldName(text)
		if q == "" || first <= 0 {
			return nil
		}
		best := map[ID]float64{}
		for k, ids := range x.names {
			score := matchScore(k, q)
			if score == 0 {
				continue
			}
			for _, id := range ids {
				rec := x.nodes[id]
				if rec == nil {
					continue
				}
				sc := score
				if len(rec.names) == 0 || FoldName(rec.names[0]) != k {
					sc *= 0.9 // a synonym or an id
				}
				best[id] = max(best[id], sc)
			}
		}
		for id, sc := range best {
			hits = append(hits, Hit{Node: x.nodes[id].node(), Score: sc})
		}
		sort.Slice(hits, func(i, j int) bool {
			if hits[i].Score != hits[j].Score {
				return hits[i].Score > hits[j].Score
			}
			if hits[i].Node.Name != hits[j].Node.Name {
				return hits[i].Node.Name < hits[j].Node.Name
			}
			return hits[i].Node.ID < hits[j].Node.ID
		})
		if len(hits) > first {
			hits = hits[:first]
		}
		return nil
	})
	return hits, err
}

// matchScore scores how well the folded name k matches the folded query q.
func matchScore(k, q string) float64 {
	switch {
	case k == q:
		return 1
	case strings.HasPrefix(k, q):
		return 0.8
	case strings.Contains(" "+k+" ", " "+q+" "):
		return 0.7
	case strings.Contains(k, q):
		return 0.5
	}
	return 0
}

// Source returns the source id.
func (s *Store) Source(ctx context.Context, id ID) (Source, error) {
	var src Source
	err := s.read(ctx, func(x *index) error {
		p := x.sources[id]
		if p == nil {
			return fmt.Errorf("graph: source %s: %w", id, ErrNotFound)
		}
		src = *p
		return nil
	})
	return src, err
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
		rec := x.nodes[id]
		if rec == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		out = x.provenances(rec.anns)
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
	sort.Slice(ps, func(i, j int) bool {
		if ps[i].Source != ps[j].Source {
			return ps[i].Source < ps[j].Source
		}
		if ps[i].Section != ps[j].Section {
			return ps[i].Section < ps[j].Section
		}
		return slices.Compare(ps[i].Aggregators, ps[j].Aggregators) < 0
	})
}

// equal reports whether p and q say the same.
func (p Provenance) equal(q Provenance) bool {
	return p.Source == q.Source && p.Section == q.Section && p.KnowledgeLevel == q.KnowledgeLevel &&
		p.AgentType == q.AgentType && slices.Equal(p.Aggregators, q.Aggregators)
}
