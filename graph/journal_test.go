package graph

import (
	"context"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// slowStore is a Cayley store whose every transaction takes a while and,
// when reads is not nil, comes with a read of the index, as when queries
// are served during a catch-up.
type slowStore struct {
	cgraph.QuadStore
	took    time.Duration
	reads   *atomic.Uint64
	applied chan struct{}  // told of each transaction
	spans   [][2]time.Time // when each transaction began and ended
}

func (s *slowStore) ApplyDeltas(ds []cgraph.Delta, opts cgraph.IgnoreOpts) error {
	began := time.Now()
	time.Sleep(s.took)
	if s.reads != nil {
		s.reads.Add(1)
	}
	s.applied <- struct{}{}
	err := s.QuadStore.ApplyDeltas(ds, opts)
	s.spans = append(s.spans, [2]time.Time{began, time.Now()})
	return err
}

// twoChunks is a record of one quad more than a chunk.
func twoChunks() record {
	rw := newRecordWriter(1)
	for i := range materializeChunk + 1 {
		rw.add(quad.Quad{Subject: quad.IRI("TEST:" + strconv.Itoa(i)), Predicate: quad.IRI(hasName), Object: quad.String("n")})
	}
	return rw.record()
}

func newSlowStore(t *testing.T, took time.Duration, reads *atomic.Uint64) *slowStore {
	t.Helper()
	qs, err := cgraph.NewQuadStore("memstore", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	return &slowStore{QuadStore: qs, took: took, reads: reads, applied: make(chan struct{}, 4)}
}

// TestMaterializerRests checks that the applier rests after a chunk during
// which reads came, as long as the chunk took, and not otherwise: the time
// between the two chunks' transactions is the rest, with nothing else to
// do but decode the second chunk's one quad, however busy the machine.
func TestMaterializerRests(t *testing.T) {
	const took = 500 * time.Millisecond
	for _, served := range []bool{false, true} {
		var reads atomic.Uint64
		qs := newSlowStore(t, took, nil)
		if served {
			qs.reads = &reads
		}
		m := startMaterializer(qs, &reads, 0, []record{twoChunks()})
		if err := m.wait(context.Background()); err != nil {
			t.Fatal(err)
		}
		m.close()
		if len(qs.spans) != 2 {
			t.Fatalf("%d transactions for two chunks", len(qs.spans))
		}
		gap := qs.spans[1][0].Sub(qs.spans[0][1])
		if rested := gap >= took; rested != served {
			t.Errorf("reads served: %v; %v between the chunks, rested: %v", served, gap, rested)
		}
	}
}

// TestMaterializerCloseEndsRest checks that closing the store does not wait
// for the applier's rest to end.
func TestMaterializerCloseEndsRest(t *testing.T) {
	const took = time.Second
	var reads atomic.Uint64
	qs := newSlowStore(t, took, &reads)
	m := startMaterializer(qs, &reads, 0, []record{twoChunks()})
	<-qs.applied // the first chunk, after which a rest of took is due
	start := time.Now()
	if applied := m.close(); applied != 0 {
		t.Errorf("closed after the first chunk of record 1: applied %d, want 0", applied)
	}
	if d := time.Since(start); d >= took/2 {
		t.Errorf("close took %v, within a rest of %v", d, took)
	}
}

// TestMaterializerLetsRecordsGo checks that a record applied to Cayley is
// not kept: the journal read at an open, and every load's records, would
// otherwise stay in memory for as long as the store serves.
func TestMaterializerLetsRecordsGo(t *testing.T) {
	qs, err := cgraph.NewQuadStore("memstore", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	var reads atomic.Uint64
	recs := []record{twoChunks(), twoChunks()}
	recs[1].gen = 2
	m := startMaterializer(qs, &reads, 0, recs)
	if err := m.wait(context.Background()); err != nil {
		t.Fatal(err)
	}
	m.close()
	for i, r := range recs {
		if r.body != nil {
			t.Errorf("record %d of %d is still held after it was applied: %d bytes", i+1, len(recs), len(r.body))
		}
	}
}
