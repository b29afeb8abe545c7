package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	_ "github.com/cayleygraph/cayley/graph/memstore"

	"pharmagraph/graph"
	"pharmagraph/loader"
	"pharmagraph/seeds"
	"pharmagraph/server"
)

// seeded returns a memory store holding the seed facts.
func seeded(tb testing.TB) *graph.Store {
	tb.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, "memory", "", graph.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if _, err := loader.LoadFS(ctx, s, seeds.FS()); err != nil {
		tb.Fatal(err)
	}
	return s
}

// start serves a ready Server over the seeds.
func start(tb testing.TB, opts server.Options) *httptest.Server {
	tb.Helper()
	return serveStore(tb, seeded(tb), opts)
}

// serveStore serves a ready Server over store with opts, logging nowhere
// unless opts say where.
func serveStore(tb testing.TB, store server.Store, opts server.Options) *httptest.Server {
	tb.Helper()
	if opts.Log == nil {
		opts.Log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	srv := server.New(opts)
	if err := srv.Ready(store); err != nil {
		tb.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	tb.Cleanup(ts.Close)
	return ts
}

type response struct {
	Data   map[string]any `json:"data"`
	Errors []struct {
		Message    string         `json:"message"`
		Extensions map[string]any `json:"extensions"`
	} `json:"errors"`
}

// post sends query as a client that accepts
// application/graphql-response+json, and so gets 4xx statuses for a query
// that does not execute.
func post(tb testing.TB, ts *httptest.Server, query string) (int, response) {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"query": query})
	req, _ := http.NewRequest("POST", ts.URL+"/graphql", bytes.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/graphql-response+json")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer res.Body.Close()
	var r response
	if err := json.NewDecoder(res.Body).Decode(&r); err != nil {
		tb.Fatalf("decoding response of %q: %v", query, err)
	}
	return res.StatusCode, r
}

func TestGraphQL(t *testing.T) {
	ts := start(t, server.Options{})
	tests := []struct {
		name    string
		query   string
		status  int
		message string // in the first error; empty for none
	}{
		{"overlap", `{ overlap(a: "baclofen", b: "alcohol") { jaccard shared { name } } }`, 200, ""},
		{"similar", `{ similar(drug: "baclofen", by: EFFECTS, first: 3) { drug { name } count jaccard } }`, 200, ""},
		{"neighbourhood", `{ neighbourhood(id: "DRUGBANK:DB00181", first: 1) { predicate direction count } }`, 200, ""},
		{"paths", `{ paths(from: "baclofen", to: "alcohol", maxHops: 2, first: 3) { truncated paths { length } } }`, 200, ""},
		{"paths to itself", `{ paths(from: "baclofen", to: "Lioresal") { truncated } }`, 200, "from and to are the same node"},
		{"paths too long", `{ paths(from: "baclofen", to: "alcohol", maxHops: 0) { truncated } }`, 200, "maxHops must be between 1 and 4"},
		{"paths from nowhere", `{ paths(from: "unobtainium", to: "alcohol") { truncated } }`, 200, `"unobtainium"`},
		{"effects page", `{ drug(name: "baclofen") { effectsPage(first: 5) { totalCount edges { cursor node { context } } pageInfo { hasNextPage endCursor } } } }`, 200, ""},
		{"page after a bad cursor", `{ drug(name: "baclofen") { effectsPage(after: "x") { totalCount } } }`, 200, "after is not a cursor"},
		{"page too long", `{ effect(name: "seizures") { drugsPage(first: 501) { totalCount } } }`, 200, "first must be between 1 and 500"},
		{"similar to a class", `{ similar(drug: "CNS depressant", by: CLASSES) { count } }`, 200, `no drug named "CNS depressant"`},
		{"unknown name", `{ drug(name: "unobtainium") { id } }`, 200, `no drug named "unobtainium"`},
		{"fragment cycle", `fragment A on Drug { ...B } fragment B on Drug { ...A } { drug(name: "x") { ...A } }`, 400, "fragment cycle"},
		{"self spread", `fragment A on Drug { name ...A } { drug(name: "baclofen") { ...A } }`, 400, "fragment cycle"},
		{"syntax", `{ drug(name: "baclofen") { id }`, 400, "syntax error"},
		{"unknown field", `{ drug(name: "baclofen") { colour } }`, 400, `Cannot query field "colour"`},
		{"too deep", `{ drug(name: "baclofen") ` + strings.Repeat(`{ classes { members `, 8) + `{ name }` + strings.Repeat(` } }`, 8) + ` }`, 400, "depth"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, r := post(t, ts, tt.query)
			if status != tt.status {
				t.Errorf("status = %d, want %d (%+v)", status, tt.status, r.Errors)
			}
			switch {
			case tt.message == "" && len(r.Errors) > 0:
				t.Errorf("errors = %+v, want none", r.Errors)
			case tt.message != "" && (len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, tt.message)):
				t.Errorf("errors = %+v, want one containing %q", r.Errors, tt.message)
			}
		})
	}
	// The server is still alive after the hostile queries.
	if status, r := post(t, ts, `{ stats { nodes } }`); status != 200 || len(r.Errors) > 0 {
		t.Errorf("after hostile queries: %d %+v", status, r.Errors)
	}
}

