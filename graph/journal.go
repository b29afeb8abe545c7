package graph

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
)

// The journal is the write-ahead log of a bolt store. A write appends one
// record holding all its new quads and syncs it; from then on the write is
// durable, and it is in the index. A goroutine, the materializer, applies
// the records to Cayley in order, each with the store's generation moved to
// the record's number in the same transaction. A record whose tail a crash
// cut off fails its checksum and is dropped when the journal is opened: the
// write it held never happened, as its caller was never told it had.
//
// Cayley's kv stores write some 50,000 quads a second; the journal writes
// millions, so a large load is durable and queryable in the time it takes
// to read it, and Cayley catches up behind it. Opening the store replays the
// records Cayley lacks.
const (
	journalFile  = "journal"
	journalMagic = "pharmagraph journal 1\n"

	// materializeChunk bounds the quads in one Cayley transaction. A record
	// applied partly before a crash is applied again in full: its quads that
	// landed are duplicates, which Cayley ignores.
	materializeChunk = 10_000

	// materializeRest is how long the materializer rests after a chunk
	// during which the store served reads, as a share of the time Cayley
	// took to apply the chunk. Resting as long as Cayley worked, it leaves
	// at least half of a core while it catches up after a load and queries
	// come, so that they, and the collector they need, find a core free;
	// the catch-up then takes some 2.4 times as long (BENCHMARKS.md,
	// "Applying the journal while serving"). Without reads it does not
	// rest.
	materializeRest = 1.0
)

// record is one write. It keeps its quads encoded, as the journal holds
// them: a record waits in memory until Cayley has it, and after a large
// load that is every quad of the load, which decoded would take ten times
// the room and keep the collector busy.
type record struct {
	gen  uint64 // the store's generation once the write is in
	body []byte // gen, then the quads, as snapEncoder writes them
}

// recordWriter encodes the quads of a write into its record as the write
// makes them, each once, so that a large write holds its quads encoded
// only: a slice of them, and a set of them to find repeats, would take ten
// times the room.
type recordWriter struct {
	gen  uint64
	body bytes.Buffer
	w    *bufio.Writer
	enc  *snapEncoder
	// seen holds the quads written, each as the encoder's numbers of its
	// four values (see key).
	seen map[[4]uint32]struct{}
	n    int // quads written
}

// newRecordWriter starts the record of the write that moves the store to
// gen.
func newRecordWriter(gen uint64) *recordWriter {
	rw := &recordWriter{gen: gen, seen: map[[4]uint32]struct{}{}}
	rw.w = bufio.NewWriter(&rw.body)
	rw.enc = newEncoder(rw.w)
	rw.enc.uvarint(gen)
	return rw
}

// add writes q unless the record has it already, and reports whether it
// wrote it.
func (rw *recordWriter) add(q quad.Quad) bool {
	if k, ok := rw.key(q); ok {
		if _, dup := rw.seen[k]; dup {
			return false
		}
	}
	rw.enc.quad(q)
	k, _ := rw.key(q)
	rw.seen[k] = struct{}{}
	rw.n++
	return true
}

// key returns the numbers the encoder gave the values of q, each with its
// kind in the low two bits, and false when a value has none yet: then q is
// not in the record. A record of more than a billion distinct strings
// would not fit in memory anyway.
func (rw *recordWriter) key(q quad.Quad) ([4]uint32, bool) {
	var k [4]uint32
	for i, v := range [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
		id, ok := rw.enc.ids[text(v)]
		if !ok {
			return k, false
		}
		var kind uint32
		switch v.(type) {
		case quad.IRI:
			kind = 1
		case quad.String:
			kind = 2
		}
		k[i] = uint32(id)<<2 | kind
	}
	return k, true
}

// record ends the record and returns it.
func (rw *recordWriter) record() record {
	rw.enc.uvarint(0)
	rw.w.Flush()
	return record{gen: rw.gen, body: rw.body.Bytes()}
}

// decoder returns a decoder of the record's quads.
func (r record) decoder() *snapDecoder {
	d := &snapDecoder{b: r.body, strs: []string{""}}
	d.uvarint() // the generation, which r.gen holds
	return d
}

