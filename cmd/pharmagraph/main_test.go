package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// runOK runs a command and returns its output, failing the test on an error.
func runOK(t *testing.T, args ...string) string {
	t.Helper()
	var out, logs bytes.Buffer
	if err := run(context.Background(), args, &out, &logs); err != nil {
		t.Fatalf("pharmagraph %s: %v\n%s", strings.Join(args, " "), err, logs.String())
	}
	return out.String()
}

const overlapQuery = `{ overlap(a: "baclofen", b: "alcohol") { a { id } b { id } shared { name } jaccard } }`

// checkOverlap checks the overlap answer of the query command.
func checkOverlap(t *testing.T, out string) {
	t.Helper()
	var r struct {
		Data struct {
			Overlap struct {
				A, B    struct{ ID string }
				Shared  []struct{ Name string }
				Jaccard float64
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("query output is not JSON: %v\n%s", err, out)
	}
	o := r.Data.Overlap
	if o.A.ID != "DRUGBANK:DB00181" || o.B.ID != "DRUGBANK:DB00898" || len(o.Shared) == 0 || o.Jaccard <= 0 {
		t.Errorf("overlap(baclofen, alcohol) = %+v", o)
	}
}

func TestCommandsBolt(t *testing.T) {
	data := t.TempDir()
	checkOverlap(t, runOK(t, "query", "--data", data, overlapQuery))
	stats := runOK(t, "stats", "--data", data)
	if !strings.Contains(stats, "biolink:has_adverse_event") {
		t.Errorf("stats output lacks the effect edges:\n%s", stats)
	}
	// Loading the seeds again changes nothing.
	out := runOK(t, "load", "--data", data, "../../seeds")
	if !strings.Contains(out, "wrote 0 new nodes, 0 new facts (0 quads)") {
		t.Errorf("loading the seeds again wrote something:\n%s", out)
	}
	if again := runOK(t, "stats", "--data", data); again != stats {
		t.Errorf("stats changed after loading the seeds again:\n%s\nthen\n%s", stats, again)
	}
}

func TestLoadBadFile(t *testing.T) {
	data := t.TempDir()
	before := runOK(t, "stats", "--data", data)
	bad := filepath.Join(t.TempDir(), "bad.tsv")
	os.WriteFile(bad, []byte("subject\tpredicate\tobject\tqualifiers\tsource\tsection\n"+
		"DRUGBANK:DB00181\thas_adverse_event\tUMLS:C0013144\tcontext=ADVERSE\tpgsrc:curated\tTest\n"+
		"DRUGBANK:DB00181\thas_adverse_event\tPG:no-such-effect\tcontext=ADVERSE\tpgsrc:curated\tTest\n"), 0o644)
	err := run(context.Background(), []string{"load", "--data", data, bad}, new(bytes.Buffer), new(bytes.Buffer))
	if err == nil || !strings.Contains(err.Error(), bad+":3: unknown object PG:no-such-effect") {
		t.Errorf("load of a bad file: %v, want %s:3: unknown object", err, bad)
	}
	if after := runOK(t, "stats", "--data", data); after != before {
		t.Errorf("a failed load changed the store:\n%s\nthen\n%s", before, after)
	}
}

func TestPostgresCommands(t *testing.T) {
	url := os.Getenv("PHARMAGRAPH_TEST_POSTGRES")
	if url == "" {
		t.Skip("set PHARMAGRAPH_TEST_POSTGRES to a PostgreSQL URL to run the commands against PostgreSQL")
	}
	checkOverlap(t, runOK(t, "query", "--backend", "postgres", "--postgres", url, overlapQuery))
	first := runOK(t, "stats", "--backend", "postgres", "--postgres", url)
	if again := runOK(t, "stats", "--backend", "postgres", "--postgres", url); again != first {
		t.Errorf("stats differ between two opens:\n%s\nthen\n%s", first, again)
	}
}

func TestServe(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--backend", "memory", "--addr", addr}, new(bytes.Buffer), new(bytes.Buffer))
	}()
	waitReady(t, "http://"+addr, 20*time.Second)
	body, _ := json.Marshal(map[string]string{"query": overlapQuery})
	res, err := http.Post("http://"+addr+"/graphql", "application/json", bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	out.ReadFrom(res.Body)
	res.Body.Close()
	checkOverlap(t, out.String())
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after shutdown: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not return 30s after shutdown began")
	}
}
