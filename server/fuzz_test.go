package server_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"pharmagraph/server"
)

// fuzzQueries are FuzzGraphQLRequest's seeds: ordinary queries and ones
// that once crashed or stalled graphql-go.
var fuzzQueries = []string{
	`{ drug(name: "baclofen") { id name effects { effect { name } context } } }`,
	`query ($n: String!) { drug(name: $n) { ...F } } fragment F on Drug { name classes { name } }`,
	`fragment A on Drug { ...B } fragment B on Drug { ...A } { drug(name: "x") { ...A } }`,
	`query ($a: ) { stats { nodes } }`,
	`{ a: drug(name: "x") { id } a: drug(name: "y") { id } }`,
	`{ __schema { types { name fields { name type { name ofType { name } } } } } }`,
	`type Drug { id: ID }`,
	`{ overlap(a: "baclofen", b: "alcohol") { jaccard shared { name } } }`,
}

// FuzzGraphQLRequest sends arbitrary POST bodies, content types and GET
// query strings to /graphql over the seeds, and checks the answer: never a
// 500, always a JSON body. With FuzzCheckQuery it is run for a few seconds
// by .ci/run; the inputs that found something are kept in testdata/fuzz.
func FuzzGraphQLRequest(f *testing.F) {
	srv := server.New(server.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil)), Budget: server.Budget{Capacity: -1}})
	if err := srv.Ready(seeded(f)); err != nil {
		f.Fatal(err)
	}
	for _, q := range fuzzQueries {
		body, _ := json.Marshal(map[string]any{"query": q, "variables": map[string]any{"n": "baclofen"}})
		f.Add(string(body), "application/json", "query="+q)
	}
	f.Add(`{"query": "{ stats { nodes } }", "variables": [], "extensions": 1}`, "application/json; charset=utf-8", "variables=%7B%7D")
	f.Add(`{ "not a JSON`, "text/plain", "operationName=A&query=mutation+A+%7B+x+%7D")
	f.Fuzz(func(t *testing.T, body, contentType, rawQuery string) {
		for _, req := range []*http.Request{
			httptest.NewRequest("POST", "/graphql", strings.NewReader(body)),
			httptest.NewRequest("GET", "/graphql", nil),
		} {
			if req.Method == "POST" {
				req.Header.Set("Content-Type", contentType)
			} else {
				req.URL.RawQuery = rawQuery
			}
			req.Header.Set("Accept", "application/graphql-response+json")
			w := httptest.NewRecorder()
			srv.ServeHTTP(w, req)
			if w.Code >= 500 && w.Code != http.StatusServiceUnavailable && w.Code != http.StatusGatewayTimeout {
				t.Fatalf("%s: status %d: %s", req.Method, w.Code, w.Body)
			}
			if !json.Valid(w.Body.Bytes()) {
				t.Fatalf("%s: status %d, body not JSON: %q", req.Method, w.Code, w.Body)
			}
		}
	})
}
