package export_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	_ "github.com/cayleygraph/cayley/graph/memstore" // registers the memory backend

	"pharmagraph/export"
	"pharmagraph/graph"
	"pharmagraph/graph/graphtest"
	"pharmagraph/loader"
	"pharmagraph/seeds"
)

var update = flag.Bool("update", false, "rewrite golden files")

// exportTime is the time golden manifests record.
var exportTime = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// store returns a memory store holding b.
func store(tb testing.TB, b graph.Batch) *graph.Store {
	tb.Helper()
	s, err := graph.Open(context.Background(), "memory", "", graph.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if _, err := s.Write(context.Background(), b); err != nil {
		tb.Fatalf("Write: %v", err)
	}
	return s
}

// seeded returns a memory store holding the seed facts.
func seeded(tb testing.TB) *graph.Store {
	tb.Helper()
	s, err := graph.Open(context.Background(), "memory", "", graph.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if _, err := loader.LoadFS(context.Background(), s, seeds.FS()); err != nil {
		tb.Fatal(err)
	}
	return s
}

// golden compares got with the file testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./export -update to write it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from its golden file (go test ./export -update rewrites it; review the diff):\n%s", path, firstDiff(want, got))
	}
}

// firstDiff shows the first line where two outputs differ.
func firstDiff(want, got []byte) string {
	wl, gl := bytes.Split(want, []byte("\n")), bytes.Split(got, []byte("\n"))
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g []byte
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if !bytes.Equal(w, g) {
			return "line " + itoa(i+1) + ":\nwant " + string(w) + "\ngot  " + string(g)
		}
	}
	return ""
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// TestGolden pins every file of every format for the fixture graph, and the
// manifest of each (without the build, which changes with every binary).
func TestGolden(t *testing.T) {
	s := store(t, graphtest.Fixture())
	for _, f := range export.Formats() {
		t.Run(string(f), func(t *testing.T) {
			dir := t.TempDir()
			m, err := export.Save(context.Background(), s, export.Options{Format: f, Time: exportTime}, dir)
			if err != nil {
				t.Fatal(err)
			}
			for _, file := range m.Files {
				b, err := os.ReadFile(filepath.Join(dir, file.Name))
				if err != nil {
					t.Fatal(err)
				}
				golden(t, filepath.Join("fixture", file.Name), b)
			}
			m.Pharmagraph = export.Build{}
			b, err := json.MarshalIndent(m, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("fixture", string(f)+".manifest.json"), append(b, '\n'))
		})
	}
}

