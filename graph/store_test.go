package graph_test

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	_ "github.com/cayleygraph/cayley/graph/kv/bbolt"
	_ "github.com/cayleygraph/cayley/graph/memstore"
	_ "github.com/cayleygraph/cayley/graph/sql/postgres"

	"pharmagraph/graph"
	"pharmagraph/graph/graphtest"
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
	base := os.Getenv("PHARMAGRAPH_TEST_POSTGRES")
	if base == "" {
		t.Skip("set PHARMAGRAPH_TEST_POSTGRES to a PostgreSQL URL to run the suite against PostgreSQL")
	}
	graphtest.Run(t, graphtest.Backend{
		Open: func(t *testing.T) *graph.Store { return open(t, "postgres", freshDatabase(t, base)) },
		Reopen: func(t *testing.T, s *graph.Store) *graph.Store {
			addr := s.Addr()
			s.Close()
			return open(t, "postgres", addr)
		},
	})
}

func open(t *testing.T, backend, addr string) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), backend, addr, graph.Options{})
	if err != nil {
		t.Fatalf("Open(%s, %s): %v", backend, addr, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

var databases atomic.Int64

// freshDatabase creates an empty database on the server of base, drops it
// when the test ends, and returns its URL.
func freshDatabase(t *testing.T, base string) string {
	t.Helper()
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	name := fmt.Sprintf("pharmagraph_test_%d_%d_%d", os.Getpid(), time.Now().UnixNano()%1e6, databases.Add(1))
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		admin, err := sql.Open("postgres", base)
		if err != nil {
			return
		}
		defer admin.Close()
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + strings.TrimPrefix(name, "/")
	return u.String()
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
