package graph

// Gauges are the figures of an open store that a monitor watches.
type Gauges struct {
	Nodes, Edges int // in the index

	// JournalLagRecords and JournalLagBytes are the writes of a bolt store
	// that its journal holds and Cayley has yet to receive, and their
	// encoded size; both 0 for the other backends, which have no journal.
	JournalLagRecords, JournalLagBytes int
}

// Gauges returns the store's size and Cayley's lag behind the journal. It
// takes no time in proportion to the graph, so a monitor may call it often.
func (s *Store) Gauges() Gauges {
	s.mu.RLock()
	g := Gauges{}
	if s.idx != nil {
		g.Nodes, g.Edges = s.idx.nodeCount, s.idx.facts
	}
	m := s.mat
	s.mu.RUnlock()
	if m != nil {
		m.mu.Lock()
		g.JournalLagRecords = len(m.pending)
		for _, r := range m.pending {
			g.JournalLagBytes += len(r.body)
		}
		m.mu.Unlock()
	}
	return g
}
