package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"
)

// Verify checks that the index holds exactly the graph that Cayley holds:
// it waits until Cayley has every write (Sync), then compares the quads the
// index gives for the whole graph (EachNQuad) with every quad in Cayley but
// the store's own bookkeeping. It is for tests and for checking a store
// after a crash; it holds every quad's text in memory at once, and must not
// run beside writes. Its error names up to five quads of each side that the
// other lacks.
func (s *Store) Verify(ctx context.Context) error {
	if err := s.Sync(ctx); err != nil {
		return err
	}
	inIndex := map[string]bool{}
	if err := s.EachNQuad(ctx, Filter{}, func(line string) error {
		inIndex[line] = true
		return nil
	}); err != nil {
		return err
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var onlyCayley []string
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return fmt.Errorf("graph: verify: read quad: %w", err)
		}
		if q.Subject == quad.IRI(metaNode) {
			continue
		}
		line := q.NQuad()
		if inIndex[line] {
			delete(inIndex, line)
		} else if len(onlyCayley) < 5 {
			onlyCayley = append(onlyCayley, line)
		}
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("graph: verify: scan %s store: %w", s.backend, err)
	}
	if len(onlyCayley) == 0 && len(inIndex) == 0 {
		return nil
	}
	var onlyIndex []string
	for line := range inIndex {
		if len(onlyIndex) == 5 {
			break
		}
		onlyIndex = append(onlyIndex, line)
	}
	return fmt.Errorf("graph: verify: the index and Cayley differ: %d quads only in the index (%s), some only in Cayley (%s)",
		len(inIndex), strings.Join(onlyIndex, "; "), strings.Join(onlyCayley, "; "))
}
