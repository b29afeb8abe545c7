package graph

// Generation returns the store's generation: it moves on with every write,
// admin load or followed PostgreSQL load the index takes, under the same
// lock, so a read that sees a generation sees at least the data of it.
// A cache of answers keyed by it never answers with data older than the
// store.
func (s *Store) Generation() uint64 {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.gen
}
