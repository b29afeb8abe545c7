package main

import (
	"bytes"
	"context"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// TestAdminLoadIntoServingBolt sends 100,000 facts to a server on a bolt
// store through `pharmagraph load --server` while clients query it: no
// query fails, each sees the graph before the load or after it, and the
// summary is the one a load from the command line prints.
func TestAdminLoadIntoServingBolt(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 100,000 facts; skipped with -short")
	}
	input := t.TempDir()
	const facts = 100_000
	writeBigLoad(t, input, facts)
	want := runOK(t, "load", "--data", t.TempDir(), input)

	const token = "test-token"
	// A query waits while the index takes the load, which on a busy
	// machine can outlast the default 10 s deadline: waiting is not
	// failing, so the deadline here is longer.
	srv := startServer(t, "--data", t.TempDir(), "--admin-token", token, "--query-timeout", "2m")
	before := edges(t, srv)

	var stop atomic.Bool
	var queries atomic.Int64
	var wg sync.WaitGroup
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				n, err := askEdges(srv)
				if err != nil {
					t.Errorf("a query during the load: %v", err)
					return
				}
				if n != before && n != before+facts {
					t.Errorf("a query during the load saw %d edges: neither %d nor %d", n, before, before+facts)
					return
				}
				queries.Add(1)
			}
		}()
	}
	var out, logs bytes.Buffer
	err := run(context.Background(), []string{"load", "--server", srv, "--token", token, input}, &out, &logs)
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatalf("load --server: %v\n%s", err, logs.String())
	}
	if out.String() != want {
		t.Errorf("load --server printed\n%s\nthe command line's load printed\n%s", out.String(), want)
	}
	if got := edges(t, srv); got != before+facts {
		t.Errorf("after the load: %d edges, want %d", got, before+facts)
	}
	t.Logf("%d queries answered during the load", queries.Load())

	err = run(context.Background(), []string{"load", "--server", srv, "--token", "wrong", input}, &out, &logs)
	if err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("load with a wrong token: %v, want a 401", err)
	}
}
