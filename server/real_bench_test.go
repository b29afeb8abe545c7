package server_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"sync"
	"testing"
	"time"

	_ "github.com/cayleygraph/cayley/graph/kv/bbolt" // registers the bolt backend
	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/graphql/language/parser"

	"pharmagraph/graph"
	"pharmagraph/internal/realdata"
	"pharmagraph/loader"
	"pharmagraph/schema"
	"pharmagraph/server"
)

// realQueries are the big answers of a hub drug on the real benchmark
// graph: pregabalin's page (its effects with context, frequency and
// sources, its indications and its interactions) and the full overlap of
// pregabalin and aripiprazole, both hubs; lookup is a small answer.
var realQueries = []struct{ name, query string }{
	{"page", `{ drug(id: "DRUGBANK:DB00230") { id name
		effects { effect { name } context frequency sources { name } }
		indications { condition { name } status }
		interactions { with { name } } } }`},
	{"overlap", `{ overlap(a: "DRUGBANK:DB00230", b: "DRUGBANK:DB01238") {
		a { name } b { name } shared { name } onlyA { name } onlyB { name } jaccard } }`},
	{"lookup", `{ drug(id: "DRUGBANK:DB00230") { id name } }`},
}

// realServer loads the real benchmark graph into a bolt store and makes
// two ready Servers over it: one with the answer cache, one without.
func realServer(b *testing.B) (cached, uncached *server.Server, store *graph.Store) {
	b.Helper()
	files := realdata.Benchmark(b)
	ctx := context.Background()
	// A bolt store, as served: the memory store's Cayley trees would hold
	// millions of pointers in the process's heap for the collector to scan.
	s, err := graph.Open(ctx, "bolt", b.TempDir(), graph.Options{})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if _, err := loader.Load(ctx, s, loader.Options{}, files...); err != nil {
		b.Fatal(err)
	}
	// Measure serving, not serving while Cayley catches up with the load.
	if err := s.Sync(ctx); err != nil {
		b.Fatal(err)
	}
	// No cost budgets: the closed loop of one address measures the answers'
	// speed, not how soon a budget is spent.
	servers := make([]*server.Server, 2)
	for i, bytes := range []int64{0, -1} { // the default, and none
		servers[i] = server.New(server.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Budget: server.Budget{Capacity: -1}, AnswerCache: bytes})
		if err := servers[i].Ready(s); err != nil {
			b.Fatal(err)
		}
	}
	return servers[0], servers[1], s
}

