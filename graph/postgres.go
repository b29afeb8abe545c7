package graph

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/quad"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// A store on PostgreSQL keeps its quads in Cayley's own SQL tables, nodes
// and quads, exactly as Cayley's SQL backend writes them (the same hashes,
// value columns and reference counts), so Cayley and its tools read the
// same database. Cayley writes a statement per quad; a load here writes the
// nodes and quads of a batch with COPY and a few set-based statements, in
// one transaction, under an advisory lock that serialises loads across
// processes. Every load also adds a row to pharmagraph_loads in the same
// transaction: servers on the database poll that table to learn of loads
// made by other processes (see follow.go).
const (
	loadsTable = `CREATE TABLE IF NOT EXISTS pharmagraph_loads (
	id BIGSERIAL PRIMARY KEY,
	horizon BIGINT NOT NULL,
	quads BIGINT NOT NULL,
	finished TIMESTAMPTZ NOT NULL DEFAULT now()
)`
	// loadLock is the key of the transaction-level advisory lock a load
	// holds: "phar" in ASCII. It is released when the load commits, rolls
	// back or its connection dies.
	loadLock = 0x70686172
)

// nodeColumns are the columns of Cayley's nodes table, in its order.
var nodeColumns = []string{"hash", "refs", "value", "value_string", "datatype", "language", "iri", "bnode", "value_int", "value_bool", "value_float", "value_time"}

// pgStore is the PostgreSQL side of a Store.
type pgStore struct {
	pool    *pgxpool.Pool
	standby bool // the server is a hot standby: reads only

	horizon int64 // the last quad the index holds; guarded by Store.wmu
	load    int64 // the last load the index holds; guarded by Store.wmu

	follower *follower
}

// openPostgres connects to addr and makes Cayley's tables and ours when
// they are missing (on a primary; a standby only reads).
func openPostgres(ctx context.Context, addr string) (*pgStore, error) {
	pool, err := pgxpool.New(ctx, addr)
	if err != nil {
		return nil, fmt.Errorf("graph: postgres: %w", err)
	}
	p := &pgStore{pool: pool}
	var exists bool
	err = pool.QueryRow(ctx, `SELECT pg_is_in_recovery(), to_regclass('quads') IS NOT NULL`).Scan(&p.standby, &exists)
	if err != nil {
		pool.Close()
		return nil, fmt.Errorf("graph: postgres: %w", err)
	}
	if p.standby {
		if !exists {
			pool.Close()
			return nil, errors.New("graph: postgres: the server is a standby and its primary holds no store yet")
		}
		return p, nil
	}
	if !exists {
		if err := cgraph.InitQuadStore("postgres", addr, nil); err != nil && !errors.Is(err, cgraph.ErrDatabaseExists) {
			pool.Close()
			return nil, fmt.Errorf("graph: create postgres store: %w", err)
		}
	}
	if _, err := pool.Exec(ctx, loadsTable); err != nil {
		pool.Close()
		return nil, fmt.Errorf("graph: postgres: create pharmagraph_loads: %w", err)
	}
	return p, nil
}

// openIndex builds the index from every quad in the database, read in one
// snapshot: the nodes in one streamed query, then the quads in another.
func (s *Store) openIndex(ctx context.Context) error {
	p := s.pg
	tx, err := p.pool.BeginTx(ctx, pgx.TxOptions{IsoLevel: pgx.RepeatableRead, AccessMode: pgx.ReadOnly})
	if err != nil {
		return fmt.Errorf("graph: postgres: %w", err)
	}
	defer tx.Rollback(ctx)
	idx := newIndex()
	horizon, load, err := p.readQuads(ctx, tx, 0, func(q quad.Quad) {
		if g, ok := generationOf(q); ok {
			s.gen = max(s.gen, g)
		}
		idx.add(q)
	})
	if err != nil {
		return err
	}
	idx.refresh()
	s.idx, p.horizon, p.load = idx, horizon, load
	return nil
}

