package graph

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"

	"github.com/cayleygraph/cayley/graph/refs"
	csql "github.com/cayleygraph/cayley/graph/sql"
	"github.com/cayleygraph/quad"
	"github.com/jackc/pgx/v5"
)

// writePostgres is Write for a store on PostgreSQL. Under the load lock it
// first brings the index up to the database, so that the batch is checked
// against every load committed before it, then writes what is new in one
// transaction. Reads go on meanwhile; the index takes the new quads only
// once the transaction has committed.
func (s *Store) writePostgres(ctx context.Context, b Batch) (WriteStats, error) {
	p := s.pg
	s.wmu.Lock()
	defer s.wmu.Unlock()
	fail := func(err error) (WriteStats, error) {
		return WriteStats{}, fmt.Errorf("graph: write to postgres: %w", err)
	}
	// A standby takes no writes, but a write of nothing new (the seeds
	// every command loads) succeeds there as anywhere.
	var tx pgx.Tx
	if !p.standby {
		var err error
		if tx, err = p.lockForLoad(ctx); err != nil {
			return fail(err)
		}
		defer tx.Rollback(ctx)
		if err := s.catchUp(ctx, tx); err != nil {
			return WriteStats{}, err
		}
	}

	r, st, err := s.newQuads(b)
	if err != nil {
		return WriteStats{}, err
	}
	if st.Quads == 0 {
		return st, nil
	}
	if p.standby {
		return WriteStats{}, fmt.Errorf("graph: write: %w", ErrReadOnly)
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}

	fresh := make([]quad.Quad, 0, st.Quads+1)
	r.decoder().quads(func(q quad.Quad) { fresh = append(fresh, q) })
	start := time.Now()
	// A load as big as what the database holds is written faster by
	// building the quads table's indexes afresh than by adding to them.
	rebuild := len(fresh) >= rebuildFrom && int64(len(fresh)) >= p.horizon
	horizon, load, err := copyQuads(ctx, tx, append(fresh, generationQuad(r.gen)), rebuild)
	if err != nil {
		return fail(err)
	}
	if err := tx.Commit(ctx); err != nil {
		return fail(err)
	}
	slog.Debug("graph: load committed to postgres", "quads", len(fresh), "took", time.Since(start))

	s.take(r)
	p.horizon, p.load = horizon, load
	return st, nil
}

// lockForLoad begins the transaction of a load and takes the load lock in
// it, waiting for the load that holds it, if any, to end.
func (p *pgStore) lockForLoad(ctx context.Context) (pgx.Tx, error) {
	tx, err := p.pool.Begin(ctx)
	if err != nil {
		return nil, err
	}
	var locked bool
	if err := tx.QueryRow(ctx, `SELECT pg_try_advisory_xact_lock($1)`, loadLock).Scan(&locked); err != nil {
		tx.Rollback(ctx)
		return nil, err
	}
	if !locked {
		slog.Info("graph: another load holds the database; waiting for it to end")
		if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock($1)`, loadLock); err != nil {
			tx.Rollback(ctx)
			return nil, fmt.Errorf("wait for the load lock: %w", err)
		}
	}
	return tx, nil
}

// copyQuads writes quads, which the database does not hold, and their
// nodes in tx: nodes gain a reference per quad that names them, as
// Cayley counts, and the generation quads before the last of quads are
// deleted. With rebuild, the quads table's indexes and foreign keys are
// dropped while the quads are copied, then made again as they were. It
// records the load and returns its last quad's horizon and its id.
func copyQuads(ctx context.Context, tx pgx.Tx, quads []quad.Quad, rebuild bool) (horizon, load int64, err error) {
	type node struct {
		val  quad.Value
		refs int
	}
	nodes := map[refs.ValueHash]*node{}
	hashes := make([][4]refs.ValueHash, len(quads))
	for i, q := range quads {
		for j, dir := range quad.Directions {
			v := q.Get(dir)
			if v == nil {
				continue
			}
			h := refs.HashOf(v)
			n := nodes[h]
			if n == nil {
				n = &node{val: v}
				nodes[h] = n
			}
			n.refs++
			hashes[i][j] = h
		}
	}
	column := map[string]int{}
	for i, c := range nodeColumns {
		column[c] = i
	}
	if _, err := tx.Exec(ctx, `CREATE TEMP TABLE pharmagraph_nodes_in (LIKE nodes) ON COMMIT DROP`); err != nil {
		return 0, 0, err
	}
	rows := make([][]any, 0, len(nodes))
	for h, n := range nodes {
		typ, vals, err := csql.NodeValues(csql.NodeHash{ValueHash: h}, n.val)
		if err != nil {
			return 0, 0, fmt.Errorf("node %v: %w", n.val, err)
		}
		row := make([]any, len(nodeColumns))
		row[0], row[1] = vals[0], n.refs
		for i, c := range typ.Columns() {
			row[column[c]] = vals[i+1]
		}
		rows = append(rows, row)
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"pharmagraph_nodes_in"}, nodeColumns, pgx.CopyFromRows(rows)); err != nil {
		return 0, 0, fmt.Errorf("copy %d nodes: %w", len(rows), err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO nodes SELECT * FROM pharmagraph_nodes_in
		ON CONFLICT (hash) DO UPDATE SET refs = nodes.refs + EXCLUDED.refs`); err != nil {
		return 0, 0, fmt.Errorf("add %d nodes: %w", len(rows), err)
	}
	var now time.Time // Cayley stamps a quad with the transaction's now()
	if err := tx.QueryRow(ctx, `SELECT now()::timestamp`).Scan(&now); err != nil {
		return 0, 0, err
	}
	i := 0
	src := pgx.CopyFromFunc(func() ([]any, error) {
		if i == len(hashes) {
			return nil, nil
		}
		h := &hashes[i]
		i++
		var label any
		if h[3].Valid() {
			label = h[3][:]
		}
		return []any{h[0][:], h[1][:], h[2][:], label, now}, nil
	})
	var remake []string
	if rebuild {
		if remake, err = dropQuadIndexes(ctx, tx); err != nil {
			return 0, 0, err
		}
	}
	if _, err := tx.CopyFrom(ctx, pgx.Identifier{"quads"}, []string{"subject_hash", "predicate_hash", "object_hash", "label_hash", "ts"}, src); err != nil {
		return 0, 0, fmt.Errorf("copy %d quads: %w", len(quads), err)
	}
	for _, stmt := range remake {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return 0, 0, fmt.Errorf("%s: %w", stmt, err)
		}
	}
	if err := dropGenerations(ctx, tx, quads[len(quads)-1]); err != nil {
		return 0, 0, err
	}
	err = tx.QueryRow(ctx, `INSERT INTO pharmagraph_loads (horizon, quads)
		SELECT max(horizon), $1 FROM quads RETURNING horizon, id`, len(quads)).Scan(&horizon, &load)
	if err != nil {
		return 0, 0, fmt.Errorf("record the load: %w", err)
	}
	return horizon, load, nil
}

