package graph

import (
	"context"
	"fmt"
	"slices"
)

// The bounds of Paths.
const (
	MaxPathHops  = 4       // the longest path Paths looks for
	MaxPaths     = 100     // the most paths Paths returns
	MaxPathVisit = 200_000 // the most half paths Paths holds, unless PathOptions.Visits says otherwise
)

// PathOptions narrows and bounds Paths. Every zero value is usable.
type PathOptions struct {
	MaxHops    int         // the most steps a path takes, 1 to MaxPathHops; zero means 3
	First      int         // the most paths, 1 to MaxPaths; zero means 10
	Predicates []Predicate // only steps under these predicates; every predicate when empty
	Scope      Scope       // only facts of its sources
	Visits     int         // the most half paths held before the search stops; zero or less means MaxPathVisit
}

// Connections is the answer of Paths.
type Connections struct {
	Paths []Path
	// Truncated reports that the search stopped at its bound of half paths
	// before it found First paths: Paths holds every path shorter than the
	// length it stopped at, and longer ones may exist. A search cut short
	// says so rather than fail, so that a hub still answers its nearest
	// paths.
	Truncated bool
}

// Path is a chain of steps between two nodes that passes through no node
// twice.
type Path struct {
	Steps []Step
}

// Step is one hop of a path: two nodes and every fact that links them.
type Step struct {
	From, To Node
	Links    []Link // by predicate, forward before backward
}

// Link is the facts under one predicate that link a step's nodes in one
// direction.
type Link struct {
	Predicate Predicate
	Backward  bool // the facts' subject is the step's To: the path follows them backwards
	Evidence
}

// Paths returns the shortest paths between the nodes from and to, at most
// opts.First of them and none longer than opts.MaxHops: by length, then by
// the names of the nodes along them. A step follows facts either way; text
// facts are never steps.
//
// It searches from both ends: for a length L, the half paths of about L/2
// steps from each end, joined where they meet, so that its work grows
// with the neighbourhoods of the two ends to half the length, not with the
// graph. It stops at the first length that brings the paths to
// opts.First, and at opts.Visits half paths (see Connections.Truncated).
func (s *Store) Paths(ctx context.Context, from, to ID, opts PathOptions) (Connections, error) {
	if opts.MaxHops == 0 {
		opts.MaxHops = 3
	}
	if opts.First == 0 {
		opts.First = 10
	}
	if opts.Visits <= 0 {
		opts.Visits = MaxPathVisit
	}
	if opts.MaxHops < 1 || opts.MaxHops > MaxPathHops {
		return Connections{}, fmt.Errorf("graph: paths of up to %d hops: %w", opts.MaxHops, ErrInvalid)
	}
	if opts.First < 1 || opts.First > MaxPaths {
		return Connections{}, fmt.Errorf("graph: first %d paths: %w", opts.First, ErrInvalid)
	}
	var out Connections
	err := s.read(ctx, func(x *index) error {
		for _, id := range []ID{from, to} {
			if x.recOf(id) == nil {
				return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
			}
		}
		if from == to {
			return fmt.Errorf("graph: paths from %s to itself: %w", from, ErrInvalid)
		}
		ps := &pathSearch{x: x, opts: opts, adj: map[ID][]*nodeRec{}}
		var found [][]*nodeRec
		found, out.Truncated = ps.search(ctx, x.recOf(from), x.recOf(to))
		if err := ctx.Err(); err != nil {
			return err
		}
		out.Paths = make([]Path, len(found))
		for i, nodes := range found {
			out.Paths[i] = ps.path(nodes)
		}
		return nil
	})
	return out, err
}

// pathSearch is one call of Paths.
type pathSearch struct {
	x      *index
	opts   PathOptions
	adj    map[ID][]*nodeRec // a node's neighbours over the steps allowed, by rank
	visits int
}

// step reports whether the fact e may be a step.
func (ps *pathSearch) step(e edge) bool {
	return e.object != "" && ps.x.recOf(e.object) != nil && ps.x.recOf(e.subject) != nil &&
		(len(ps.opts.Predicates) == 0 || slices.Contains(ps.opts.Predicates, e.predicate)) &&
		ps.x.inScope(e.ann, ps.opts.Scope)
}