func TestGet(t *testing.T) {
	ts := start(t, server.Options{})
	res, err := http.Get(ts.URL + "/graphql?query=" + url.QueryEscape(`{ drug(name: "baclofen") { id } }`))
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var r response
	json.NewDecoder(res.Body).Decode(&r)
	if drug, _ := r.Data["drug"].(map[string]any); drug["id"] != "DRUGBANK:DB00181" {
		t.Errorf("GET query: %d %+v", res.StatusCode, r)
	}
}

func TestGraphiQL(t *testing.T) {
	ts := start(t, server.Options{})
	req, _ := http.NewRequest("GET", ts.URL+"/graphql", nil)
	req.Header.Set("Accept", "text/html")
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	if res.StatusCode != 200 || !strings.Contains(strings.ToLower(string(body)), "graphiql") {
		t.Errorf("GET /graphql for a browser: %d, %.200s", res.StatusCode, body)
	}
}

func TestLimits(t *testing.T) {
	ts := start(t, server.Options{MaxBodyBytes: 256})
	status, r := post(t, ts, `{ drug(name: "`+strings.Repeat("x", 300)+`") { id } }`)
	if status != http.StatusRequestEntityTooLarge || len(r.Errors) == 0 {
		t.Errorf("oversized body: %d %+v, want 413", status, r.Errors)
	}
	req, _ := http.NewRequest("PUT", ts.URL+"/graphql", strings.NewReader("{}"))
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("PUT /graphql: %d, want 405", res.StatusCode)
	}
}

func TestQueryTimeout(t *testing.T) {
	ts := start(t, server.Options{QueryTimeout: time.Nanosecond})
	status, r := post(t, ts, `{ overlap(a: "baclofen", b: "alcohol") { jaccard } }`)
	if status != http.StatusGatewayTimeout {
		t.Errorf("status = %d, want 504", status)
	}
	if len(r.Errors) == 0 || !strings.Contains(r.Errors[0].Message, "time limit") {
		t.Errorf("a query past its deadline: %+v, want a time-out error", r)
	}
}

func TestReady(t *testing.T) {
	srv := server.New(server.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	get := func(path string) int {
		res, err := http.Get(ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if got := get("/healthz"); got != 200 {
		t.Errorf("/healthz before ready: %d", got)
	}
	if got := get("/readyz"); got != http.StatusServiceUnavailable {
		t.Errorf("/readyz before ready: %d, want 503", got)
	}
	if got := get("/graphql?query={stats{nodes}}"); got != http.StatusServiceUnavailable {
		t.Errorf("/graphql before ready: %d, want 503", got)
	}
	if err := srv.Ready(seeded(t)); err != nil {
		t.Fatal(err)
	}
	if got := get("/readyz"); got != 200 {
		t.Errorf("/readyz when ready: %d", got)
	}
}

// blockingStats is a store whose Stats waits until release is closed.
type blockingStats struct {
	*graph.Store
	entered chan struct{}
	release chan struct{}
}

func (b blockingStats) Stats(ctx context.Context) (graph.Stats, error) {
	b.entered <- struct{}{}
	<-b.release
	return b.Store.Stats(ctx)
}

// TestBusy checks that a query finding every place taken waits, then gets
// a 503, and that the place is given back when the query ends.
func TestBusy(t *testing.T) {
	srv := server.New(server.Options{MaxInFlight: 1, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	store := blockingStats{seeded(t), make(chan struct{}), make(chan struct{})}
	if err := srv.Ready(store); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()
	first := make(chan int, 1)
	go func() {
		status, _ := post(t, ts, `{ stats { nodes } }`)
		first <- status
	}()
	<-store.entered // the first query holds the only place
	if status, r := post(t, ts, `{ drug(name: "baclofen") { id } }`); status != http.StatusServiceUnavailable {
		t.Errorf("a query while the only place is held: %d %+v, want 503", status, r.Errors)
	}
	close(store.release)
	if status := <-first; status != 200 {
		t.Errorf("the first query: %d", status)
	}
	if status, r := post(t, ts, `{ drug(name: "baclofen") { id } }`); status != 200 {
		t.Errorf("a query after the place is free: %d %+v", status, r.Errors)
	}
}
