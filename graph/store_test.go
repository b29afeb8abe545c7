package graph_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	_ "github.com/cayleygraph/cayley/graph/kv/bbolt"
	_ "github.com/cayleygraph/cayley/graph/memstore"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"

	"pharmagraph/graph"
	"pharmagraph/graph/graphtest"
	"pharmagraph/internal/pgtest"
	"pharmagraph/loader"
	"pharmagraph/seeds"
)

func TestMemory(t *testing.T) {
	graphtest.Run(t, graphtest.Backend{Open: func(t *testing.T) *graph.Store { return open(t, "memory", "") }})
}

func TestBolt(t *testing.T) {
	graphtest.Run(t, graphtest.Backend{
		Open: func(t *testing.T) *graph.Store { return open(t, "bolt", t.TempDir()) },
		Reopen: func(t *testing.T, s *graph.Store) *graph.Store {
			dir := s.Addr()
			s.Close()
			return open(t, "bolt", dir)
		},
	})
}

func TestPostgres(t *testing.T) {
	if os.Getenv("PHARMAGRAPH_TEST_POSTGRES") == "" {
		t.Skip("set PHARMAGRAPH_TEST_POSTGRES to a PostgreSQL URL to run the suite against PostgreSQL")
	}
	graphtest.Run(t, graphtest.Backend{
		Open: func(t *testing.T) *graph.Store { return open(t, "postgres", pgtest.Database(t)) },
		Reopen: func(t *testing.T, s *graph.Store) *graph.Store {
			addr := s.Addr()
			s.Close()
			return open(t, "postgres", addr)
		},
	})
}

