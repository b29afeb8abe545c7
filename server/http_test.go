package server_test

import (
	"bytes"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"pharmagraph/server"
)

// send makes one request to ts and returns the response with its body.
func send(t *testing.T, ts *httptest.Server, method, path, contentType, accept, body string) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if accept != "" {
		req.Header.Set("Accept", accept)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	return res, b
}

// TestGraphQLOverHTTP checks the statuses and media types the
// GraphQL-over-HTTP specification asks for, case by case.
func TestGraphQLOverHTTP(t *testing.T) {
	ts := start(t, server.Options{})
	const (
		js   = "application/json"
		gql  = "application/graphql-response+json"
		good = `{"query": "{ drug(name: \"baclofen\") { id } }"}`
	)
	get := func(q string) string { return "/graphql?query=" + url.QueryEscape(q) }
	tests := []struct {
		name                  string
		method, path, ct, acc string
		body                  string
		status                int
		media                 string // the response's Content-Type, less its charset
		noData                bool   // the response has no data entry
	}{
		{"json by default", "POST", "/graphql", js, "", good, 200, js, false},
		{"json for */*", "POST", "/graphql", js, "*/*", good, 200, js, false},
		{"graphql-response when accepted", "POST", "/graphql", js, gql + ", application/json;q=0.9", good, 200, gql, false},
		{"graphql-response refused by q=0", "POST", "/graphql", js, gql + ";q=0", good, 200, js, false},
		{"syntax error, json", "POST", "/graphql", js, js, `{"query": "{"}`, 200, js, true},
		{"syntax error, graphql-response", "POST", "/graphql", js, gql, `{"query": "{"}`, 400, gql, true},
		{"validation error, graphql-response", "POST", "/graphql", js, gql, `{"query": "{ nope }"}`, 400, gql, true},
		{"variable coercion, graphql-response", "POST", "/graphql", js, gql, `{"query": "query ($n: String!) { drug(name: $n) { id } }", "variables": {"n": null}}`, 400, gql, true},
		{"variable coercion, json", "POST", "/graphql", js, js, `{"query": "query ($n: String!) { drug(name: $n) { id } }", "variables": {"n": null}}`, 200, js, true},
		{"variables of the right type", "POST", "/graphql", js, gql, `{"query": "query ($n: String!) { drug(name: $n) { id } }", "variables": {"n": "baclofen"}}`, 200, gql, false},
		{"variables a string", "POST", "/graphql", js, js, `{"query": "{ stats { nodes } }", "variables": "{}"}`, 400, js, true},
		{"variables a list", "POST", "/graphql", js, js, `{"query": "{ stats { nodes } }", "variables": []}`, 400, js, true},
		{"operationName a number", "POST", "/graphql", js, js, `{"query": "{ stats { nodes } }", "operationName": 1}`, 400, js, true},
		{"extensions a bool", "POST", "/graphql", js, js, `{"query": "{ stats { nodes } }", "extensions": false}`, 400, js, true},
		{"null parameters", "POST", "/graphql", js, js, `{"query": "{ stats { nodes } }", "operationName": null, "variables": null, "extensions": null}`, 200, js, false},
		{"query a number", "POST", "/graphql", js, js, `{"query": 1}`, 400, js, true},
		{"no query", "POST", "/graphql", js, gql, `{"qeury": "{ stats { nodes } }"}`, 400, gql, true},
		{"not JSON", "POST", "/graphql", js, js, `{ "not a JSON`, 400, js, true},
		{"empty body", "POST", "/graphql", js, js, ``, 400, js, true},
		{"text/plain", "POST", "/graphql", "text/plain;charset=UTF-8", js, good, 415, js, true},
		{"a form", "POST", "/graphql", "application/x-www-form-urlencoded", js, "query=%7Bstats%7Bnodes%7D%7D", 415, js, true},
		{"no content type", "POST", "/graphql", "", js, good, 415, js, true},
		{"latin-1", "POST", "/graphql", "application/json; charset=latin1", js, good, 415, js, true},
		{"GET query", "GET", get(`{ drug(name: "baclofen") { id } }`), "", gql, "", 200, gql, false},
		{"GET variables as JSON", "GET", get(`query ($n: String!) { drug(name: $n) { id } }`) + "&variables=" + url.QueryEscape(`{"n":"baclofen"}`), "", js, "", 200, js, false},
		{"GET variables not an object", "GET", get(`{ stats { nodes } }`) + "&variables=1", "", js, "", 400, js, true},
		{"GET mutation", "GET", get(`mutation { stats { nodes } }`), "", gql, "", 405, gql, true},
		{"GET named mutation", "GET", get(`query A { stats { nodes } } mutation B { stats { nodes } }`) + "&operationName=B", "", js, "", 405, js, true},
		{"GET named query", "GET", get(`query A { stats { nodes } } mutation B { stats { nodes } }`) + "&operationName=A", "", js, "", 200, js, false},
		{"PUT", "PUT", "/graphql", js, js, good, 405, js, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := send(t, ts, tt.method, tt.path, tt.ct, tt.acc, tt.body)
			if res.StatusCode != tt.status {
				t.Errorf("status %d, want %d: %s", res.StatusCode, tt.status, body)
			}
			if ct := res.Header.Get("Content-Type"); !strings.HasPrefix(ct, tt.media+"; charset=utf-8") {
				t.Errorf("Content-Type %q, want %s; charset=utf-8", ct, tt.media)
			}
			var r map[string]json.RawMessage
			if err := json.Unmarshal(body, &r); err != nil {
				t.Fatalf("body %s: %v", body, err)
			}
			if _, has := r["data"]; has == tt.noData {
				t.Errorf("data present: %v, want %v: %s", has, !tt.noData, body)
			}
		})
	}
}

