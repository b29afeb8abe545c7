package graph

import (
	"context"
	"fmt"
	"slices"
	"sort"
)

// Classes returns the classes the drug id belongs to, ordered by name. With
// transitive, it adds every class those classes are subclasses of.
func (s *Store) Classes(ctx context.Context, id ID, transitive bool) ([]Node, error) {
	var out []Node
	err := s.read(ctx, func(x *index) error {
		if x.recOf(id) == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		out = x.nodeList(x.classesOf(id, transitive, Scope{}))
		return nil
	})
	return out, err
}

// Members returns the drugs in the class id, ordered by name. With
// transitive, it adds the drugs of every subclass.
func (s *Store) Members(ctx context.Context, id ID, transitive bool) ([]Node, error) {
	var out []Node
	err := s.read(ctx, func(x *index) error {
		if x.recOf(id) == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		out = x.nodeList(x.membersOf(id, transitive, Scope{}))
		return nil
	})
	return out, err
}

// Superclasses returns the classes id is a direct subclass of, ordered by name.
func (s *Store) Superclasses(ctx context.Context, id ID) ([]Node, error) {
	return s.neighbours(ctx, id, SubclassOf, false)
}

// Subclasses returns the direct subclasses of id, ordered by name.
func (s *Store) Subclasses(ctx context.Context, id ID) ([]Node, error) {
	return s.neighbours(ctx, id, SubclassOf, true)
}

func (s *Store) neighbours(ctx context.Context, id ID, p Predicate, incoming bool) ([]Node, error) {
	var out []Node
	err := s.read(ctx, func(x *index) error {
		if x.recOf(id) == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		set := map[ID]bool{}
		if incoming {
			for e := range x.inEdges(id) {
				if e.predicate == p {
					set[e.subject] = true
				}
			}
		} else {
			for e := range x.outEdges(id) {
				if e.predicate == p && e.object != "" {
					set[e.object] = true
				}
			}
		}
		out = x.nodeList(set)
		return nil
	})
	return out, err
}

// classesOf returns the classes of a drug, and with transitive their
// superclasses, walking each class once so that a cycle cannot loop. Only
// the memberships and subclass facts in scope count.
func (x *index) classesOf(id ID, transitive bool, sc Scope) map[ID]bool {
	set := map[ID]bool{}
	var queue []ID
	for e := range x.outEdges(id) {
		if e.predicate == MemberOf && !set[e.object] && x.inScope(e.ann, sc) {
			set[e.object] = true
			queue = append(queue, e.object)
		}
	}
	for transitive && len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		for e := range x.outEdges(c) {
			if e.predicate == SubclassOf && !set[e.object] && x.inScope(e.ann, sc) {
				set[e.object] = true
				queue = append(queue, e.object)
			}
		}
	}
	return set
}

// membersOf returns the drugs of a class, and with transitive those of its
// subclasses. Only the memberships and subclass facts in scope count.
func (x *index) membersOf(id ID, transitive bool, sc Scope) map[ID]bool {
	classes := map[ID]bool{id: true}
	queue := []ID{id}
	for transitive && len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		for e := range x.inEdges(c) {
			if e.predicate == SubclassOf && !classes[e.subject] && x.inScope(e.ann, sc) {
				classes[e.subject] = true
				queue = append(queue, e.subject)
			}
		}
	}
	members := map[ID]bool{}
	for c := range classes {
		for e := range x.inEdges(c) {
			if e.predicate == MemberOf && x.inScope(e.ann, sc) {
				members[e.subject] = true
			}
		}
	}
	return members
}

// nodeList returns the nodes of a set, ordered by name.
func (x *index) nodeList(set map[ID]bool) []Node {
	recs := x.sortedRecs(set)
	out := make([]Node, len(recs))
	for i, rec := range recs {
		out[i] = rec.node()
	}
	return out
}

// sortedRecs returns the records of the nodes of a set, ordered by their
// key: by name, then id.
func (x *index) sortedRecs(set map[ID]bool) []*nodeRec {
	recs := make([]*nodeRec, 0, len(set))
	for id := range set {
		if rec := x.recOf(id); rec != nil {
			recs = append(recs, rec)
		}
	}
	slices.SortFunc(recs, func(a, b *nodeRec) int { return a.key().compare(b.key()) })
	return recs
}

// key returns the place of a node in a list of nodes: by name, then id.
func (rec *nodeRec) key() sortKey { return sortKey{name: rec.name, id: rec.id} }

// NodePage is one page of a list of nodes.
type NodePage struct {
	Nodes []Node
	PageInfo
}

// MembersPage returns one page of what Members returns.
func (s *Store) MembersPage(ctx context.Context, id ID, transitive bool, p Page) (NodePage, error) {
	ns, info, err := readPage(s, ctx, membersKind.of(id, Scope{}, transitive), p, []Context(nil), func(x *index) []*nodeRec {
		return x.sortedRecs(x.membersOf(id, transitive, Scope{}))
	}, (*nodeRec).key, func(_ *index, rec *nodeRec) Node { return rec.node() })
	return NodePage{ns, info}, err
}

// ClassEffect is an effect found among the drugs of a class.
type ClassEffect struct {
	Effect Node
	Drugs  []Node  // the class's drugs that have the effect, ordered by name
	Share  float64 // len(Drugs) over the number of drugs in the class
}

// ClassEffects returns the effects of the drugs in the class id (its
// subclasses included), most shared first, then by name. An effect with
// Share 1 is shared by every drug of the class. A non-empty contexts keeps
// only effects in those contexts.
func (s *Store) ClassEffects(ctx context.Context, id ID, contexts ...Context) ([]ClassEffect, error) {
	var out []ClassEffect
	err := s.read(ctx, func(x *index) error {
		if x.recOf(id) == nil {
			return fmt.Errorf("graph: node %s: %w", id, ErrNotFound)
		}
		members := x.membersOf(id, true, Scope{})
		byEffect := map[ID]map[ID]bool{}
		for d := range members {
			for _, e := range x.effectList(d, contexts, nil) {
				eff := e.rec.id
				if byEffect[eff] == nil {
					byEffect[eff] = map[ID]bool{}
				}
				byEffect[eff][d] = true
			}
		}
		for eff, drugs := range byEffect {
			rec := x.recOf(eff)
			if rec == nil {
				continue
			}
			out = append(out, ClassEffect{Effect: rec.node(), Drugs: x.nodeList(drugs),
				Share: float64(len(drugs)) / float64(len(members))})
		}
		sort.Slice(out, func(i, j int) bool {
			if out[i].Share != out[j].Share {
				return out[i].Share > out[j].Share
			}
			return lessNode(out[i].Effect, out[j].Effect)
		})
		return nil
	})
	return out, err
}