// TestDeterministic checks that two exports of the same store give the same
// bytes, gzipped or not, and that only the manifest's time differs.
func TestDeterministic(t *testing.T) {
	s := seeded(t)
	for _, f := range export.Formats() {
		for _, gz := range []bool{false, true} {
			o := export.Options{Format: f, Gzip: gz}
			a, err := export.Save(context.Background(), s, o, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			b, err := export.Save(context.Background(), s, o, t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			a.Created, b.Created = time.Time{}, time.Time{}
			if !reflect.DeepEqual(a, b) {
				t.Errorf("%s gzip=%v: two exports differ:\n%+v\n%+v", f, gz, a.Files, b.Files)
			}
		}
	}
}

// TestFilter checks that each filter selects what it says in every format:
// the manifest's counts, and the records of each file.
func TestFilter(t *testing.T) {
	s := store(t, graphtest.Fixture())
	tests := []struct {
		name         string
		filter       graph.Filter
		nodes, facts int
		predicates   map[string]int
		quads        int // N-Quads lines
	}{
		{"everything", graph.Filter{}, 12, 16, nil, 105},
		{"source", graph.Filter{Sources: []graph.ID{"pgsrc:test-b"}}, 3, 2, // test-b names no node: its facts' three come from test-a
			map[string]int{"biolink:affects": 1, "biolink:has_adverse_event": 1},
			4 + 3 + 3 + 4 + 4 + 9 + 2 + 2}, // test-a's and test-b's source quads, test-b's two annotations' (one with a context),
		// test-a's node annotation, the three nodes' property quads, two facts, two aggregators
		{"category", graph.Filter{Categories: []graph.Category{graph.Drug}}, 3, 2,
			map[string]int{"biolink:interacts_with": 1, "pg:starting_dose": 1}, 0},
		{"predicate", graph.Filter{Predicates: []graph.Predicate{graph.HasAdverseEvent}}, 12, 7,
			map[string]int{"biolink:has_adverse_event": 7}, 0},
		{"all three", graph.Filter{Sources: []graph.ID{"pgsrc:test-a"}, Categories: []graph.Category{graph.Drug, graph.Effect},
			Predicates: []graph.Predicate{graph.HasAdverseEvent, graph.MemberOf}}, 7, 6,
			map[string]int{"biolink:has_adverse_event": 6}, 0},
		{"nothing", graph.Filter{Sources: []graph.ID{"pgsrc:none"}}, 0, 0, map[string]int{}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, f := range export.Formats() {
				m, err := export.Describe(context.Background(), s, export.Options{Format: f, Filter: tt.filter})
				if err != nil {
					t.Fatal(err)
				}
				if m.Counts.Nodes != tt.nodes || m.Counts.Facts != tt.facts {
					t.Errorf("%s: %d nodes, %d facts; want %d, %d", f, m.Counts.Nodes, m.Counts.Facts, tt.nodes, tt.facts)
				}
				if tt.predicates != nil && !reflect.DeepEqual(m.Counts.Predicates, tt.predicates) {
					t.Errorf("%s: predicates %v, want %v", f, m.Counts.Predicates, tt.predicates)
				}
				texts := m.Counts.Predicates[string(graph.StartingDose)]
				for _, file := range m.Files {
					want := map[string]int{"nodes": m.Counts.Nodes, "edges": m.Counts.Facts}[file.Part]
					switch {
					case f == export.NQuads:
						want = tt.quads
					case file.Part == "graph":
						want = m.Counts.Nodes + texts + m.Counts.Facts
					}
					if want != 0 && file.Records != want || want == 0 && f != export.NQuads && file.Records != 0 {
						t.Errorf("%s %s: %d records, want %d", f, file.Name, file.Records, want)
					}
				}
			}
		})
	}
}

// TestCells checks values that a format must escape or neutralise, in the
// file where they land.
func TestCells(t *testing.T) {
	src := graph.Provenance{Source: "pgsrc:odd"}
	s := store(t, graph.Batch{
		Sources: []graph.Source{{ID: "pgsrc:odd", Name: "Odd values", KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.ManualAgent}},
		Nodes: []graph.NodeFact{
			{Node: graph.Node{ID: "TEST:f", Category: graph.Drug, Name: "=HYPERLINK(\"http://x\")", Synonyms: []string{"a|b", "+1", "@sum"},
				Description: "line one\nline two\tend \\ <b>&"}, Provenance: src},
			{Node: graph.Node{ID: "TEST:g", Category: graph.Drug, Name: "-2", Description: "\tindented"}, Provenance: src},
		},
		Facts: []graph.Fact{{Subject: "TEST:f", Predicate: graph.Warning, Text: "=1+1, \"quoted\"", Provenance: src}},
	})
	tests := []struct {
		format export.Format
		part   string
		want   []string // substrings of the file
	}{
		{export.CSV, "nodes", []string{
			`TEST:f,biolink:Drug,"'=HYPERLINK(""http://x"")",'+1|@sum|a|b,,"line one` + "\r\n" + `line two` + "\t" + `end \ <b>&"`,
			"TEST:g,biolink:Drug,'-2,,,'\tindented,"}},
		{export.CSV, "edges", []string{`,"'=1+1, ""quoted""",pgsrc:odd,`}},
		{export.KGXTSV, "nodes", []string{"TEST:f\tbiolink:Drug\t=HYPERLINK(\"http://x\")\t+1|@sum|a\\|b\t\tline one\\nline two\\tend \\\\ <b>&\tpgsrc:odd\t\n",
			"TEST:g\tbiolink:Drug\t-2\t\t\t\\tindented\tpgsrc:odd\t\n"}},
		{export.KGXJSONL, "nodes", []string{`"synonym":["+1","@sum","a|b"],"description":"line one\nline two\tend \\ <b>&"`}},
		{export.GraphML, "graph", []string{`<data key="n_name">=HYPERLINK(&#34;http://x&#34;)</data>`,
			`<data key="n_description">line one&#xA;line two&#x9;end \ &lt;b&gt;&amp;</data>`}},
		{export.Cytoscape, "graph", []string{`"name":"=1+1, \"quoted\""`}},
		{export.NQuads, "graph", []string{`<TEST:f> <biolink:description> "line one\nline two\tend \\ <b>&" <pgann:`}},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		if _, err := export.Write(context.Background(), s, export.Options{Format: tt.format}, tt.part, &b); err != nil {
			t.Fatal(err)
		}
		for _, w := range tt.want {
			if !strings.Contains(b.String(), w) {
				t.Errorf("%s %s lacks %q:\n%s", tt.format, tt.part, w, b.String())
			}
		}
	}
}

// TestOptions checks the parts and names of each format, and the errors for
// a format or part that does not exist.
func TestOptions(t *testing.T) {
	tests := []struct {
		o     export.Options
		files []string
	}{
		{export.Options{Format: export.KGXTSV}, []string{"nodes.tsv", "edges.tsv"}},
		{export.Options{Format: export.KGXJSONL, Gzip: true}, []string{"nodes.jsonl.gz", "edges.jsonl.gz"}},
		{export.Options{Format: export.NQuads, Gzip: true}, []string{"graph.nq.gz"}},
		{export.Options{Format: export.NQuads, Gzip: true, FileName: "all.nq.gz"}, []string{"all.nq.gz"}},
		{export.Options{Format: export.CSV, FileName: "ignored"}, []string{"nodes.csv", "edges.csv"}},
	}
	for _, tt := range tests {
		ps, err := tt.o.Parts()
		if err != nil {
			t.Fatal(err)
		}
		var files []string
		for _, p := range ps {
			files = append(files, p.File)
		}
		if !reflect.DeepEqual(files, tt.files) {
			t.Errorf("%+v: files %v, want %v", tt.o, files, tt.files)
		}
	}
	if _, err := export.ParseFormat("turtle"); !errors.Is(err, export.ErrUnknown) {
		t.Errorf("ParseFormat(turtle) = %v, want ErrUnknown", err)
	}
	if _, err := (export.Options{Format: export.NQuads}).Part("nodes"); !errors.Is(err, export.ErrUnknown) {
		t.Errorf("nquads part nodes: %v, want ErrUnknown", err)
	}
}

func TestParseFilter(t *testing.T) {
	tests := []struct {
		sources, categories, predicates []string
		want                            graph.Filter
		wantErr                         bool
	}{
		{nil, nil, nil, graph.Filter{}, false},
		{[]string{"pgsrc:curated"}, []string{"Drug", "biolink:Pathway"}, []string{"has_adverse_event", "biolink:affects"},
			graph.Filter{Sources: []graph.ID{"pgsrc:curated"}, Categories: []graph.Category{graph.Drug, "biolink:Pathway"},
				Predicates: []graph.Predicate{graph.HasAdverseEvent, "biolink:affects"}}, false},
		{[]string{""}, nil, nil, graph.Filter{}, true},
		{nil, []string{"no category"}, nil, graph.Filter{}, true},
		{nil, nil, []string{"nonsense"}, graph.Filter{}, true},
	}
	for _, tt := range tests {
		got, err := export.ParseFilter(tt.sources, tt.categories, tt.predicates)
		if (err != nil) != tt.wantErr {
			t.Errorf("ParseFilter(%q, %q, %q) error = %v, wantErr %v", tt.sources, tt.categories, tt.predicates, err, tt.wantErr)
			continue
		}
		if err == nil && !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ParseFilter(%q, %q, %q) = %+v, want %+v", tt.sources, tt.categories, tt.predicates, got, tt.want)
		}
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestManifestsShareAFolder checks that exports saved into one folder keep
// a manifest each: a one-file format's is named after its file.
func TestManifestsShareAFolder(t *testing.T) {
	ctx := context.Background()
	s := store(t, graphtest.Fixture())
	dir := t.TempDir()
	manifests := map[export.Format]string{
		export.NQuads:    "graph.nq.manifest.json",
		export.GraphML:   "graph.graphml.manifest.json",
		export.Cytoscape: "graph.cyjs.manifest.json",
		export.KGXTSV:    "manifest.json",
	}
	for f := range manifests {
		if _, err := export.Save(ctx, s, export.Options{Format: f}, dir); err != nil {
			t.Fatal(err)
		}
	}
	for f, name := range manifests {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		var m export.Manifest
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if m.Format != f {
			t.Errorf("%s is the manifest of %s, want %s", name, m.Format, f)
		}
	}
}