// TestErrorsCarryRequestID checks that every error a client sees names the
// request, as its X-Request-Id header does.
func TestErrorsCarryRequestID(t *testing.T) {
	ts := start(t, server.Options{})
	for _, body := range []string{`{"query": "{"}`, `{"query": "{ nope }"}`, `{"query": "{ drug(name: \"unobtainium\") { id } }"}`, `[]`} {
		res, b := send(t, ts, "POST", "/graphql", "application/json", "", body)
		var r struct {
			Errors []struct {
				Extensions map[string]any `json:"extensions"`
			} `json:"errors"`
		}
		json.Unmarshal(b, &r)
		id := res.Header.Get("X-Request-Id")
		if len(r.Errors) == 0 || id == "" {
			t.Fatalf("%s: want an error and a request id: %s", body, b)
		}
		for _, e := range r.Errors {
			if e.Extensions["requestId"] != id {
				t.Errorf("%s: error extensions %v, want requestId %q", body, e.Extensions, id)
			}
		}
	}
}

// TestPlainErrorsCarryRequestID checks the same of the routes that answer
// in text.
func TestPlainErrorsCarryRequestID(t *testing.T) {
	ts := start(t, server.Options{})
	for _, path := range []string{"/nowhere", "/export?format=bogus"} {
		res, body := send(t, ts, "GET", path, "", "", "")
		if id := res.Header.Get("X-Request-Id"); res.StatusCode < 400 || id == "" || !strings.Contains(string(body), id) {
			t.Errorf("%s: %d %q, want an error naming request %q", path, res.StatusCode, body, id)
		}
	}
}

// TestSecurityHeaders checks the headers on every route, found or not,
// and that CORS is off unless configured.
func TestSecurityHeaders(t *testing.T) {
	ts := start(t, server.Options{})
	for _, path := range []string{"/graphql?query={stats{nodes}}", "/healthz", "/readyz", "/export?format=nquads", "/metrics", "/nowhere"} {
		req, _ := http.NewRequest("GET", ts.URL+path, nil)
		req.Header.Set("Origin", "https://elsewhere.example")
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		h := res.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src 'self'") || !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "http") {
			t.Errorf("%s: Content-Security-Policy %q", path, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options %q", path, h.Get("X-Content-Type-Options"))
		}
		if h.Get("Access-Control-Allow-Origin") != "" {
			t.Errorf("%s: CORS is on by default: %q", path, h.Get("Access-Control-Allow-Origin"))
		}
	}
	if res := preflight(t, ts, "https://elsewhere.example"); res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("a preflight with CORS off: %d %v", res.StatusCode, res.Header)
	}
}

