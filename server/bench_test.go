package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"pharmagraph/server"
)

// benchQueries are the relationship questions timed through the full
// GraphQL path; healthz is the baseline: HTTP alone, no GraphQL.
var benchQueries = []struct{ name, query string }{
	{"lookup", `{ drug(name: "alcohol") { id name } }`},
	{"overlap", `{ overlap(a: "baclofen", b: "alcohol") { shared { id name } onlyA { id } onlyB { id } jaccard } }`},
	{"interactions", `{ drug(name: "baclofen") { interactions { with { id name } inferred impliedBy { subject { name } object { name } source { id } } } } }`},
}

func body(b *testing.B, query string) []byte {
	buf, err := json.Marshal(map[string]string{"query": query})
	if err != nil {
		b.Fatal(err)
	}
	return buf
}

// benchOptions turns budgets off: one client's stream of queries would
// spend its budget in a fraction of a second, and the rest would be 429s.
var benchOptions = server.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Budget: server.Budget{Capacity: -1}}

// BenchmarkServe times the server's own work on a request: no network.
func BenchmarkServe(b *testing.B) {
	srv := server.New(benchOptions)
	if err := srv.Ready(seeded(b)); err != nil {
		b.Fatal(err)
	}
	b.Run("healthz", func(b *testing.B) {
		for b.Loop() {
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, httptest.NewRequest("GET", "/healthz", nil))
		}
	})
	for _, q := range benchQueries {
		payload := body(b, q.query)
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				w := httptest.NewRecorder()
				req := httptest.NewRequest("POST", "/graphql", bytes.NewReader(payload))
				req.Header.Set("Content-Type", "application/json")
				srv.ServeHTTP(w, req)
				if w.Code != 200 {
					b.Fatalf("%s: %d %s", q.name, w.Code, w.Body)
				}
			}
		})
	}
}

// BenchmarkHTTP times a client's round trip over loopback, one connection
// kept alive.
func BenchmarkHTTP(b *testing.B) {
	ts := start(b, benchOptions)
	client := ts.Client()
	do := func(b *testing.B, req *http.Request) {
		res, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != 200 {
			b.Fatalf("%s: %d", req.URL, res.StatusCode)
		}
	}
	b.Run("healthz", func(b *testing.B) {
		for b.Loop() {
			req, _ := http.NewRequest("GET", ts.URL+"/healthz", nil)
			do(b, req)
		}
	})
	for _, q := range benchQueries {
		payload := body(b, q.query)
		b.Run(q.name, func(b *testing.B) {
			for b.Loop() {
				req, _ := http.NewRequest("POST", ts.URL+"/graphql", bytes.NewReader(payload))
				req.Header.Set("Content-Type", "application/json")
				do(b, req)
			}
		})
	}
}
