package graph

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/cayleygraph/quad"
	"github.com/jackc/pgx/v5"
)

// A store on PostgreSQL follows the loads other processes make: every
// followEvery it reads the last id of pharmagraph_loads, one index probe,
// and when a load it lacks has committed, reads the quads after the last
// one its index holds and adds them. Polling rather than LISTEN/NOTIFY:
// a hot standby cannot LISTEN (and replays no NOTIFY), so polling is the
// one way that works on a primary and a standby alike; a poll costs the
// database a few microseconds, and a load is seen within followEvery plus
// the time to read it.
const (
	followEvery = 250 * time.Millisecond
	// behindAfter is how long a store may go without reaching its database
	// before Following reports it behind.
	behindAfter = 3 * time.Second
)

// ErrReadOnly is returned by a write to a store on a PostgreSQL standby.
var ErrReadOnly = errors.New("graph: the store is a read-only PostgreSQL standby; load into its primary")

// follower polls the database for new loads.
type follower struct {
	ctx  context.Context // cancelled by close
	stop context.CancelFunc
	done chan struct{}

	mu  sync.Mutex
	ok  time.Time // when the index last matched the database
	err error     // the last poll's error
}

// startFollowing starts the follower of a store on PostgreSQL.
func (s *Store) startFollowing() {
	ctx, stop := context.WithCancel(context.Background())
	f := &follower{ctx: ctx, stop: stop, done: make(chan struct{}), ok: time.Now()}
	s.pg.follower = f
	go func() {
		defer close(f.done)
		t := time.NewTicker(followEvery)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			err := s.followOnce(ctx)
			f.mu.Lock()
			switch {
			case err != nil && f.err == nil:
				slog.Warn("graph: cannot follow the database", "err", err)
			case err == nil && f.err != nil:
				slog.Info("graph: following the database again")
			}
			if err == nil {
				f.ok = time.Now()
			}
			f.err = err
			f.mu.Unlock()
		}
	}()
}

// close stops the follower and waits for it.
func (f *follower) close() {
	f.stop()
	<-f.done
}

// followOnce brings the index up to the database's last load. Reading a
// big load may take longer than behindAfter, and is not cut short: only
// the poll is.
func (s *Store) followOnce(ctx context.Context) error {
	p := s.pg
	var load int64
	poll, cancel := context.WithTimeout(ctx, behindAfter)
	err := p.pool.QueryRow(poll, `SELECT coalesce(max(id), 0) FROM pharmagraph_loads`).Scan(&load)
	cancel()
	if err != nil {
		return err
	}
	if !s.wmu.TryLock() {
		// A write of this store holds the load lock, or waits for it, and
		// catches up itself once it has it.
		return nil
	}
	defer s.wmu.Unlock()
	if load == p.load {
		return nil
	}
	tx, err := p.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return err
	}
	defer tx.Rollback(ctx)
	return s.catchUp(ctx, tx)
}

// catchUp adds to the index the quads tx sees after the last it holds.
// The caller holds s.wmu.
func (s *Store) catchUp(ctx context.Context, tx pgx.Tx) error {
	p := s.pg
	var quads []quad.Quad
	horizon, load, err := p.readQuads(ctx, tx, p.horizon, func(q quad.Quad) { quads = append(quads, q) })
	if err != nil {
		return err
	}
	if len(quads) > 0 {
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			return ErrClosed
		}
		for _, q := range quads {
			if g, ok := generationOf(q); ok {
				s.gen = max(s.gen, g)
			}
			s.idx.add(q)
		}
		s.idx.refresh()
		s.mu.Unlock()
		slog.Debug("graph: followed a load", "quads", len(quads), "load", load)
	}
	p.horizon, p.load = horizon, load
	return nil
}

// Following reports whether the store keeps up with its database: nil for
// a store on bolt or memory, and for one on PostgreSQL that has matched
// the database's last load within the last few seconds; an error that says
// since when and why not otherwise.
func (s *Store) Following() error {
	if s.pg == nil || s.pg.follower == nil {
		return nil
	}
	f := s.pg.follower
	f.mu.Lock()
	defer f.mu.Unlock()
	if since := time.Since(f.ok); since > behindAfter {
		return fmt.Errorf("graph: behind the database: last in step %s ago (%v)", since.Round(time.Second), f.err)
	}
	return nil
}