func open(t testing.TB, backend, addr string) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), backend, addr, graph.Options{})
	if err != nil {
		t.Fatalf("Open(%s, %s): %v", backend, addr, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func TestOpenErrors(t *testing.T) {
	ctx := context.Background()
	if _, err := graph.Open(ctx, "neo4j", "", graph.Options{}); err == nil || !strings.Contains(err.Error(), `unknown backend "neo4j"`) {
		t.Errorf("Open(neo4j) error = %v", err)
	}
	if _, err := graph.Open(ctx, "bolt", "", graph.Options{}); err == nil {
		t.Error("Open(bolt, no folder) succeeded")
	}
}

// TestBoltLocked checks that a second open of a bolt folder fails at once,
// with a message that says why, instead of waiting for the lock.
func TestBoltLocked(t *testing.T) {
	dir := t.TempDir()
	open(t, "bolt", dir)
	done := make(chan error, 1)
	go func() {
		s, err := graph.Open(context.Background(), "bolt", dir, graph.Options{})
		if err == nil {
			s.Close()
		}
		done <- err
	}()
	select {
	case err := <-done:
		if err == nil || !strings.Contains(err.Error(), "in use by another pharmagraph process") {
			t.Errorf("second Open error = %v, want the folder in use", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("second Open of a locked bolt folder still waiting after 10s")
	}
}

// TestBoltReopen checks that a bolt store opens to the same graph whatever
// state its index snapshot and journal are left in: current, stale (from
// before the last write), corrupt, truncated or missing snapshot; a journal
// with a torn record at its end; or only Cayley's files, once Sync has
// let Cayley catch up with the journal.
func TestBoltReopen(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	snap, journal := filepath.Join(dir, "index.snapshot"), filepath.Join(dir, "journal")
	s := open(t, "bolt", dir)
	if _, err := s.Write(ctx, graphtest.Fixture()); err != nil {
		t.Fatal(err)
	}
	s.Close()
	old, err := os.ReadFile(snap)
	if err != nil {
		t.Fatalf("no snapshot after a close: %v", err)
	}
	s = open(t, "bolt", dir)
	more := graph.Batch{Facts: []graph.Fact{{Subject: "TEST:beta", Predicate: graph.HasAdverseEvent, Object: "TEST:nausea",
		Qualifiers: map[graph.Qualifier]string{graph.QContext: "ADVERSE"}, Provenance: graph.Provenance{Source: "pgsrc:test-b"}}}}
	if _, err := s.Write(ctx, more); err != nil {
		t.Fatal(err)
	}
	want, _ := s.Stats(ctx)
	s.Close()
	tests := []struct {
		name    string
		prepare func()
	}{
		{"current", func() {}},
		{"stale snapshot", func() { os.WriteFile(snap, old, 0o600) }},
		{"corrupt snapshot", func() {
			b, _ := os.ReadFile(snap)
			b[len(b)/2] ^= 0xff
			os.WriteFile(snap, b, 0o600)
		}},
		{"truncated snapshot", func() {
			b, _ := os.ReadFile(snap)
			os.WriteFile(snap, b[:len(b)/2], 0o600)
		}},
		{"missing snapshot", func() { os.Remove(snap) }},
		{"torn journal record", func() {
			f, _ := os.OpenFile(journal, os.O_APPEND|os.O_WRONLY, 0)
			f.Write([]byte{0x80, 0x01, 1, 2, 3}) // a record of 128 bytes, cut after 3
			f.Close()
		}},
		{"Cayley alone", func() {
			s := open(t, "bolt", dir)
			if err := s.Sync(ctx); err != nil {
				t.Fatal(err)
			}
			s.Close()
			os.Remove(snap)
			os.Remove(journal)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.prepare()
			s, err := graph.Open(ctx, "bolt", dir, graph.Options{})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			got, _ := s.Stats(ctx)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("Stats = %+v, want %+v", got, want)
			}
			es, _ := s.Effects(ctx, "TEST:beta", graph.Scope{})
			if len(es) != 4 {
				t.Errorf("beta has %d effects, want 4 (the last write included)", len(es))
			}
		})
	}
}

// TestAggregators checks that the sources a fact came through are stored
// with it, read back, and kept when the bolt store is opened again.
func TestAggregators(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := open(t, "bolt", dir)
	src := graph.Source{ID: "infores:monarch", Name: "Monarch", KnowledgeLevel: graph.NotProvided, AgentType: graph.NotProvidedAgent}
	f := graph.Fact{Subject: "NCBIGene:1", Predicate: "biolink:part_of", Object: "GO:1",
		Provenance: graph.Provenance{Source: src.ID, KnowledgeLevel: graph.NotProvided, AgentType: graph.NotProvidedAgent,
			Aggregators: []graph.ID{"infores:biolink-api", "infores:go"}}}
	b := graph.Batch{Sources: []graph.Source{src},
		Nodes: []graph.NodeFact{
			{Node: graph.Node{ID: "NCBIGene:1", Category: graph.Gene, Name: "A1BG"}, Provenance: graph.Provenance{Source: src.ID}},
			{Node: graph.Node{ID: "GO:1", Category: "biolink:CellularComponent", Name: "junction"}, Provenance: graph.Provenance{Source: src.ID}}},
		Facts: []graph.Fact{f}}
	if _, err := s.Write(ctx, b); err != nil {
		t.Fatal(err)
	}
	check := func(s *graph.Store) {
		t.Helper()
		var got []graph.Fact
		if err := s.EachFact(ctx, graph.Filter{}, func(f graph.Fact) error { got = append(got, f); return nil }); err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || !reflect.DeepEqual(got[0], f) {
			t.Errorf("EachFact = %+v, want %+v", got, f)
		}
		var quads []string
		if err := s.EachNQuad(ctx, graph.Filter{}, func(l string) error { quads = append(quads, l); return nil }); err != nil {
			t.Fatal(err)
		}
		if n := strings.Count(strings.Join(quads, ""), "<biolink:aggregator_knowledge_source>"); n != 2 {
			t.Errorf("%d aggregator quads, want 2", n)
		}
	}
	check(s)
	s.Close()
	check(open(t, "bolt", dir))

	bad := f
	bad.Aggregators = []graph.ID{"infores:go", "infores:biolink-api"}
	if err := graph.CheckFact(bad, func(graph.ID) (graph.Category, bool) { return graph.Gene, true }); err == nil {
		t.Error("CheckFact with unsorted aggregators: no error")
	}
}

// TestSyncReportsApplyFailure checks that Sync returns the error Cayley gave
// the journal's applier, here a closed quad store, rather than success; and
// that the write, in the journal, is in Cayley after the next open.
func TestSyncReportsApplyFailure(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := open(t, "bolt", dir)
	if err := s.Sync(ctx); err != nil {
		t.Fatalf("Sync of an empty store: %v", err)
	}
	graph.QuadStore(s).Close()
	if _, err := s.Write(ctx, graphtest.Fixture()); err != nil {
		t.Fatalf("Write (to the journal): %v", err)
	}
	for i := range 2 {
		if err := s.Sync(ctx); err == nil {
			t.Fatalf("Sync %d after Cayley failed = nil, want its error", i+1)
		}
	}
	s.Close()
	s = open(t, "bolt", dir)
	if err := s.Sync(ctx); err != nil {
		t.Fatalf("Sync after reopening: %v", err)
	}
	if n, _ := s.Stats(ctx); n.Edges == 0 {
		t.Errorf("the write is lost after reopening: %+v", n)
	}
}

// TestSnapshotRoundTrip checks that a bolt store of the seeds opens from
// its snapshot to the same quads, line for line, as the store it was
// written from; and that a snapshot of the first format is not read but
// rebuilt from Cayley, to the same quads.
func TestSnapshotRoundTrip(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	lines := func(s *graph.Store) []string {
		var out []string
		if err := s.EachNQuad(ctx, graph.Filter{}, func(l string) error { out = append(out, l); return nil }); err != nil {
			t.Fatal(err)
		}
		return out
	}
	s := open(t, "bolt", dir)
	if _, err := loader.LoadFS(ctx, s, seeds.FS()); err != nil {
		t.Fatal(err)
	}
	if err := s.Sync(ctx); err != nil {
		t.Fatal(err)
	}
	want := lines(s)
	s.Close()
	snap := filepath.Join(dir, "index.snapshot")
	for _, tt := range []struct {
		name    string
		prepare func()
	}{
		{"snapshot", func() {}},
		{"first format", func() { os.WriteFile(snap, []byte("pharmagraph index snapshot 1\n\x01\x00\x00\x00\x00\x00"), 0o600) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.prepare()
			s := open(t, "bolt", dir)
			defer s.Close()
			if got := lines(s); !reflect.DeepEqual(got, want) {
				t.Errorf("reopened store has %d quads, want %d; first difference at %d", len(got), len(want), firstDiff(got, want))
			}
		})
	}
}

func firstDiff(a, b []string) int {
	for i := range min(len(a), len(b)) {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}