// rebuildFrom is the fewest new quads for which a load rebuilds the quads
// table's indexes, when they are as many as the table holds.
var rebuildFrom = 100_000

// dropQuadIndexes drops the indexes of the quads table but its primary key,
// and its foreign keys, and returns the statements that make them again,
// read from the catalog so that they come back exactly as they were. The
// transaction holds the table locked until it ends: a store opening
// meanwhile waits for the load, while running servers, which read the
// table only once a load has committed, do not notice.
func dropQuadIndexes(ctx context.Context, tx pgx.Tx) ([]string, error) {
	rows, err := tx.Query(ctx, `SELECT 'DROP INDEX ' || indexrelid::regclass::text, pg_get_indexdef(indexrelid)
		FROM pg_index WHERE indrelid = 'quads'::regclass AND NOT indisprimary
		UNION ALL
		SELECT 'ALTER TABLE quads DROP CONSTRAINT ' || quote_ident(conname),
			'ALTER TABLE quads ADD CONSTRAINT ' || quote_ident(conname) || ' ' || pg_get_constraintdef(oid)
		FROM pg_constraint WHERE conrelid = 'quads'::regclass AND contype = 'f'`)
	if err != nil {
		return nil, fmt.Errorf("read the quads table's indexes: %w", err)
	}
	var drop, remake []string
	for rows.Next() {
		var d, m string
		if err := rows.Scan(&d, &m); err != nil {
			rows.Close()
			return nil, err
		}
		drop, remake = append(drop, d), append(remake, m)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	// Foreign keys go first and come back last, once the unique indexes
	// are back.
	slices.Reverse(drop)
	for _, stmt := range drop {
		if _, err := tx.Exec(ctx, stmt); err != nil {
			return nil, fmt.Errorf("%s: %w", stmt, err)
		}
	}
	if _, err := tx.Exec(ctx, `SET LOCAL maintenance_work_mem = '256MB'`); err != nil {
		return nil, err
	}
	return remake, nil
}

// dropGenerations deletes the generation quads other than current, and
// the nodes no quad names after that, as Cayley deletes a quad.
func dropGenerations(ctx context.Context, tx pgx.Tx, current quad.Quad) error {
	sub, pred, obj := hashOf(current.Subject), hashOf(current.Predicate), hashOf(current.Object)
	rows, err := tx.Query(ctx, `DELETE FROM quads WHERE subject_hash = $1 AND predicate_hash = $2
		AND object_hash <> $3 AND label_hash IS NULL RETURNING object_hash`, sub, pred, obj)
	if err != nil {
		return fmt.Errorf("drop the old generation: %w", err)
	}
	olds, err := pgx.CollectRows(rows, pgx.RowTo[[]byte])
	if err != nil {
		return fmt.Errorf("drop the old generation: %w", err)
	}
	if len(olds) == 0 {
		return nil
	}
	if _, err := tx.Exec(ctx, `UPDATE nodes SET refs = refs - $1 WHERE hash = ANY($2)`, len(olds), [][]byte{sub, pred}); err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `UPDATE nodes SET refs = refs - 1 WHERE hash = ANY($1)`, olds); err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `DELETE FROM nodes WHERE hash = ANY($1) AND refs <= 0`, append(olds, sub, pred))
	return err
}

// hashOf is the hash Cayley's SQL backend keys a value by.
func hashOf(v quad.Value) []byte {
	h := refs.HashOf(v)
	return h[:]
}