// do sends a request to /graphql with the headers given as name, value
// pairs, and returns the response, its body read and closed.
func do(t *testing.T, ts *httptest.Server, method, body string, headers ...string) *http.Response {
	t.Helper()
	req, _ := http.NewRequest(method, ts.URL+"/graphql", strings.NewReader(body))
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res
}

// preflight sends the OPTIONS request a browser sends before a
// cross-origin POST of JSON from origin.
func preflight(t *testing.T, ts *httptest.Server, origin string) *http.Response {
	return do(t, ts, "OPTIONS", "", "Origin", origin, "Access-Control-Request-Method", "POST",
		"Access-Control-Request-Headers", "content-type")
}

func TestCORS(t *testing.T) {
	ts := start(t, server.Options{CORSOrigins: []string{"https://ok.example"}})
	if res := preflight(t, ts, "https://ok.example"); res.StatusCode != http.StatusNoContent ||
		res.Header.Get("Access-Control-Allow-Origin") != "https://ok.example" ||
		!strings.Contains(res.Header.Get("Access-Control-Allow-Headers"), "Content-Type") {
		t.Errorf("preflight from an allowed origin: %d %v", res.StatusCode, res.Header)
	}
	if res := preflight(t, ts, "https://evil.example"); res.Header.Get("Access-Control-Allow-Origin") != "" {
		t.Errorf("preflight from another origin: %d %v", res.StatusCode, res.Header)
	}
	res := do(t, ts, "POST", `{"query": "{ stats { nodes } }"}`, "Content-Type", "application/json", "Origin", "https://ok.example")
	if res.StatusCode != 200 || res.Header.Get("Access-Control-Allow-Origin") != "https://ok.example" ||
		res.Header.Get("Access-Control-Allow-Credentials") != "" {
		t.Errorf("a POST from an allowed origin: %d %v", res.StatusCode, res.Header)
	}
}

// TestCostAndBudget checks the cost in a response's extensions, and that a
// client that spends its budget gets 429 with Retry-After, while another
// client does not.
func TestCostAndBudget(t *testing.T) {
	ts := start(t, server.Options{Budget: server.Budget{Capacity: 10, Rate: 1, Tokens: []string{"secret"}}})
	query := `{"query": "{ drug(name: \"baclofen\") { id name classes { name } } }"}` // 5 fields
	ask := func(token string) (*http.Response, map[string]any) {
		req, _ := http.NewRequest("POST", ts.URL+"/graphql", strings.NewReader(query))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		var r struct {
			Extensions json.RawMessage `json:"extensions"`
		}
		json.NewDecoder(res.Body).Decode(&r)
		var ext map[string]any
		json.Unmarshal(r.Extensions, &ext)
		cost, _ := ext["cost"].(map[string]any)
		if th, _ := cost["throttleStatus"].(map[string]any); th["currentlyAvailable"] == 5.0 {
			// The bytes of the report, its keys sorted but those of the
			// budget's.
			const want = `{"cost":{"aliases":0,"depth":3,"fields":5,"limits":{"maxAliases":100,"maxDepth":15,"maxFields":2000,"queryTimeoutMs":10000},` +
				`"requestedQueryCost":5,"throttleStatus":{"maximumAvailable":10,"currentlyAvailable":5,"restoreRate":1}}}`
			if string(r.Extensions) != want {
				t.Errorf("extensions\n%s\nwant\n%s", r.Extensions, want)
			}
		}
		return res, cost
	}
	res, cost := ask("")
	if res.StatusCode != 200 || cost["requestedQueryCost"] != 5.0 || cost["depth"] != 3.0 {
		t.Fatalf("first query: %d, cost %v", res.StatusCode, cost)
	}
	if lim, _ := cost["limits"].(map[string]any); lim["maxFields"] != 2000.0 || lim["maxDepth"] != 15.0 {
		t.Errorf("limits in the cost: %v", cost["limits"])
	}
	if th, _ := cost["throttleStatus"].(map[string]any); th["maximumAvailable"] != 10.0 || th["currentlyAvailable"] != 5.0 {
		t.Errorf("throttleStatus after one query: %v", cost["throttleStatus"])
	}
	ask("")
	res, _ = ask("")
	if res.StatusCode != http.StatusTooManyRequests || res.Header.Get("Retry-After") == "" {
		t.Errorf("third query of a spent budget: %d, Retry-After %q, want 429 with Retry-After", res.StatusCode, res.Header.Get("Retry-After"))
	}
	if res, _ := ask("unknown"); res.StatusCode != http.StatusTooManyRequests {
		t.Errorf("an unknown token is charged to its address: %d, want 429", res.StatusCode)
	}
	if res, _ := ask("secret"); res.StatusCode != 200 {
		t.Errorf("a known token has a budget of its own: %d, want 200", res.StatusCode)
	}
}

