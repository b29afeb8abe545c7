package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"syscall"

	cgraph "github.com/cayleygraph/cayley/graph"
)

// backends maps our backend names to the names Cayley registers them under.
var backends = map[string]string{
	"bolt":     "bbolt",    // github.com/cayleygraph/cayley/graph/kv/bbolt
	"memory":   "memstore", // github.com/cayleygraph/cayley/graph/memstore
	"postgres": "postgres", // github.com/cayleygraph/cayley/graph/sql/postgres
}

// Backends lists the backend names Open accepts.
func Backends() []string { return []string{"bolt", "memory", "postgres"} }

// Options tunes a Store. The zero value is usable.
type Options struct{}

// Store is the knowledge graph: a Cayley quad store that keeps every fact
// durably, and an index in memory that answers reads. A Store is safe for
// concurrent use. Close waits for the reads and writes under way.
type Store struct {
	backend string
	addr    string
	qs      cgraph.QuadStore
	lock    *os.File // held for the bolt backend: one process per data folder

	wmu    sync.Mutex   // held by the write or follow that changes idx and gen, one at a time
	mu     sync.RWMutex // guards idx, gen and closed; held for reading by every read
	idx    *index
	gen    uint64 // the store's generation: how many writes it has had
	closed bool
	names  nameTables    // what Search reads; see search.go
	reads  atomic.Uint64 // reads begun, by which the journal's applier knows it is serving

	// A bolt store writes through its journal; see journal.go.
	journal *journal
	mat     *materializer
	snapGen uint64 // the generation of the snapshot on disk

	pg *pgStore // a PostgreSQL store's connections; see postgres.go
}

// Open opens the store of the named backend at addr, creating it when it
// does not exist: a folder for "bolt", a PostgreSQL URL for "postgres",
// nothing for "memory". The backend's Cayley package must be imported for
// its side effects, which the pharmagraph command does.
func Open(ctx context.Context, backend, addr string, opts Options) (*Store, error) {
	name, ok := backends[backend]
	if !ok {
		return nil, fmt.Errorf("graph: unknown backend %q (want bolt, memory or postgres)", backend)
	}
	if !cgraph.IsRegistered(name) {
		return nil, fmt.Errorf("graph: backend %q is not registered (missing import of Cayley's %s in cmd/pharmagraph?)", backend, name)
	}
	s := &Store{backend: backend, addr: addr}
	copts := cgraph.Options{}
	switch backend {
	case "memory":
		addr = ""
	case "bolt":
		if addr == "" {
			return nil, errors.New("graph: the bolt backend needs a data folder")
		}
		lock, err := lockDir(addr)
		if err != nil {
			return nil, err
		}
		s.lock = lock
		// The index knows every quad, so Cayley's bloom filter of quads,
		// which costs a scan of the whole store on every open, is not needed.
		copts["no_bloom"] = true
	case "postgres":
		if addr == "" {
			return nil, errors.New("graph: the postgres backend needs a connection URL")
		}
		pg, err := openPostgres(ctx, addr)
		if err != nil {
			return nil, err
		}
		s.pg = pg
	}
	if cgraph.IsPersistent(name) && s.pg == nil {
		if err := cgraph.InitQuadStore(name, addr, copts); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			s.unlock()
			return nil, fmt.Errorf("graph: create %s store: %w", backend, err)
		}
	}
	qs, err := cgraph.NewQuadStore(name, addr, copts)
	if err != nil {
		s.unlock()
		if s.pg != nil {
			s.pg.pool.Close()
		}
		return nil, fmt.Errorf("graph: open %s store: %w", backend, err)
	}
	s.qs = qs
	if err := s.load(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if s.pg != nil {
		s.startFollowing()
	}
	return s, nil
}

// lockDir creates dir and takes an exclusive lock on a file in it, failing at
// once when another process holds it: bbolt itself would wait forever.
func lockDir(dir string) (*os.File, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("graph: %w", err)
	}
	path := filepath.Join(dir, "LOCK")
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o600)
	if err != nil {
		return nil, fmt.Errorf("graph: %w", err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("graph: data folder %s is in use by another pharmagraph process (lock %s)", dir, path)
		}
		return nil, fmt.Errorf("graph: lock %s: %w", path, err)
	}
	return f, nil
}

func (s *Store) unlock() {
	if s.lock != nil {
		s.lock.Close() // closing the file releases the lock
		s.lock = nil
	}
}

