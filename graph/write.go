package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// WriteStats counts what one write added.
type WriteStats struct {
	Quads          int // quads written to the backend: those the store did not have
	NewNodes       int // nodes the store did not have
	NewFacts       int // facts the store did not have
	NewByPredicate map[Predicate]int
}

// Category returns the category of the node id, and false when the store
// has no such node.
func (s *Store) Category(ctx context.Context, id ID) (Category, bool) {
	var c Category
	var ok bool
	s.read(ctx, func(x *index) error {
		if n := x.recOf(id); n != nil {
			c, ok = n.category, true
		}
		return nil
	})
	return c, ok
}

// HasSource reports whether the store has the source id.
func (s *Store) HasSource(ctx context.Context, id ID) bool {
	var ok bool
	s.read(ctx, func(x *index) error {
		_, ok = x.sources[id]
		return nil
	})
	return ok
}

// Write checks every source, node and fact of b against the data model and
// the store, then writes them in one transaction: all of b lands or none of
// it does. Writing facts the store has already changes nothing.
func (s *Store) Write(ctx context.Context, b Batch) (WriteStats, error) {
	if s.pg != nil {
		return s.writePostgres(ctx, b)
	}
	// Only writes change the index, one at a time: the batch is checked
	// and made durable while reads go on, and reads wait only while the
	// index takes it.
	s.wmu.Lock()
	defer s.wmu.Unlock()
	r, st, err := s.newQuads(b)
	if err != nil {
		return WriteStats{}, err
	}
	if err := ctx.Err(); err != nil {
		return WriteStats{}, fmt.Errorf("graph: write: %w", err)
	}
	if st.Quads == 0 {
		return st, nil
	}
	if s.journal != nil {
		if err := s.journal.append(r); err != nil {
			return WriteStats{}, fmt.Errorf("graph: write %d quads to the journal: %w", st.Quads, err)
		}
		s.mat.add(r)
	} else {
		deltas := make([]cgraph.Delta, 0, st.Quads+2)
		r.decoder().quads(func(q quad.Quad) {
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		})
		deltas = append(deltas, generationDeltas(r.gen-1)...)
		if err := s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
			return WriteStats{}, fmt.Errorf("graph: write %d quads to %s: %w", st.Quads, s.backend, err)
		}
	}
	s.take(r)
	return st, nil
}

// newQuads checks b against the model and the index and returns the
// record of the quads of b the store does not hold yet, each once, which
// moves the store to the generation after the one they were checked at.
// The caller holds wmu, so that no other write comes between the check and
// take. Once the quads are made, b is no longer needed: a caller that lets
// go of it lets its memory go before the index takes the quads.
func (s *Store) newQuads(b Batch) (record, WriteStats, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return record{}, WriteStats{}, ErrClosed
	}
	rw := newRecordWriter(s.gen + 1)
	st, err := s.idx.quadsFor(b, func(q quad.Quad) bool { return !s.idx.has(q) && rw.add(q) })
	if err != nil {
		return record{}, WriteStats{}, fmt.Errorf("graph: write: %w", err)
	}
	st.Quads = rw.n
	return rw.record(), st, nil
}

// take adds the quads of a durable write's record to the index and moves
// the store to the record's generation.
func (s *Store) take(r record) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := r.decoder().quads(s.idx.add); err != nil {
		// The record was encoded by this process a moment ago.
		panic(fmt.Sprintf("graph: the record of write %d does not decode: %v", r.gen, err))
	}
	s.idx.refresh()
	s.gen = r.gen
}

// quadsFor checks b against the model and the index and gives its quads to
// add, which reports whether a quad is new: neither in the index nor given
// before.
func (x *index) quadsFor(b Batch, add func(quad.Quad) bool) (WriteStats, error) {
	var st WriteStats
	sources := map[ID]Source{}
	for id, s := range x.sources {
		sources[id] = *s
	}
	emit := func(qs []quad.Quad) {
		for _, q := range qs {
			add(q)
		}
	}
	for i, src := range b.Sources {
		if err := CheckSource(src); err != nil {
			return st, fmt.Errorf("source %d: %w", i+1, err)
		}
		if old, ok := sources[src.ID]; ok && old != src {
			// Facts already written carry the old knowledge level and
			// agent type: a source is defined once.
			return st, invalidf("source %d: %s is already defined differently (%+v)", i+1, src.ID, old)
		}
		sources[src.ID] = src
		emit(sourceQuads(src))
	}
	annotated := map[ID]bool{}
	label := func(p Provenance, qs map[Qualifier]string) (ID, error) {
		src, ok := sources[p.Source]
		if !ok {
			return "", invalidf("unknown source %s", p.Source)
		}
		if p.KnowledgeLevel == "" {
			p.KnowledgeLevel = src.KnowledgeLevel
		}
		if p.AgentType == "" {
			p.AgentType = src.AgentType
		}
		a := annotation{prov: p, qualifiers: qualifiersOf(qs)}
		id := annotationID(a)
		if !annotated[id] {
			annotated[id] = true
			emit(annotationQuads(id, a))
		}
		return id, nil
	}

	categories := map[ID]Category{}
	for i, n := range b.Nodes {
		if err := CheckNode(n); err != nil {
			return st, fmt.Errorf("node %d: %w", i+1, err)
		}
		old, inBatch := categories[n.ID]
		if !inBatch {
			if rec := x.recOf(n.ID); rec != nil {
				old, inBatch = rec.category, true
			} else {
				st.NewNodes++
			}
		}
		if inBatch && old != n.Category {
			return st, invalidf("node %d: %s is a %s, not a %s", i+1, n.ID, old.Name(), n.Category.Name())
		}
		categories[n.ID] = n.Category
		l, err := label(n.Provenance, nil)
		if err != nil {
			return st, fmt.Errorf("node %d (%s): %w", i+1, n.ID, err)
		}
		emit(nodeQuads(n.Node, l))
	}
	category := func(id ID) (Category, bool) {
		if c, ok := categories[id]; ok {
			return c, true
		}
		if n := x.recOf(id); n != nil {
			return n.category, true
		}
		return "", false
	}
	for i, f := range b.Facts {
		if err := CheckFact(f, category); err != nil {
			return st, fmt.Errorf("fact %d (%s %s %s): %w", i+1, f.Subject, f.Predicate.Short(), f.Object, err)
		}
		l, err := label(f.Provenance, f.Qualifiers)
		if err != nil {
			return st, fmt.Errorf("fact %d (%s %s %s): %w", i+1, f.Subject, f.Predicate.Short(), f.Object, err)
		}
		if add(factQuad(f, l)) {
			st.NewFacts++
			if st.NewByPredicate == nil {
				st.NewByPredicate = map[Predicate]int{}
			}
			st.NewByPredicate[f.Predicate]++
		}
	}
	return st, nil
}