// TestMetricsAndAccessLog checks that /metrics counts requests, refusals
// by limit and the index, and that each request logs one line with its id,
// status, cost and the limit that refused it.
func TestMetricsAndAccessLog(t *testing.T) {
	var logs bytes.Buffer
	ts := start(t, server.Options{Log: slog.New(slog.NewJSONHandler(&logs, nil)), Limits: server.Limits{MaxDepth: 2}})
	send(t, ts, "POST", "/graphql", "application/json", "", `{"query": "{ stats { nodes } }"}`)
	res, _ := send(t, ts, "POST", "/graphql", "application/json", "", `{"query": "{ drug(name: \"baclofen\") { classes { name } } }"}`)
	refusedID := res.Header.Get("X-Request-Id")
	_, body := send(t, ts, "GET", "/metrics", "", "", "")
	for _, want := range []string{
		`pharmagraph_http_requests_total{code="200",route="/graphql"} 2`,
		`pharmagraph_refusals_total{limit="max-depth"} 1`,
		`pharmagraph_graphql_errors_total{kind="request"} 1`,
		`pharmagraph_in_flight 0`,
		`pharmagraph_index_nodes 136`,
		`pharmagraph_journal_lag_records 0`,
		`pharmagraph_http_request_duration_seconds_bucket{route="/graphql",le="+Inf"} 2`,
		`go_goroutines`,
	} {
		if !bytes.Contains(body, []byte(want)) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	var lines []map[string]any
	for _, l := range bytes.Split(bytes.TrimSpace(logs.Bytes()), []byte("\n")) {
		var m map[string]any
		if err := json.Unmarshal(l, &m); err != nil {
			t.Fatalf("log line %s: %v", l, err)
		}
		if m["msg"] == "request" {
			lines = append(lines, m)
		}
	}
	if len(lines) != 3 {
		t.Fatalf("%d access-log lines for 3 requests:\n%s", len(lines), logs.Bytes())
	}
	if l := lines[0]; l["status"] != 200.0 || l["cost"] != 2.0 || l["path"] != "/graphql" || l["request"] == "" || l["ms"] == nil {
		t.Errorf("the first query's line: %v", l)
	}
	if l := lines[1]; l["refused"] != "max-depth" || l["request"] != refusedID {
		t.Errorf("the refused query's line: %v, want refused max-depth and request %s", l, refusedID)
	}
}

// TestHTTPServerTimeouts checks that a client that sends its headers too
// slowly is cut off.
func TestHTTPServerTimeouts(t *testing.T) {
	srv := server.New(server.Options{ReadHeaderTimeout: 200 * time.Millisecond, Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := srv.HTTPServer("")
	go hs.Serve(ln)
	defer hs.Close()
	c, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	io.WriteString(c, "GET /healthz HTTP/1.1\r\nHost: x\r\n") // and never the blank line
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	start := time.Now()
	io.ReadAll(c) // returns when the server closes the connection
	if took := time.Since(start); took > 3*time.Second {
		t.Errorf("a client that never finishes its headers held the connection for %v", took)
	}
}