// load builds the index. A bolt store opens its journal, builds the index
// from its snapshot when that is usable and from every quad of Cayley when
// not, replays the journal records the index lacks, and starts applying the
// records Cayley lacks.
func (s *Store) load(ctx context.Context) error {
	if s.pg != nil {
		return s.openIndex(ctx)
	}
	applied, err := readGeneration(ctx, s.qs)
	if err != nil {
		return fmt.Errorf("graph: read the store's generation: %w", err)
	}
	s.gen = applied
	if s.backend != "bolt" {
		return s.scan(ctx)
	}
	j, recs, err := openJournal(s.addr)
	if err != nil {
		return fmt.Errorf("graph: journal: %w", err)
	}
	s.journal = j
	var pending []record
	for _, r := range recs {
		if r.gen > applied {
			pending = append(pending, r)
		}
	}
	if len(pending) > 0 && pending[0].gen != applied+1 {
		return fmt.Errorf("graph: the store is at generation %d but its journal resumes at %d", applied, pending[0].gen)
	}
	if len(recs) > 0 {
		s.gen = max(s.gen, recs[len(recs)-1].gen)
	}
	// A snapshot of generation g is usable when the journal holds every
	// record after g.
	first := s.gen + 1
	if len(recs) > 0 {
		first = recs[0].gen
	}
	idx := newIndex()
	snap, err := idx.readSnapshot(s.addr, func(g uint64) bool { return g <= s.gen && g+1 >= first })
	if err == nil {
		s.snapGen = snap
	} else {
		if !errors.Is(err, errStale) {
			slog.Warn("graph: snapshot unusable; reading the whole store", "dir", s.addr, "err", err)
		}
		if err := s.scan(ctx); err != nil {
			return err
		}
		idx, snap = s.idx, applied
	}
	for _, r := range recs {
		if r.gen > snap {
			if err := r.decoder().quads(idx.add); err != nil {
				return fmt.Errorf("graph: journal record %d: %w", r.gen, err)
			}
		}
	}
	idx.refresh()
	s.idx = idx
	s.mat = startMaterializer(s.qs, &s.reads, applied, pending)
	return nil
}

// saveSnapshot writes the snapshot of a bolt store at its generation. A
// snapshot only speeds up the next open, so a failure is logged, not
// returned.
func (s *Store) saveSnapshot() {
	if s.backend != "bolt" || s.gen == 0 || s.gen == s.snapGen {
		return
	}
	if err := s.idx.writeSnapshot(s.addr, s.gen); err != nil {
		slog.Warn("graph: writing the index snapshot failed; the next open reads the whole store", "dir", s.addr, "err", err)
		return
	}
	s.snapGen = s.gen
}

// scan builds the index from every quad in the backend.
func (s *Store) scan(ctx context.Context) error {
	idx := newIndex()
	it := s.qs.QuadsAllIterator().Iterate()
	defer it.Close()
	for it.Next(ctx) {
		q, err := s.qs.Quad(it.Result())
		if err != nil {
			return fmt.Errorf("graph: read quad: %w", err)
		}
		idx.add(q)
	}
	if err := it.Err(); err != nil {
		return fmt.Errorf("graph: scan %s store: %w", s.backend, err)
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("graph: scan %s store: %w", s.backend, err)
	}
	idx.refresh()
	s.idx = idx
	return nil
}

// Backend returns the name of the store's backend.
func (s *Store) Backend() string { return s.backend }

// Addr returns where the store keeps its data: the bolt folder or the
// PostgreSQL URL; empty for memory.
func (s *Store) Addr() string { return s.addr }

// Close waits for the reads and writes under way, then closes the backend.
// Calling Close again does nothing.
func (s *Store) Close() error {
	if s.pg != nil && s.pg.follower != nil {
		s.pg.follower.close() // before s.mu: a follow takes it
	}
	s.wmu.Lock() // the write under way ends first
	defer s.wmu.Unlock()
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	var err error
	if s.mat != nil {
		applied := s.mat.close()
		s.saveSnapshot()
		if applied == s.gen && s.snapGen == s.gen {
			// Cayley and the snapshot hold every record: start afresh.
			err = s.journal.truncate(0)
		}
	}
	if s.journal != nil {
		if cerr := s.journal.f.Close(); err == nil {
			err = cerr
		}
	}
	if s.qs != nil {
		if cerr := s.qs.Close(); err == nil {
			err = cerr
		}
	}
	if s.pg != nil {
		s.pg.pool.Close()
	}
	s.unlock()
	return err
}

// Sync waits until Cayley holds every write. Writes are durable when Write
// returns: a bolt store's journal has them, and Cayley receives them in the
// background; Sync is for those who read the Cayley files themselves. When
// Cayley refused a write, Sync returns its error: the write stays in the
// journal, and the next Open applies it again.
func (s *Store) Sync(ctx context.Context) error {
	s.mu.RLock()
	m, closed := s.mat, s.closed
	s.mu.RUnlock()
	if closed {
		return ErrClosed
	}
	if m == nil {
		return nil
	}
	return m.wait(ctx)
}

// ErrClosed is returned by every call on a closed Store.
var ErrClosed = errors.New("graph: store is closed")

// read runs f with the index locked for reading.
func (s *Store) read(ctx context.Context, f func(x *index) error) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	s.reads.Add(1)
	s.mu.RLock()
	defer s.mu.RUnlock()
	if s.closed {
		return ErrClosed
	}
	return f(s.idx)
}