// readQuads calls fn for every quad after the horizon that tx sees, in
// the order they were written, and returns the last quad's horizon and the
// last completed load.
func (p *pgStore) readQuads(ctx context.Context, tx pgx.Tx, after int64, fn func(quad.Quad)) (horizon, load int64, err error) {
	fail := func(err error) (int64, int64, error) {
		return 0, 0, fmt.Errorf("graph: postgres: read quads after %d: %w", after, err)
	}
	err = tx.QueryRow(ctx, `SELECT coalesce((SELECT max(horizon) FROM quads), 0), coalesce((SELECT max(id) FROM pharmagraph_loads), 0)`).Scan(&horizon, &load)
	if err != nil {
		return fail(err)
	}
	if horizon <= after {
		return after, load, nil
	}
	cols := `hash, value, value_string, datatype, language, iri, bnode, value_int, value_bool, value_float, value_time`
	nodesSQL := `SELECT ` + cols + ` FROM nodes`
	if after > 0 {
		// Only the nodes the new quads name.
		nodesSQL += ` WHERE hash IN (SELECT subject_hash FROM quads WHERE horizon > $1
			UNION SELECT predicate_hash FROM quads WHERE horizon > $1
			UNION SELECT object_hash FROM quads WHERE horizon > $1
			UNION SELECT label_hash FROM quads WHERE horizon > $1)`
	}
	args := []any{}
	if after > 0 {
		args = append(args, after)
	}
	values := map[refs.ValueHash]quad.Value{}
	rows, err := tx.Query(ctx, nodesSQL, args...)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var (
			h   []byte
			row nodeRow
		)
		if err := rows.Scan(&h, &row.value, &row.str, &row.typ, &row.lang, &row.iri, &row.bnode, &row.vint, &row.vbool, &row.vfloat, &row.vtime); err != nil {
			rows.Close()
			return fail(err)
		}
		v, err := row.decode()
		if err != nil {
			rows.Close()
			return fail(fmt.Errorf("node %x: %w", h, err))
		}
		var key refs.ValueHash
		copy(key[:], h)
		values[key] = v
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	rows, err = tx.Query(ctx, `SELECT subject_hash, predicate_hash, object_hash, label_hash FROM quads
		WHERE horizon > $1 AND horizon <= $2 ORDER BY horizon`, after, horizon)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		raw := rows.RawValues()
		var q quad.Quad
		for i, dir := range quad.Directions {
			if raw[i] == nil {
				continue
			}
			var key refs.ValueHash
			copy(key[:], raw[i])
			v, ok := values[key]
			if !ok {
				return fail(fmt.Errorf("a quad names node %x, which the nodes table lacks", raw[i]))
			}
			q.Set(dir, v)
		}
		fn(q)
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return horizon, load, nil
}

// nodeRow is one row of Cayley's nodes table.
type nodeRow struct {
	value             []byte
	str, typ, lang    *string
	iri, bnode, vbool *bool
	vint              *int64
	vfloat            *float64
	vtime             *time.Time
}

// decode returns the value of a node as Cayley's SQL backend does.
func (r nodeRow) decode() (quad.Value, error) {
	switch {
	case r.str != nil:
		switch {
		case r.iri != nil && *r.iri:
			return quad.IRI(*r.str), nil
		case r.bnode != nil && *r.bnode:
			return quad.BNode(*r.str), nil
		case r.lang != nil:
			return quad.LangString{Value: quad.String(unescapeNUL(*r.str)), Lang: *r.lang}, nil
		case r.typ != nil:
			return quad.TypedString{Value: quad.String(unescapeNUL(*r.str)), Type: quad.IRI(*r.typ)}, nil
		}
		return quad.String(unescapeNUL(*r.str)), nil
	case r.vint != nil:
		return quad.Int(*r.vint), nil
	case r.vbool != nil:
		return quad.Bool(*r.vbool), nil
	case r.vfloat != nil:
		return quad.Float(*r.vfloat), nil
	case r.vtime != nil:
		return quad.Time(r.vtime.UTC()), nil
	}
	return nil, errors.New("a value of a kind pharmagraph does not store")
}

// unescapeNUL undoes the escape of NUL bytes Cayley's SQL backend stores
// strings with.
func unescapeNUL(s string) string { return strings.ReplaceAll(s, `\x00`, "\x00") }
