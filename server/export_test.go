package server_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"pharmagraph/export"
	"pharmagraph/graph"
	"pharmagraph/server"
)

// get fetches path and reads the whole body.
func get(t *testing.T, ts *httptest.Server, path string) (*http.Response, []byte, error) {
	t.Helper()
	res, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	return res, b, err
}

// exported is what the export package writes for the seeds.
func exported(t *testing.T, o export.Options, part string) []byte {
	t.Helper()
	var b bytes.Buffer
	if _, err := export.Write(context.Background(), seeded(t), o, part, &b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestExport(t *testing.T) {
	ts := start(t, server.Options{})
	tests := []struct {
		path        string
		status      int
		contentType string
		file        string // the Content-Disposition file name
		want        []byte // the body; nil to skip
	}{
		{"/export?format=nquads", 200, "application/n-quads", "graph.nq",
			exported(t, export.Options{Format: export.NQuads}, "graph")},
		{"/export?format=kgx-tsv&part=edges&category=Drug&predicate=interacts_with", 200, "text/tab-separated-values; charset=utf-8", "edges.tsv",
			exported(t, export.Options{Format: export.KGXTSV, Filter: graph.Filter{Categories: []graph.Category{graph.Drug},
				Predicates: []graph.Predicate{graph.InteractsWith}}}, "edges")},
		{"/export?format=kgx-jsonl&part=nodes&source=infores:hetionet", 200, "application/x-ndjson", "nodes.jsonl",
			exported(t, export.Options{Format: export.KGXJSONL, Filter: graph.Filter{Sources: []graph.ID{"infores:hetionet"}}}, "nodes")},
		{"/export?format=graphml", 200, "application/graphml+xml", "graph.graphml", nil},
		{"/export?format=cytoscape", 200, "application/json", "graph.cyjs", nil},
		{"/export?format=csv&part=nodes", 200, "text/csv; charset=utf-8", "nodes.csv", nil},
		{"/export?format=nquads&gzip=1", 200, "application/gzip", "graph.nq.gz",
			exported(t, export.Options{Format: export.NQuads, Gzip: true}, "graph")},
		{"/export?format=kgx-tsv", 400, "", "", nil},
		{"/export?format=kgx-tsv&part=graph", 400, "", "", nil},
		{"/export?format=turtle", 400, "", "", nil},
		{"/export", 400, "", "", nil},
		{"/export?format=nquads&gzip=yes", 400, "", "", nil},
		{"/export?format=nquads&category=no+such", 400, "", "", nil},
		{"/export?format=nquads&sources=pgsrc:curated", 400, "", "", nil},
	}
	for _, tt := range tests {
		res, body, err := get(t, ts, tt.path)
		if err != nil {
			t.Fatalf("%s: %v", tt.path, err)
		}
		if res.StatusCode != tt.status {
			t.Errorf("%s: status %d, want %d: %s", tt.path, res.StatusCode, tt.status, body)
			continue
		}
		if tt.status != 200 {
			continue
		}
		if got := res.Header.Get("Content-Type"); got != tt.contentType {
			t.Errorf("%s: Content-Type %q, want %q", tt.path, got, tt.contentType)
		}
		if got, want := res.Header.Get("Content-Disposition"), "attachment; filename="+tt.file; got != want {
			t.Errorf("%s: Content-Disposition %q, want %q", tt.path, got, want)
		}
		if tt.want != nil && !bytes.Equal(body, tt.want) {
			t.Errorf("%s: the body (%d bytes) is not the export (%d bytes)", tt.path, len(body), len(tt.want))
		}
	}
}

// TestExportManifest checks that the manifest describes the files the same
// server streams.
func TestExportManifest(t *testing.T) {
	ts := start(t, server.Options{})
	res, body, err := get(t, ts, "/export?format=kgx-tsv&part=manifest&gzip=1")
	if err != nil || res.StatusCode != 200 {
		t.Fatalf("manifest: %v %d %s", err, res.StatusCode, body)
	}
	var m export.Manifest
	if err := json.Unmarshal(body, &m); err != nil {
		t.Fatal(err)
	}
	if len(m.Files) != 2 || m.Counts.Nodes == 0 || len(m.Sources) == 0 {
		t.Fatalf("manifest = %+v", m)
	}
	for _, f := range m.Files {
		_, data, err := get(t, ts, "/export?format=kgx-tsv&gzip=1&part="+f.Part)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(data)) != f.Bytes {
			t.Errorf("%s: %d bytes with another sha256 than the manifest's %+v", f.Name, len(data), f)
		}
		if _, err := gzip.NewReader(bytes.NewReader(data)); err != nil {
			t.Errorf("%s: %v", f.Name, err)
		}
	}
}

// failingQuads is a store whose N-Quads stop with an error after a number
// of lines.
type failingQuads struct {
	*graph.Store
	after int
}

func (f failingQuads) EachNQuad(ctx context.Context, filter graph.Filter, fn func(string) error) error {
	n := 0
	return f.Store.EachNQuad(ctx, filter, func(line string) error {
		if n++; n > f.after {
			return errors.New("the disk is on fire")
		}
		return fn(line)
	})
}

// TestExportFails checks both sides of the first byte: an error before it
// is a 500 that names the request only; an error after it cuts the stream,
// so the client sees a broken transfer and not a short file.
func TestExportFails(t *testing.T) {
	var logs bytes.Buffer
	srv := server.New(server.Options{Log: slog.New(slog.NewTextHandler(&logs, nil))})
	ts := httptest.NewServer(srv)
	defer ts.Close()
	store := seeded(t)

	if err := srv.Ready(failingQuads{store, 0}); err != nil {
		t.Fatal(err)
	}
	res, body, _ := get(t, ts, "/export?format=nquads")
	if res.StatusCode != http.StatusInternalServerError || !strings.HasPrefix(string(body), "internal error (request ") ||
		strings.Contains(string(body), "fire") {
		t.Errorf("an export failing at once: %d %q, want a 500 naming only the request", res.StatusCode, body)
	}

	if err := srv.Ready(failingQuads{store, 1500}); err != nil { // past the first 64 KiB flush
		t.Fatal(err)
	}
	res, body, err := get(t, ts, "/export?format=nquads")
	if res.StatusCode != 200 || err == nil {
		t.Errorf("an export failing midway: %d, %d bytes, read error %v; want 200 and a broken body", res.StatusCode, len(body), err)
	}
	if !strings.Contains(logs.String(), "the disk is on fire") {
		t.Errorf("the error is not in the log:\n%s", logs.String())
	}
}

func TestExportNotReady(t *testing.T) {
	ts := httptest.NewServer(server.New(server.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))}))
	defer ts.Close()
	if res, _, _ := get(t, ts, "/export?format=nquads"); res.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("/export before ready: %d, want 503", res.StatusCode)
	}
}

func TestExportMethod(t *testing.T) {
	ts := start(t, server.Options{})
	res, err := http.Post(ts.URL+"/export?format=nquads", "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusMethodNotAllowed || res.Header.Get("Allow") != "GET" {
		t.Errorf("POST /export: %d, Allow %q; want 405, GET", res.StatusCode, res.Header.Get("Allow"))
	}
}
