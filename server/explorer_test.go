package server_test

import (
	"io"
	"net/http"
	"strings"
	"testing"

	"pharmagraph/explorer"
	"pharmagraph/server"
)

// TestExplorerRoutes checks what each route of the explorer answers, to a
// browser and to an API client, and that every response carries the CSP.
func TestExplorerRoutes(t *testing.T) {
	ts := start(t, server.Options{})
	for _, tt := range []struct {
		path, accept string
		status       int
		has          string // in the body
	}{
		{"/", "text/html", 200, `role="combobox"`},
		{"/node/DRUGBANK:DB00181", "text/html", 200, `role="combobox"`},
		{"/node/DRUGBANK%3ADB00181", "text/html", 200, `role="combobox"`},
		{"/overlap?ids=DRUGBANK:DB00181,DRUGBANK:DB00898", "text/html", 200, `role="combobox"`},
		{"/graphql", "text/html,application/xhtml+xml,*/*;q=0.8", 200, "<title>GraphiQL"},
		{"/graphql?query=%7Bstats%7Bnodes%7D%7D", "text/html,application/xhtml+xml,*/*;q=0.8", 200, "<title>GraphiQL"},
		{"/graphql?query=%7Bstats%7Bnodes%7D%7D", "", 200, `"nodes":`},
		{"/graphql?query=%7Bstats%7Bnodes%7D%7D", "application/json, text/html", 200, `"nodes":`},
		{"/nowhere", "text/html", 404, ""},
		{"/assets/", "text/html", 404, ""},
	} {
		req, _ := http.NewRequest("GET", ts.URL+tt.path, nil)
		if tt.accept != "" {
			req.Header.Set("Accept", tt.accept)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != tt.status || !strings.Contains(string(body), tt.has) {
			t.Errorf("GET %s (Accept %q) = %d %.120q, want %d with %q", tt.path, tt.accept, res.StatusCode, body, tt.status, tt.has)
		}
		if got := res.Header.Get("Content-Security-Policy"); got != explorer.CSP {
			t.Errorf("GET %s: Content-Security-Policy %q, want %q", tt.path, got, explorer.CSP)
		}
	}
}