// BenchmarkAnswersReal times the big answers of a hub drug on the real
// benchmark graph, each beside its baseline of the same run. Every
// iteration does four things in turn, so that the load of a shared machine
// falls on each alike, and reports the mean time of each in ms:
//
//   - encode: encoding/json of the same answer (the response decoded into
//     Go maps and slices), the floor;
//   - graphql-go: graphql-go's execution of the query (document parsed and
//     validated once), what the server ran before schema.Execute;
//   - execute: schema.Execute of the same document, writing the answer;
//   - serve: the server's whole work on a POST, in process, no network,
//     with the answer cache off;
//
// with execute and serve as multiples of encode. Then over loopback HTTP
// at concurrency 16, closed loop, it reports requests/s, p50 and p99: the
// page, the overlap and a drug lookup, each from the server with the
// answer cache and (-nocache) from the one without, and /healthz, the
// baseline of the lookup.
func BenchmarkAnswersReal(b *testing.B) {
	cached, srv, store := realServer(b)
	sc, err := schema.New(store, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	for _, q := range realQueries[:2] {
		payload := body(b, q.query)
		answer := serve(b, srv, payload)
		var decoded any
		if err := json.Unmarshal(answer, &decoded); err != nil {
			b.Fatal(err)
		}
		doc := parse(b, q.query)
		b.Run(q.name, func(b *testing.B) {
			var buf bytes.Buffer
			steps := []struct {
				name string
				run  func()
				took time.Duration
			}{
				{name: "encode", run: func() {
					if _, err := json.Marshal(decoded); err != nil {
						b.Fatal(err)
					}
				}},
				{name: "graphql-go", run: func() {
					res := graphql.Execute(graphql.ExecuteParams{Schema: sc, AST: doc, Context: context.Background()})
					if len(res.Errors) > 0 {
						b.Fatal(res.Errors)
					}
				}},
				{name: "execute", run: func() {
					buf.Reset()
					if !schema.Execute(context.Background(), sc, doc, "", nil, &buf) {
						b.Fatal("schema.Execute did not answer")
					}
				}},
				{name: "serve", run: func() { serve(b, srv, payload) }},
			}
			for b.Loop() {
				for i := range steps {
					start := time.Now()
					steps[i].run()
					steps[i].took += time.Since(start)
				}
			}
			for _, st := range steps {
				b.ReportMetric(st.took.Seconds()*1000/float64(b.N), st.name+"-ms")
			}
			b.ReportMetric(float64(steps[2].took)/float64(steps[0].took), "execute/encode")
			b.ReportMetric(float64(steps[3].took)/float64(steps[0].took), "serve/encode")
			b.ReportMetric(float64(len(answer))/1000, "answer-kB")
			b.ReportMetric(0, "ns/op")
		})
	}
	on, off := httptest.NewServer(cached), httptest.NewServer(srv)
	defer on.Close()
	defer off.Close()
	for _, q := range realQueries {
		b.Run("http16/"+q.name, func(b *testing.B) { load(b, on, "POST", q.query, 16) })
		b.Run("http16/"+q.name+"-nocache", func(b *testing.B) { load(b, off, "POST", q.query, 16) })
	}
	lookup := realQueries[2].query
	b.Run("http16/lookup-get", func(b *testing.B) { load(b, on, "GET", lookup, 16) })
	b.Run("http16/lookup-get-nocache", func(b *testing.B) { load(b, off, "GET", lookup, 16) })
	b.Run("http16/healthz", func(b *testing.B) { load(b, off, "GET", "", 16) })
}

// errBusy is a 503: the server had no place to run the query.
var errBusy = errors.New("busy")

// parse parses a query, failing b on an error.
func parse(b *testing.B, query string) *ast.Document {
	doc, err := parser.Parse(parser.ParseParams{Source: query})
	if err != nil {
		b.Fatal(err)
	}
	return doc
}

// serve posts payload to srv in process and returns the answer, failing b
// unless it is a 200 without errors.
func serve(b *testing.B, srv http.Handler, payload []byte) []byte {
	w := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/graphql", bytes.NewReader(payload))
	req.Header.Set("Content-Type", "application/json")
	srv.ServeHTTP(w, req)
	if w.Code != 200 || bytes.Contains(w.Body.Bytes(), []byte(`"errors"`)) {
		b.Fatalf("%d %.500s", w.Code, w.Body)
	}
	return w.Body.Bytes()
}

// load sends b.N requests from n clients at once over loopback, each
// sending its next as soon as its last is answered: query to /graphql
// with method, in a JSON body (POST) or the URL (GET), or a GET of
// /healthz for an empty query. It reports the 200s
// a second, the share of requests the server turned away as busy (503:
// no place to run within a second), and the 50th and 99th percentiles of
// the latency of all.
func load(b *testing.B, ts *httptest.Server, method, query string, n int) {
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: n}}
	defer client.CloseIdleConnections()
	var payload []byte
	if query != "" {
		payload = body(b, query)
	}
	get := ts.URL + "/healthz"
	if query != "" {
		get = ts.URL + "/graphql?" + url.Values{"query": {query}}.Encode()
	}
	do := func() error {
		var req *http.Request
		if method == "GET" {
			req, _ = http.NewRequest("GET", get, nil)
		} else {
			req, _ = http.NewRequest("POST", ts.URL+"/graphql", bytes.NewReader(payload))
			req.Header.Set("Content-Type", "application/json")
		}
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		defer res.Body.Close()
		if _, err := io.Copy(io.Discard, res.Body); err != nil {
			return err
		}
		switch res.StatusCode {
		case http.StatusOK:
			return nil
		case http.StatusServiceUnavailable:
			return errBusy
		}
		return fmt.Errorf("status %d", res.StatusCode)
	}
	// Warm the connections and the document cache.
	for range n {
		if err := do(); err != nil {
			b.Fatal(err)
		}
	}
	latencies := make([]time.Duration, b.N)
	var next, busy int
	var mu sync.Mutex
	var wg sync.WaitGroup
	errs := make(chan error, n)
	b.ResetTimer()
	for range n {
		wg.Go(func() {
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= b.N {
					return
				}
				start := time.Now()
				err := do()
				latencies[i] = time.Since(start)
				if errors.Is(err, errBusy) {
					mu.Lock()
					busy++
					mu.Unlock()
				} else if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	close(errs)
	if err := <-errs; err != nil {
		b.Fatal(err)
	}
	slices.Sort(latencies)
	b.ReportMetric(float64(b.N-busy)/b.Elapsed().Seconds(), "answers/s")
	b.ReportMetric(float64(busy)/float64(b.N)*100, "%busy")
	b.ReportMetric(float64(latencies[b.N/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(latencies[b.N*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(0, "ns/op")
}
