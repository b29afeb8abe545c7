package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"pharmagraph/internal/pgtest"
)

// startServer runs `pharmagraph serve` with args in a process of its own
// until the test ends, and returns its base URL once it is ready.
func startServer(t *testing.T, args ...string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	var logs bytes.Buffer
	cmd := child(append([]string{"serve", "--addr", addr}, args...)...)
	cmd.Stderr = &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Signal(syscall.SIGTERM)
		cmd.Wait()
	})
	base := "http://" + addr
	deadline := time.Now().Add(60 * time.Second)
	for {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return base
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("server %s not ready after 60s (%v); its log:\n%s", addr, err, logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// edges asks the server at base how many edges its graph has.
func edges(t *testing.T, base string) int {
	t.Helper()
	n, err := askEdges(base)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// askEdges asks the server at base how many edges its graph has.
func askEdges(base string) (int, error) {
	body, _ := json.Marshal(map[string]string{"query": "{ stats { edges } }"})
	res, err := http.Post(base+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	var r struct {
		Data struct{ Stats struct{ Edges int } }
	}
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil || res.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("stats from %s: %d %v", base, res.StatusCode, err)
	}
	return r.Data.Stats.Edges, nil
}

// waitEdges waits up to within for every server to have want edges, and
// fails the test otherwise.
func waitEdges(t *testing.T, want int, within time.Duration, servers ...string) {
	t.Helper()
	deadline := time.Now().Add(within)
	for _, s := range servers {
		for {
			got := edges(t, s)
			if got == want {
				break
			}
			if time.Now().After(deadline) {
				t.Fatalf("server %s has %d edges %v after the load returned, want %d", s, got, within, want)
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
}

// TestPostgresServersFollowLoads runs two servers on one database and loads
// into it from a third process: both servers answer with the load's facts
// within 2 s of the load returning, without a restart. A load killed with
// SIGKILL part way leaves nothing either server or the database shows, and
// two loads at once both land, one after the other.
func TestPostgresServersFollowLoads(t *testing.T) {
	if testing.Short() {
		t.Skip("loads 100,000 facts several times; skipped with -short")
	}
	db := pgtest.Database(t)
	store := []string{"--backend", "postgres", "--postgres", db}
	a := startServer(t, store...)
	b := startServer(t, store...)
	seeds := edges(t, a)
	waitEdges(t, seeds, 2*time.Second, b)

	// A small load, seen by both.
	small := t.TempDir()
	os.WriteFile(filepath.Join(small, "facts.tsv"), []byte("subject\tpredicate\tobject\tqualifiers\tsource\tsection\n"+
		"DRUGBANK:DB00181\thas_adverse_event\tUMLS:C0000737\tcontext=OVERDOSE\tpgsrc:curated\tFollow test\n"), 0o644)
	if out, err := child(append([]string{"load"}, append(store, small)...)...).CombinedOutput(); err != nil {
		t.Fatalf("load: %v\n%s", err, out)
	}
	waitEdges(t, seeds+1, 2*time.Second, a, b)

	// A big load, killed part way at several moments once it writes (it
	// holds the load lock): nothing of it shows.
	big := t.TempDir()
	const facts = 100_000
	writeBigLoad(t, big, facts)
	load := func(dir string) *exec.Cmd { return child(append([]string{"load"}, append(store, dir)...)...) }
	conn, err := sql.Open("postgres", db)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	query := func(q string) (n int) {
		if err := conn.QueryRow(q).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	const writing = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND objid = x'70686172'::int AND granted"
	before := query("SELECT count(*) FROM quads")
	for _, delay := range []time.Duration{0, 200 * time.Millisecond, time.Second} {
		cmd := load(big)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		for deadline := time.Now().Add(2 * time.Minute); query(writing) == 0; time.Sleep(5 * time.Millisecond) {
			if time.Now().After(deadline) {
				t.Fatal("the load did not take the load lock within 2 minutes")
			}
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()
		time.Sleep(500 * time.Millisecond) // two polls of the servers
		if got := query("SELECT count(*) FROM quads"); got != before {
			t.Fatalf("a load killed %v after it began to write left %d quads in the database, want %d", delay, got, before)
		}
		waitEdges(t, seeds+1, 0, a, b)
	}

	// Two loads at once: the big one and one of other facts; both land
	// whole, the one holding the database first, and the servers see each.
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "facts.tsv"), []byte("subject\tpredicate\tobject\tqualifiers\tsource\tsection\n"+
		"DRUGBANK:DB00181\thas_adverse_event\tUMLS:C0013144\tcontext=OVERDOSE\tpgsrc:curated\tFollow test\n"), 0o644)
	var wg sync.WaitGroup
	outs := make([][]byte, 2)
	for i, dir := range []string{big, other} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := load(dir).CombinedOutput()
			if err != nil {
				t.Errorf("concurrent load of %s: %v\n%s", dir, err, out)
			}
			outs[i] = out
		}()
	}
	wg.Wait()
	if t.Failed() {
		return
	}
	// The 2 s target is checked on the small load above; reading 100,000
	// facts takes longer on a busy machine.
	waitEdges(t, seeds+2+facts, 30*time.Second, a, b)
	for _, out := range outs {
		if strings.Contains(string(out), "another load holds the database") {
			t.Log("one load waited for the other")
		}
	}
}
