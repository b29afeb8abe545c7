package graph_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	neturl "net/url"
	"os"
	"sort"
	"strings"
	"testing"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"pharmagraph/graph"
	"pharmagraph/internal/pgtest"
	"pharmagraph/loader"
	"pharmagraph/seeds"
)

// fillSmall loads the seeds, then the Hetionet and SIDER test files, in
// three writes: the later ones add to nodes the earlier ones wrote and
// replace the store's generation quad.
func fillSmall(t *testing.T, s *graph.Store) {
	t.Helper()
	ctx := context.Background()
	if _, err := loader.LoadFS(ctx, s, seeds.FS()); err != nil {
		t.Fatal(err)
	}
	if _, err := loader.Load(ctx, s, loader.Options{Format: "hetionet"}, "../loader/testdata/hetionet"); err != nil {
		t.Fatal(err)
	}
	if _, err := loader.Load(ctx, s, loader.Options{Format: "sider"}, "../loader/testdata/sider"); err != nil {
		t.Fatal(err)
	}
}

// TestPostgresCountsMatchBolt loads the same files into bolt and into
// PostgreSQL, and checks that the stores agree: the same stats, the same
// quads, and as many nodes and quads in Cayley's tables as Cayley's bolt
// store holds. Cayley's own SQL backend then reads back every quad the
// bulk writer wrote, and every node's reference count is the number of
// quads that name it, as Cayley keeps it. It runs twice: adding to the
// quads table's indexes, and rebuilding them, which must leave them as
// Cayley made them.
func TestPostgresCountsMatchBolt(t *testing.T) {
	bolt := open(t, "bolt", t.TempDir())
	fillSmall(t, bolt)
	if err := bolt.Sync(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Run("add", func(t *testing.T) { checkCountsMatch(t, bolt) })
	t.Run("rebuild", func(t *testing.T) {
		defer graph.RebuildFrom(1)()
		checkCountsMatch(t, bolt)
	})
}

// checkCountsMatch loads into a new PostgreSQL store what bolt holds and
// compares them.
func checkCountsMatch(t *testing.T, bolt *graph.Store) {
	ctx := context.Background()
	url := pgtest.Database(t)
	pg := open(t, "postgres", url)
	db, err := sql.Open("postgres", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	schema := func() []string {
		var defs []string
		rows, err := db.Query(`SELECT indexdef FROM pg_indexes WHERE tablename = 'quads'
			UNION ALL SELECT conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = 'quads'::regclass
			ORDER BY 1`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var d string
			rows.Scan(&d)
			defs = append(defs, d)
		}
		return defs
	}
	before := schema()
	fillSmall(t, pg)
	if after := schema(); !equalJSON(t, before, after) || len(after) < 10 {
		t.Errorf("the quads table's indexes and constraints were\n%q\nand after the loads are\n%q", before, after)
	}

	want, _ := bolt.Stats(ctx)
	got, _ := pg.Stats(ctx)
	if !equalJSON(t, want, got) {
		t.Errorf("stats: bolt %+v, postgres %+v", want, got)
	}
	cst, err := graph.QuadStore(bolt).Stats(ctx, true)
	if err != nil {
		t.Fatal(err)
	}
	var nodes, quads, badRefs int64
	if err := db.QueryRow(`SELECT (SELECT count(*) FROM nodes), (SELECT count(*) FROM quads)`).Scan(&nodes, &quads); err != nil {
		t.Fatal(err)
	}
	if nodes != cst.Nodes.Value || quads != cst.Quads.Value {
		t.Errorf("count(*): %d nodes, %d quads; Cayley's bolt store holds %d nodes, %d quads", nodes, quads, cst.Nodes.Value, cst.Quads.Value)
	}
	err = db.QueryRow(`WITH named AS (
		SELECT subject_hash AS hash FROM quads UNION ALL SELECT predicate_hash FROM quads
		UNION ALL SELECT object_hash FROM quads UNION ALL SELECT label_hash FROM quads WHERE label_hash IS NOT NULL)
		SELECT count(*) FROM nodes n FULL JOIN (SELECT hash, count(*) AS refs FROM named GROUP BY hash) c ON c.hash = n.hash
		WHERE n.refs IS DISTINCT FROM c.refs`).Scan(&badRefs)
	if err != nil {
		t.Fatal(err)
	}
	if badRefs != 0 {
		t.Errorf("%d nodes have a reference count other than the number of quads that name them", badRefs)
	}

	// Cayley's SQL backend, on its own connection, reads the same quads.
	qs, err := cgraph.NewQuadStore("postgres", url, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer qs.Close()
	var read []string
	it := qs.QuadsAllIterator().Iterate()
	for it.Next(ctx) {
		q, err := qs.Quad(it.Result())
		if err != nil {
			t.Fatal(err)
		}
		if q.Subject != quad.IRI("pg:store") {
			read = append(read, q.String())
		}
	}
	if err := it.Err(); err != nil {
		t.Fatal(err)
	}
	it.Close()
	var index []string
	for _, q := range graph.Quads(pg) {
		index = append(index, q.String())
	}
	sort.Strings(read)
	sort.Strings(index)
	if !equalJSON(t, index, read) {
		t.Errorf("Cayley reads %d quads from the database; the index holds %d", len(read), len(index))
	}

	// Loading the same files again writes nothing.
	fillSmall(t, pg)
	var again int64
	db.QueryRow(`SELECT count(*) FROM quads`).Scan(&again)
	if again != quads {
		t.Errorf("a second load of the same files: %d quads, then %d", quads, again)
	}
	// A reopened store reads back the same graph.
	addr := pg.Addr()
	pg.Close()
	re := open(t, "postgres", addr)
	if st, _ := re.Stats(ctx); !equalJSON(t, want, st) {
		t.Errorf("stats after reopening: %+v, want %+v", st, want)
	}
}

// equalJSON reports whether a and b encode to the same JSON.
func equalJSON(t *testing.T, a, b any) bool {
	t.Helper()
	x, err := json.Marshal(a)
	if err != nil {
		t.Fatal(err)
	}
	y, err := json.Marshal(b)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Equal(x, y)
}

// TestPostgresLostDatabase checks that a store whose database goes away
// says it is behind, as /readyz reports it.
func TestPostgresLostDatabase(t *testing.T) {
	url := pgtest.Database(t)
	s := open(t, "postgres", url)
	if err := s.Following(); err != nil {
		t.Fatalf("a store just opened: %v", err)
	}
	// The store's connections end, and no new one may begin.
	u, err := neturl.Parse(url)
	if err != nil {
		t.Fatal(err)
	}
	name := strings.TrimPrefix(u.Path, "/")
	admin, err := sql.Open("postgres", os.Getenv("PHARMAGRAPH_TEST_POSTGRES"))
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	if _, err := admin.Exec(`ALTER DATABASE ` + name + ` ALLOW_CONNECTIONS false`); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Exec(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1`, name); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for s.Following() == nil {
		if time.Now().After(deadline) {
			t.Fatal("10 s after its database went away, the store says it follows it")
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Log(s.Following())
}