// journal is the open journal file.
type journal struct {
	f    *os.File
	size int64 // the end of the last whole record
}

// openJournal opens or creates the journal in dir and returns its whole
// records, dropping a torn one at the end.
func openJournal(dir string) (*journal, []record, error) {
	f, err := os.OpenFile(filepath.Join(dir, journalFile), os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, nil, err
	}
	j := &journal{f: f}
	data, err := io.ReadAll(f)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	if len(data) == 0 {
		if err := j.truncate(0); err != nil {
			f.Close()
			return nil, nil, err
		}
		return j, nil, nil
	}
	if !bytes.HasPrefix(data, []byte(journalMagic)) {
		f.Close()
		return nil, nil, fmt.Errorf("%s is not a journal", f.Name())
	}
	var recs []record
	off := len(journalMagic)
	for off < len(data) {
		r, n, err := decodeRecord(data[off:])
		if err != nil {
			slog.Warn("graph: dropping the torn end of the journal: the write it held was never acknowledged",
				"file", f.Name(), "offset", off, "bytes", len(data)-off, "err", err)
			break
		}
		if len(recs) > 0 && r.gen != recs[len(recs)-1].gen+1 {
			f.Close()
			return nil, nil, fmt.Errorf("%s: record %d follows record %d", f.Name(), r.gen, recs[len(recs)-1].gen)
		}
		recs = append(recs, r)
		off += n
	}
	if err := j.truncate(int64(off)); err != nil {
		f.Close()
		return nil, nil, err
	}
	return j, recs, nil
}

// decodeRecord reads one record: its length, its body and the body's CRC.
func decodeRecord(b []byte) (record, int, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || uint64(len(b)-k) < n+4 {
		return record{}, 0, errors.New("truncated record")
	}
	body := b[k : k+int(n)]
	if crc32.ChecksumIEEE(body) != binary.BigEndian.Uint32(b[k+int(n):]) {
		return record{}, 0, errors.New("record checksum mismatch")
	}
	d := snapDecoder{b: body}
	r := record{gen: d.uvarint(), body: body}
	return r, k + int(n) + 4, d.err
}

// append writes r and syncs it. On failure the journal is cut back to
// where it was, so that no part of r remains.
func (j *journal) append(r record) error {
	var head [binary.MaxVarintLen64]byte
	var tail [4]byte
	binary.BigEndian.PutUint32(tail[:], crc32.ChecksumIEEE(r.body))
	buf := append(head[:binary.PutUvarint(head[:], uint64(len(r.body)))], r.body...)
	buf = append(buf, tail[:]...)
	if _, err := j.f.WriteAt(buf, j.size); err != nil {
		j.truncate(j.size)
		return err
	}
	if err := j.f.Sync(); err != nil {
		j.truncate(j.size)
		return err
	}
	j.size += int64(len(buf))
	return nil
}

// truncate cuts the journal at size, or back to its header for size 0.
func (j *journal) truncate(size int64) error {
	if size < int64(len(journalMagic)) {
		if _, err := j.f.WriteAt([]byte(journalMagic), 0); err != nil {
			return err
		}
		size = int64(len(journalMagic))
	}
	if err := j.f.Truncate(size); err != nil {
		return err
	}
	j.size = size
	return j.f.Sync()
}

// materializer applies journal records to Cayley, in order, in the
// background.
type materializer struct {
	qs    cgraph.QuadStore
	reads *atomic.Uint64 // the store's reads begun; see materializeRest

	mu      sync.Mutex
	wake    *sync.Cond
	pending []record
	applied uint64 // the generation Cayley has
	stop    bool
	err     error         // why Cayley refused a record; the applier has stopped
	quit    chan struct{} // closed by close, to end a rest
	done    chan struct{}

	owed time.Duration // the rest due before the next chunk; run's alone
}

