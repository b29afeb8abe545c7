package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pharmagraph/graph"
	"pharmagraph/server"
)

// exchange posts query to ts, accepting accept, and returns the response's
// Content-Type and body, the request id in it replaced by ID.
func exchange(t *testing.T, ts *httptest.Server, query, accept string) (string, string) {
	t.Helper()
	payload, _ := json.Marshal(map[string]any{"query": query})
	res, body := send(t, ts, "POST", "/graphql", "application/json", accept, string(payload))
	if res.StatusCode != http.StatusOK {
		t.Fatalf("%q: status %d: %s", query, res.StatusCode, body)
	}
	return res.Header.Get("Content-Type"), strings.ReplaceAll(string(body), res.Header.Get("X-Request-Id"), "ID")
}

// TestAnswerCacheBytes checks that an answer from the cache has the bytes
// and media type of the same answer with the cache off, for every golden
// query and both media types, and that the second asking is a hit.
func TestAnswerCacheBytes(t *testing.T) {
	store := seeded(t)
	noBudget := server.Budget{Capacity: -1}
	cached := serveStore(t, store, server.Options{Budget: noBudget})
	uncached := serveStore(t, store, server.Options{Budget: noBudget, AnswerCache: -1})
	files, err := filepath.Glob("../schema/testdata/*.graphql")
	if err != nil || len(files) == 0 {
		t.Fatalf("golden queries: %v %v", files, err)
	}
	asked := 0
	for _, f := range files {
		query, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, accept := range []string{"", "application/graphql-response+json"} {
			wantType, want := exchange(t, uncached, string(query), accept)
			for _, pass := range []string{"miss", "hit"} {
				if typ, got := exchange(t, cached, string(query), accept); typ != wantType || got != want {
					t.Errorf("%s, %s (%s): %s\n%.300s\nwant %s\n%.300s", filepath.Base(f), accept, pass, typ, got, wantType, want)
				}
			}
			if !strings.Contains(want, `"errors"`) {
				asked++
			}
		}
	}
	_, metrics := send(t, cached, "GET", "/metrics", "", "", "")
	for _, want := range []string{
		"pharmagraph_answer_cache_hits_total " + strconv.Itoa(asked),
		"pharmagraph_answer_cache_misses_total " + strconv.Itoa(2*2*len(files)-asked),
	} {
		if !bytes.Contains(metrics, []byte(want+"\n")) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	if !bytes.Contains(metrics, []byte("pharmagraph_answer_cache_bytes ")) || bytes.Contains(metrics, []byte("pharmagraph_answer_cache_bytes 0\n")) {
		t.Errorf("/metrics has no bytes held")
	}
}

// newDrug is a batch adding one drug, which moves the store on a
// generation.
func newDrug(id, name string) graph.Batch {
	return graph.Batch{Nodes: []graph.NodeFact{{
		Node:       graph.Node{ID: graph.ID(id), Category: graph.Drug, Name: name},
		Provenance: graph.Provenance{Source: "infores:hetionet"},
	}}}
}

// TestAnswerCacheGeneration checks that the cache never answers with data
// older than the store: after a write through the store, and after a load
// through /admin/load, the same query is answered afresh.
func TestAnswerCacheGeneration(t *testing.T) {
	store := seeded(t)
	ctx := context.Background()
	load := func(ctx context.Context, format string, paths []string, w io.Writer) (int, error) {
		_, err := store.Write(ctx, newDrug("DRUGBANK:DB99902", "loadedamine"))
		return 0, err
	}
	ts := serveStore(t, store, server.Options{Budget: server.Budget{Capacity: -1}, Admin: server.Admin{Token: "s3cret", Load: load}})
	const query = `{ stats { nodes } search(text: "amine") { node { id } } }`
	_, before := exchange(t, ts, query, "")
	if _, again := exchange(t, ts, query, ""); again != before {
		t.Fatalf("the same query twice: %s then %s", before, again)
	}

	if _, err := store.Write(ctx, newDrug("DRUGBANK:DB99901", "writtenamine")); err != nil {
		t.Fatal(err)
	}
	_, written := exchange(t, ts, query, "")
	if written == before || !strings.Contains(written, "DB99901") {
		t.Errorf("after a write: %s, the answer before it was %s", written, before)
	}

	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	w, _ := mw.CreateFormFile("0", "nodes.tsv")
	io.WriteString(w, "unused")
	mw.Close()
	req, _ := http.NewRequest("POST", ts.URL+"/admin/load", &b)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer s3cret")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("/admin/load: %d", res.StatusCode)
	}
	if _, loaded := exchange(t, ts, query, ""); loaded == written || !strings.Contains(loaded, "DB99902") {
		t.Errorf("after an admin load: %s, the answer before it was %s", loaded, written)
	}
	_, metrics := send(t, ts, "GET", "/metrics", "", "", "")
	if !bytes.Contains(metrics, []byte(`pharmagraph_answer_cache_evictions_total{reason="stale"} 2`)) {
		t.Errorf("/metrics lacks the two stale answers dropped:\n%s", metrics)
	}
}

// countingStats is a store that counts its Stats calls, each waiting until
// release is closed.
type countingStats struct {
	*graph.Store
	calls   *atomic.Int32
	release chan struct{}
}

func (c countingStats) Stats(ctx context.Context) (graph.Stats, error) {
	c.calls.Add(1)
	<-c.release
	return c.Store.Stats(ctx)
}

// TestAnswerCacheOnce checks that clients asking at once for an answer the
// cache lacks have it made once, and that each is still charged its cost.
func TestAnswerCacheOnce(t *testing.T) {
	store := countingStats{seeded(t), new(atomic.Int32), make(chan struct{})}
	const clients = 16
	ts := serveStore(t, store, server.Options{MaxInFlight: clients, Budget: server.Budget{Capacity: 2 * (clients + 1), Rate: 1e-9}})
	const query = `{ stats { nodes } }` // costs 2
	var wg sync.WaitGroup
	answers := make([]string, clients)
	for i := range clients {
		wg.Go(func() { _, answers[i] = exchange(t, ts, query, "") })
	}
	// Every client has missed, and the first is making the answer.
	for {
		_, m := send(t, ts, "GET", "/metrics", "", "", "")
		if store.calls.Load() > 0 && bytes.Contains(m, []byte("pharmagraph_answer_cache_misses_total "+strconv.Itoa(clients)+"\n")) {
			break
		}
		time.Sleep(time.Millisecond)
	}
	close(store.release)
	wg.Wait()
	if n := store.calls.Load(); n != 1 {
		t.Errorf("%d clients asking at once ran the query %d times, want once", clients, n)
	}
	for _, a := range answers {
		if !strings.Contains(a, `"data":{"stats":{"nodes":136}}`) {
			t.Errorf("answer %s", a)
		}
	}
	// The budget had room for one more: the cache does not spare it.
	if _, a := exchange(t, ts, query, ""); !strings.Contains(a, `"currentlyAvailable":0`) {
		t.Errorf("the last query the budget allows: %s", a)
	}
	payload, _ := json.Marshal(map[string]any{"query": query})
	if res, _ := send(t, ts, "POST", "/graphql", "application/json", "", string(payload)); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("a cached answer past the budget: %d, want 429", res.StatusCode)
	}
}