// neighbours returns the nodes one step from id, each once, by rank.
func (ps *pathSearch) neighbours(id ID) []*nodeRec {
	if ns, ok := ps.adj[id]; ok {
		return ns
	}
	seen := map[*nodeRec]bool{}
	var ns []*nodeRec
	add := func(e edge, other ID) {
		if rec := ps.x.recOf(other); ps.step(e) && other != id && !seen[rec] {
			seen[rec] = true
			ns = append(ns, rec)
		}
	}
	for e := range ps.x.outEdges(id) {
		add(e, e.object)
	}
	for e := range ps.x.inEdges(id) {
		add(e, e.subject)
	}
	slices.SortFunc(ns, func(a, b *nodeRec) int { return a.rank - b.rank })
	ps.adj[id] = ns
	return ns
}

// halves holds the half paths from one end: levels[d] those of d steps,
// each a list of nodes beginning at the end.
type halves struct {
	levels [][][]*nodeRec
}

// reach makes the half paths up to n steps long; it reports false when
// they would pass opts.Visits, leaving only the lengths it made whole.
func (ps *pathSearch) reach(ctx context.Context, hs *halves, n int) bool {
	for d := len(hs.levels); d <= n; d++ {
		var next [][]*nodeRec
		for _, h := range hs.levels[d-1] {
			if ctx.Err() != nil {
				return false
			}
			for _, nb := range ps.neighbours(h[len(h)-1].id) {
				if slices.Contains(h, nb) {
					continue
				}
				if ps.visits++; ps.visits > ps.opts.Visits {
					return false
				}
				next = append(next, append(slices.Clip(h), nb))
			}
		}
		hs.levels = append(hs.levels, next)
	}
	return true
}

// search returns the paths from a to b as lists of nodes, in order, and
// whether it stopped at opts.Visits. The longer half of each length is
// taken from the end with fewer neighbours, and half paths are made only
// as long as a length still to be searched needs.
func (ps *pathSearch) search(ctx context.Context, a, b *nodeRec) (found [][]*nodeRec, truncated bool) {
	flip := len(ps.neighbours(a.id)) > len(ps.neighbours(b.id))
	if flip {
		a, b = b, a
	}
	long, short := &halves{[][][]*nodeRec{{{a}}}}, &halves{[][][]*nodeRec{{{b}}}}
	for l := 1; l <= ps.opts.MaxHops && len(found) < ps.opts.First; l++ {
		if !ps.reach(ctx, long, (l+1)/2) || !ps.reach(ctx, short, l/2) {
			truncated = true
			break
		}
		var these [][]*nodeRec
		ends := map[*nodeRec][][]*nodeRec{}
		for _, h := range short.levels[l/2] {
			ends[h[len(h)-1]] = append(ends[h[len(h)-1]], h)
		}
		for _, h := range long.levels[(l+1)/2] {
			for _, g := range ends[h[len(h)-1]] {
				if p, ok := join(h, g); ok {
					these = append(these, p)
				}
			}
		}
		if flip {
			for _, p := range these {
				slices.Reverse(p)
			}
		}
		slices.SortFunc(these, func(p, q []*nodeRec) int {
			return slices.CompareFunc(p, q, func(m, n *nodeRec) int { return m.rank - n.rank })
		})
		found = append(found, these...)
	}
	return found[:min(len(found), ps.opts.First)], truncated
}

// join returns the path along h and then back along g, which ends where h
// does, unless the two share another node.
func join(h, g []*nodeRec) ([]*nodeRec, bool) {
	p := slices.Clone(h)
	for i := len(g) - 2; i >= 0; i-- {
		if slices.Contains(h, g[i]) {
			return nil, false
		}
		p = append(p, g[i])
	}
	return p, true
}

// path returns the steps between nodes, each with its facts.
func (ps *pathSearch) path(nodes []*nodeRec) Path {
	p := Path{Steps: make([]Step, len(nodes)-1)}
	for i := range p.Steps {
		u, v := nodes[i], nodes[i+1]
		groups := map[neighbourKey][]edge{}
		for e := range ps.x.outEdges(u.id) {
			if e.object == v.id && ps.step(e) {
				groups[neighbourKey{e.predicate, false}] = append(groups[neighbourKey{e.predicate, false}], e)
			}
		}
		for e := range ps.x.inEdges(u.id) {
			if e.subject == v.id && ps.step(e) {
				groups[neighbourKey{e.predicate, true}] = append(groups[neighbourKey{e.predicate, true}], e)
			}
		}
		st := Step{From: u.node(), To: v.node()}
		for k, edges := range groups {
			st.Links = append(st.Links, Link{Predicate: k.p, Backward: k.in, Evidence: ps.x.evidence(edges)})
		}
		slices.SortFunc(st.Links, func(a, b Link) int {
			return neighbourKey{a.Predicate, a.Backward}.compare(neighbourKey{b.Predicate, b.Backward})
		})
		p.Steps[i] = st
	}
	return p
}