func startMaterializer(qs cgraph.QuadStore, reads *atomic.Uint64, applied uint64, pending []record) *materializer {
	m := &materializer{qs: qs, reads: reads, applied: applied, pending: pending, quit: make(chan struct{}), done: make(chan struct{})}
	m.wake = sync.NewCond(&m.mu)
	go m.run()
	return m
}

// add queues a record.
func (m *materializer) add(r record) {
	m.mu.Lock()
	m.pending = append(m.pending, r)
	m.mu.Unlock()
	m.wake.Broadcast()
}

// close stops the materializer once the chunk under way is applied and
// returns the generation Cayley has.
func (m *materializer) close() uint64 {
	m.mu.Lock()
	m.stop = true
	m.mu.Unlock()
	close(m.quit)
	m.wake.Broadcast()
	<-m.done
	return m.applied
}

// wait blocks until every queued record is in Cayley or ctx ends. It
// returns the error with which Cayley refused a record, and ErrClosed when
// the store closed first.
func (m *materializer) wait(ctx context.Context) error {
	stop := context.AfterFunc(ctx, m.wake.Broadcast)
	defer stop()
	m.mu.Lock()
	defer m.mu.Unlock()
	for len(m.pending) > 0 && !m.stop {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		m.wake.Wait()
	}
	switch {
	case m.err != nil:
		return m.err
	case len(m.pending) > 0:
		return ErrClosed
	}
	return nil
}

func (m *materializer) run() {
	defer close(m.done)
	for {
		m.mu.Lock()
		if len(m.pending) == 0 {
			m.owed = 0 // idle until the next write: rested
		}
		for len(m.pending) == 0 && !m.stop {
			m.wake.Wait()
		}
		if m.stop {
			m.mu.Unlock()
			return
		}
		r := m.pending[0]
		m.mu.Unlock()
		done, err := m.apply(r)
		if err != nil {
			// Cayley refused: the record stays in the journal, and the next
			// open tries again. Sync returns the error; the log tells those
			// who never call it.
			slog.Error("graph: applying the journal to the store failed; stopping until the next open", "generation", r.gen, "err", err)
			m.mu.Lock()
			m.stop = true
			m.err = fmt.Errorf("graph: apply journal record %d to the store: %w", r.gen, err)
			m.mu.Unlock()
			m.wake.Broadcast()
			return
		}
		if !done {
			return // stopped within the record: the next open applies it again
		}
		m.mu.Lock()
		m.pending[0] = record{} // let the body go: the slice's array outlives the record
		m.pending = m.pending[1:]
		m.applied = r.gen
		m.mu.Unlock()
		m.wake.Broadcast()
	}
}

// apply writes one record to Cayley in chunks, resting before each as
// materializeRest says when reads came during the one before; the last
// chunk moves the store's generation to the record's. It reports whether
// it got through the record before being stopped.
func (m *materializer) apply(r record) (bool, error) {
	d := r.decoder()
	deltas := make([]cgraph.Delta, 0, materializeChunk+2)
	for {
		if !m.rest() {
			return false, nil
		}
		deltas = deltas[:0]
		last := false
		for len(deltas) < materializeChunk {
			q, ok := d.next()
			if !ok {
				last = true
				break
			}
			deltas = append(deltas, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
		if d.err != nil {
			return false, fmt.Errorf("decode: %w", d.err)
		}
		if last {
			deltas = append(deltas, generationDeltas(r.gen-1)...)
		}
		t, reads := time.Now(), m.reads.Load()
		if err := m.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true}); err != nil {
			return false, err
		}
		took := time.Since(t)
		m.owed = 0
		if m.reads.Load() != reads {
			m.owed = time.Duration(float64(took) * materializeRest)
		}
		slog.Debug("graph: journal applied to the store", "generation", r.gen, "quads", len(deltas), "took", took)
		if last {
			return true, nil
		}
	}
}

// rest waits the rest owed, and reports false, at once, when the
// materializer is stopped.
func (m *materializer) rest() bool {
	select {
	case <-m.quit:
		return false
	default:
	}
	t := time.NewTimer(m.owed)
	defer t.Stop()
	select {
	case <-m.quit:
		return false
	case <-t.C:
		return true
	}
}
