package loader_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	_ "github.com/cayleygraph/cayley/graph/kv/bbolt"
	_ "github.com/cayleygraph/cayley/graph/memstore"

	"pharmagraph/graph"
	"pharmagraph/loader"
)

// good is the good set: every other test loads on top of it.
var good = []string{"good/sources.tsv", "good/nodes.tsv", "good/facts.tsv"}

// goodReport is what loading the good set into an empty store reports.
var goodReport = loader.Report{Files: 3, Sources: 2, Nodes: 10, Facts: 17,
	WriteStats: graph.WriteStats{Quads: 152, NewNodes: 10, NewFacts: 17}}

// testFS returns a file system that holds the named files of testdata at its
// root, under their base names, as LoadFS wants them.
func testFS(t *testing.T, names ...string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	for _, n := range names {
		b, err := os.ReadFile(filepath.Join("testdata", n))
		if err != nil {
			t.Fatal(err)
		}
		fsys[path.Base(n)] = &fstest.MapFile{Data: b}
	}
	return fsys
}

func open(t *testing.T, backend, addr string) *graph.Store {
	t.Helper()
	s, err := graph.Open(context.Background(), backend, addr, graph.Options{})
	if err != nil {
		t.Fatalf("Open(%s): %v", backend, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// withGood returns a memory store that holds the good set.
func withGood(t *testing.T) *graph.Store {
	t.Helper()
	s := open(t, "memory", "")
	if _, err := loader.LoadFS(context.Background(), s, testFS(t, good...)); err != nil {
		t.Fatalf("LoadFS(good set): %v", err)
	}
	return s
}

func stats(t *testing.T, s *graph.Store) graph.Stats {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatalf("Stats: %v", err)
	}
	return st
}

// checkRowErrors checks that err is the joined row errors want, one a line,
// each a *loader.RowError whose position is the start of its line, and the
// last line "stopped after 50 errors" where stopped is true.
func checkRowErrors(t *testing.T, err error, want []string, stopped bool) {
	t.Helper()
	if err == nil {
		t.Fatalf("load succeeded, want errors:\n%s", strings.Join(want, "\n"))
	}
	if got := strings.Split(err.Error(), "\n"); !reflect.DeepEqual(got, want) {
		t.Fatalf("load error:\n%s\nwant:\n%s", err, strings.Join(want, "\n"))
	}
	var re *loader.RowError
	if !errors.As(err, &re) {
		t.Fatalf("errors.As(%T, *loader.RowError) = false", err)
	}
	if at := fmt.Sprintf("%s:%d: ", re.File, re.Line); !strings.HasPrefix(want[0], at) {
		t.Errorf("errors.As gave the row error at %q, want the first, %q", at, want[0])
	}
	joined, ok := err.(interface{ Unwrap() []error })
	if !ok {
		t.Fatalf("error %T does not unwrap to a list", err)
	}
	errs := joined.Unwrap()
	if stopped {
		errs = errs[:len(errs)-1]
	}
	for i, e := range errs {
		var re *loader.RowError
		if !errors.As(e, &re) {
			t.Errorf("error %d (%v) is a %T, not a *loader.RowError", i+1, e, e)
			continue
		}
		if got := fmt.Sprintf("%s:%d: %v", re.File, re.Line, re.Err); got != want[i] {
			t.Errorf("RowError %d fields give %q, want %q", i+1, got, want[i])
		}
	}
}

func TestLoadGood(t *testing.T) {
	ctx := context.Background()
	s := open(t, "memory", "")
	rep, err := loader.LoadFS(ctx, s, testFS(t, good...))
	if err != nil {
		t.Fatalf("LoadFS(good set): %v", err)
	}
	if !sameReport(rep, goodReport) {
		t.Errorf("LoadFS(good set) = %+v, want %+v", rep, goodReport)
	}
	st := stats(t, s)
	if st.Nodes != 10 || st.Edges != 17 || st.Sources != 2 {
		t.Errorf("Stats = %d nodes, %d edges, %d sources; want 10, 17, 2", st.Nodes, st.Edges, st.Sources)
	}

	// The cells land where they belong.
	n, err := s.Lookup(ctx, "lioresal", graph.Drug)
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Node{ID: "DRUGBANK:DB00181", Category: graph.Drug, Name: "baclofen",
		Synonyms: []string{"Gablofen", "Lioresal"}, Xrefs: []graph.ID{"CAS:1134-47-0"}, Description: "A muscle relaxant."}
	if !reflect.DeepEqual(n, want) {
		t.Errorf("Lookup(lioresal) = %+v, want %+v", n, want)
	}
	src, err := s.Source(ctx, "pgsrc:test-article")
	if err != nil {
		t.Fatal(err)
	}
	wantSrc := graph.Source{ID: "pgsrc:test-article", Name: "Test article", Author: "A. Writer",
		KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.ManualAgent, Description: "An article the test facts come from."}
	if src != wantSrc {
		t.Errorf("Source(pgsrc:test-article) = %+v, want %+v", src, wantSrc)
	}
	// knowledge_level and agent_type qualifiers override the source's.
	effects, err := s.Effects(ctx, "DRUGBANK:DB00898", graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	wantProv := []graph.Provenance{{Source: "pgsrc:test-curated", Section: "Alcohol",
		KnowledgeLevel: graph.Observation, AgentType: graph.TextMiningAgent}}
	if len(effects) != 1 || effects[0].Context != graph.Adverse || !reflect.DeepEqual(effects[0].Sources, wantProv) {
		t.Errorf("Effects(ethanol) = %+v, want drowsiness, ADVERSE, from %+v", effects, wantProv)
	}
	effects, err = s.Effects(ctx, "DRUGBANK:DB00181", graph.Scope{Contexts: []graph.Context{graph.Withdrawal}})
	if err != nil {
		t.Fatal(err)
	}
	if len(effects) != 1 || effects[0].Effect.ID != "UMLS:C0036572" || effects[0].Severity != "life-threatening" {
		t.Errorf("Effects(baclofen, WITHDRAWAL) = %+v, want seizures, life-threatening", effects)
	}
	rel, err := s.Relations(ctx, "DRUGBANK:DB00181", graph.StartingDose)
	if err != nil {
		t.Fatal(err)
	}
	if len(rel) != 1 || rel[0].Text != "5 mg" {
		t.Errorf("Relations(baclofen, starting_dose) = %+v, want 5 mg", rel)
	}
}

// TestBadInput loads each broken input into a store that holds the good set
// and checks every reported position and that nothing was written.
func TestBadInput(t *testing.T) {
	with := func(names ...string) []string { return append(append([]string{}, good...), names...) }
	tests := []struct {
		name  string
		files []string // loaded together
		want  []string // the lines of the error
	}{
		{"wrong column count", []string{"bad/columns.tsv"}, []string{
			"columns.tsv:5: 5 columns, want 6 (subject, predicate, object, qualifiers, source, section)",
			"columns.tsv:6: 7 columns, want 6 (subject, predicate, object, qualifiers, source, section)",
			"columns.tsv:7: 1 columns, want 6 (subject, predicate, object, qualifiers, source, section)",
		}},
		{"unknown header", []string{"bad/header.tsv"}, []string{
			`header.tsv:3: unknown header "subject\tpredicate\tobject\tsource": want the header of a source, node or fact file (see seeds/README.md)`,
		}},
		{"unknown category", []string{"bad/category.tsv"}, []string{
			`category.tsv:3: unknown category "Disease"`,
			`category.tsv:5: unknown category ""`,
		}},
		{"unknown predicate", []string{"bad/predicate.tsv"}, []string{
			`predicate.tsv:3: unknown predicate "causes"`,
			`predicate.tsv:5: unknown predicate "biolink:causes"`,
		}},
		{"bad qualifier", []string{"bad/qualifier.tsv"}, []string{
			`qualifier.tsv:3: unknown qualifier "dose"`,
			`qualifier.tsv:4: qualifier "context ADVERSE" is not key=value`,
			`qualifier.tsv:5: qualifier "severity=" is not key=value`,
			`qualifier.tsv:6: qualifier context given twice`,
			`qualifier.tsv:7: treats takes no storage qualifier`,
		}},
		{"required context, closed context and status values", []string{"bad/context.tsv"}, []string{
			`context.tsv:3: has_adverse_event needs a context qualifier`,
			`context.tsv:4: has_adverse_event needs a context qualifier`,
			`context.tsv:5: context "adverse" is not one of ADVERSE, WITHDRAWAL, OVERDOSE`,
			`context.tsv:6: context "SIDE_EFFECT" is not one of ADVERSE, WITHDRAWAL, OVERDOSE`,
			`context.tsv:7: status "approved" is not one of APPROVED, OFF_LABEL, INVESTIGATIONAL`,
			`context.tsv:8: status "LABELLED" is not one of APPROVED, OFF_LABEL, INVESTIGATIONAL`,
		}},
		{"undefined node", []string{"bad/undefined.tsv"}, []string{
			`undefined.tsv:3: unknown object UMLS:C0000000`,
			`undefined.tsv:4: unknown subject DRUGBANK:DB99999`,
			`undefined.tsv:5: unknown subject dizzy`,
		}},
		{"unknown source", []string{"bad/source.tsv", "bad/source-facts.tsv"}, []string{
			`source-facts.tsv:2: unknown source pgsrc:nowhere`,
			`source-facts.tsv:3: unknown source test-article`,
			`source-facts.tsv:4: no source`,
			`source.tsv:3: unknown source pgsrc:nowhere`,
			`source.tsv:4: node PG:pregabalin names no source`,
		}},
		{"wrong subject or object category", []string{"bad/pairs.tsv"}, []string{
			`pairs.tsv:3: treats does not link Effect UMLS:C0013144 to Condition UMLS:C0026838`,
			`pairs.tsv:4: treats does not link Drug DRUGBANK:DB00181 to DrugClass PG:cns-depressant`,
			`pairs.tsv:5: member_of does not link Drug DRUGBANK:DB00181 to Drug DRUGBANK:DB00898`,
			`pairs.tsv:6: interacts_with does not link Drug DRUGBANK:DB00181 to Effect UMLS:C0013144`,
			`pairs.tsv:7: interacts_with links DRUGBANK:DB00181 to itself`,
			`pairs.tsv:8: mechanism takes a Drug subject, not Effect UMLS:C0013144`,
			`pairs.tsv:9: starting_dose takes text as its object`,
		}},
		{"not a CURIE", []string{"bad/curie.tsv"}, []string{
			`curie.tsv:3: node id "gabapentin" is not a CURIE (PREFIX:local)`,
			`curie.tsv:4: node id "PG:" is not a CURIE (PREFIX:local)`,
			`curie.tsv:5: node id "PG:two words" is not a CURIE (PREFIX:local)`,
			`curie.tsv:6: node PG:pregabalin: xref "CAS 148553-50-8" is not a CURIE`,
			`curie.tsv:7: node PG:no-name has no name`,
		}},
		{"node defined in two files", []string{"bad/twice-a.tsv", "bad/twice-b.tsv"}, []string{
			`twice-b.tsv:4: node PG:twice is already defined by pgsrc:test-article at twice-a.tsv:3`,
			`twice-b.tsv:5: node PG:once is already defined by pgsrc:test-article at twice-b.tsv:2`,
		}},
		{"node of the good set named otherwise by another source", with("bad/renamed.tsv"), []string{
			`renamed.tsv:3: node UMLS:C0036572 is named "seizures" at nodes.tsv:9, not "seizure"`,
		}},
		{"node of the good set defined again in one load", with("bad/redefine.tsv"), []string{
			`redefine.tsv:3: node UMLS:C0036572 is already defined by pgsrc:test-article at nodes.tsv:9`,
		}},
		{"node of the store with another category", []string{"bad/recategorize.tsv"}, []string{
			`recategorize.tsv:3: node UMLS:C0026838 is in the store as Condition, not Effect`,
		}},
		{"node of the store with another category in one load with the good set", with("bad/recategorize.tsv"), []string{
			`recategorize.tsv:3: node UMLS:C0026838 is already defined by pgsrc:test-article at nodes.tsv:10`,
		}},
		{"name of two nodes", with("bad/synonym.tsv"), []string{
			`synonym.tsv:3: name "Sleepy" also names UMLS:C0013144 (nodes.tsv:8)`,
			`synonym.tsv:5: name "Muscle-Relaxant" also names PG:muscle-relaxant (synonym.tsv:4)`,
			`synonym.tsv:7: name "fits" also names PG:fits (synonym.tsv:6)`,
		}},
		{"bad knowledge level", []string{"bad/knowledge.tsv", "bad/knowledge-facts.tsv"}, []string{
			`knowledge-facts.tsv:2: knowledge_level "anecdote" is not a Biolink knowledge level`,
			`knowledge-facts.tsv:3: agent_type "robot" is not a Biolink agent type`,
			`knowledge.tsv:3: source pgsrc:blog: knowledge_level "knowledge assertion" is not a Biolink knowledge level`,
			`knowledge.tsv:4: source pgsrc:forum: knowledge_level "" is not a Biolink knowledge level`,
			`knowledge.tsv:5: source pgsrc:wiki: agent_type "crowd" is not a Biolink agent type`,
			`knowledge.tsv:7: source without an id`,
			`knowledge.tsv:8: source id "not a source" is not a CURIE (PREFIX:local)`,
		}},
		{"source defined twice", with("bad/knowledge.tsv"), []string{
			`knowledge.tsv:3: source pgsrc:blog: knowledge_level "knowledge assertion" is not a Biolink knowledge level`,
			`knowledge.tsv:4: source pgsrc:forum: knowledge_level "" is not a Biolink knowledge level`,
			`knowledge.tsv:5: source pgsrc:wiki: agent_type "crowd" is not a Biolink agent type`,
			`knowledge.tsv:7: source without an id`,
			`knowledge.tsv:8: source id "not a source" is not a CURIE (PREFIX:local)`,
			`sources.tsv:4: source pgsrc:test-article is already defined at knowledge.tsv:6`,
		}},
		{"several problems in one file", []string{"bad/mixed.tsv"}, []string{
			`mixed.tsv:4: treats does not link Drug DRUGBANK:DB00181 to DrugClass PG:cns-depressant`,
			`mixed.tsv:8: 5 columns, want 6 (subject, predicate, object, qualifiers, source, section)`,
			`mixed.tsv:9: has_adverse_event needs a context qualifier`,
			`mixed.tsv:10: unknown predicate "has_adverse_effect"`,
		}},
	}
	ctx := context.Background()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := withGood(t)
			before := stats(t, s)
			rep, err := loader.LoadFS(ctx, s, testFS(t, tt.files...))
			checkRowErrors(t, err, tt.want, false)
			if !sameReport(rep, loader.Report{}) {
				t.Errorf("failed LoadFS reported %+v, want a zero Report", rep)
			}
			if after := stats(t, s); !reflect.DeepEqual(after, before) {
				t.Errorf("failed LoadFS changed the store:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
}

// TestModelErrors checks that errors of the data model still match
// graph.ErrInvalid through the row error.
func TestModelErrors(t *testing.T) {
	s := withGood(t)
	_, err := loader.LoadFS(context.Background(), s, testFS(t, "bad/pairs.tsv"))
	if !errors.Is(err, graph.ErrInvalid) {
		t.Errorf("LoadFS(pairs.tsv) error = %v, want one that matches graph.ErrInvalid", err)
	}
}

// TestRedefineAlone checks that a load may state nodes the store has: that
// changes nothing.
func TestRedefineAlone(t *testing.T) {
	s := withGood(t)
	before := stats(t, s)
	rep, err := loader.LoadFS(context.Background(), s, testFS(t, "bad/redefine.tsv"))
	if err != nil {
		t.Fatalf("LoadFS(redefine.tsv): %v", err)
	}
	if want := (loader.Report{Files: 1, Nodes: 1}); !sameReport(rep, want) {
		t.Errorf("LoadFS(redefine.tsv) = %+v, want %+v", rep, want)
	}
	if after := stats(t, s); !reflect.DeepEqual(after, before) {
		t.Errorf("LoadFS(redefine.tsv) changed the store:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestMaxErrors(t *testing.T) {
	const factHeader = "subject\tpredicate\tobject\tqualifiers\tsource\tsection\n"
	rows := func(n int, row string) string {
		var b strings.Builder
		b.WriteString("# generated\n" + factHeader)
		for i := 0; i < n; i++ {
			fmt.Fprintf(&b, row, i)
		}
		return b.String()
	}
	// lines returns the error lines want for bad rows at lines first.. of name.
	lines := func(name string, first, n int, reason func(i int) string) []string {
		var out []string
		for i := 0; i < n; i++ {
			out = append(out, fmt.Sprintf("%s:%d: %s", name, first+i, reason(i)))
		}
		return out
	}
	parseRow := "DRUGBANK:DB00181\tcauses\tUMLS:C%07d\t\tpgsrc:test-article\tSide effects\n"
	parseReason := func(int) string { return `unknown predicate "causes"` }
	checkRow := "DRUGBANK:DB00181\thas_adverse_event\tUMLS:C%07d\tcontext=ADVERSE\tpgsrc:test-article\tSide effects\n"
	checkReason := func(i int) string { return fmt.Sprintf("unknown object UMLS:C%07d", i) }
	tests := []struct {
		name string
		fsys fstest.MapFS
		want []string
	}{
		{"while reading", fstest.MapFS{"many.tsv": {Data: []byte(rows(60, parseRow))}},
			lines("many.tsv", 3, 50, parseReason)},
		{"while checking", fstest.MapFS{"many.tsv": {Data: []byte(rows(60, checkRow))}},
			lines("many.tsv", 3, 50, checkReason)},
		{"across files", fstest.MapFS{
			"a.tsv": {Data: []byte(rows(30, parseRow))},
			"b.tsv": {Data: []byte(rows(30, parseRow))},
			"c.tsv": {Data: []byte(rows(30, parseRow))},
		}, append(lines("a.tsv", 3, 30, parseReason), lines("b.tsv", 3, 20, parseReason)...)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := withGood(t)
			before := stats(t, s)
			_, err := loader.LoadFS(context.Background(), s, tt.fsys)
			want := append(tt.want, fmt.Sprintf("stopped after %d errors", loader.MaxErrors))
			checkRowErrors(t, err, want, true)
			if after := stats(t, s); !reflect.DeepEqual(after, before) {
				t.Errorf("failed LoadFS changed the store:\nbefore %+v\nafter  %+v", before, after)
			}
		})
	}
}

func TestIdempotent(t *testing.T) {
	ctx := context.Background()
	s := withGood(t)
	before := stats(t, s)
	rep, err := loader.LoadFS(ctx, s, testFS(t, good...))
	if err != nil {
		t.Fatalf("second LoadFS(good set): %v", err)
	}
	want := goodReport
	want.WriteStats = graph.WriteStats{}
	if !sameReport(rep, want) {
		t.Errorf("second LoadFS(good set) = %+v, want %+v", rep, want)
	}
	if after := stats(t, s); !reflect.DeepEqual(after, before) {
		t.Errorf("second LoadFS(good set) changed the store:\nbefore %+v\nafter  %+v", before, after)
	}
}

func TestCanceled(t *testing.T) {
	s := open(t, "memory", "")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := loader.LoadFS(ctx, s, testFS(t, good...)); !errors.Is(err, context.Canceled) {
		t.Errorf("LoadFS with a canceled context: error = %v, want context.Canceled", err)
	}
	if st := stats(t, s); st.Nodes != 0 || st.Edges != 0 || st.Sources != 0 {
		t.Errorf("LoadFS with a canceled context wrote %+v", st)
	}
}

func TestLoadPaths(t *testing.T) {
	dir := filepath.Join("testdata", "good")
	files := []string{filepath.Join(dir, "facts.tsv"), filepath.Join(dir, "sources.tsv"), filepath.Join(dir, "nodes.tsv")}
	// part holds the sources and nodes of the good set, but not its facts
	part := t.TempDir()
	for _, name := range []string{"sources.tsv", "nodes.tsv"} {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(part, name), b, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	ok := []struct {
		name  string
		paths []string
	}{
		{"folder", []string{dir}},
		{"files", files},
		{"folder and file", []string{part, filepath.Join(dir, "facts.tsv")}},
	}
	ctx := context.Background()
	for _, tt := range ok {
		t.Run(tt.name, func(t *testing.T) {
			s := open(t, "memory", "")
			rep, err := loader.Load(ctx, s, loader.Options{}, tt.paths...)
			if err != nil {
				t.Fatalf("LoadPaths(%q): %v", tt.paths, err)
			}
			if !sameReport(rep, goodReport) {
				t.Errorf("LoadPaths(%q) = %+v, want %+v", tt.paths, rep, goodReport)
			}
		})
	}

	missing := filepath.Join("testdata", "missing.tsv")
	empty := t.TempDir()
	bad := []struct {
		name     string
		paths    []string
		want     string // in the error
		notExist bool
	}{
		{"missing file", []string{dir, missing}, missing, true},
		{"missing folder", []string{filepath.Join("testdata", "nowhere")}, filepath.Join("testdata", "nowhere"), true},
		{"folder without tsv files", []string{empty}, "no files in " + empty, false},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			s := withGood(t)
			before := stats(t, s)
			_, err := loader.Load(ctx, s, loader.Options{}, tt.paths...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("LoadPaths(%q) error = %v, want one naming %s", tt.paths, err, tt.want)
			}
			if tt.notExist && !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("LoadPaths(%q) error = %v, want one that matches fs.ErrNotExist", tt.paths, err)
			}
			if after := stats(t, s); !reflect.DeepEqual(after, before) {
				t.Errorf("failed LoadPaths(%q) changed the store", tt.paths)
			}
		})
	}

	t.Run("positions name the path", func(t *testing.T) {
		s := withGood(t)
		p := filepath.Join("testdata", "bad", "twice-a.tsv")
		q := filepath.Join("testdata", "bad", "twice-b.tsv")
		_, err := loader.Load(ctx, s, loader.Options{}, q, p)
		checkRowErrors(t, err, []string{
			q + ":4: node PG:twice is already defined by pgsrc:test-article at " + p + ":3",
			q + ":5: node PG:once is already defined by pgsrc:test-article at " + q + ":2",
		}, false)
	})
}

// TestBolt checks on a store that keeps its data that a failed load leaves
// nothing behind, not even after the store is closed and opened again.
func TestBolt(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	s := open(t, "bolt", dir)
	if _, err := loader.LoadFS(ctx, s, testFS(t, good...)); err != nil {
		t.Fatalf("LoadFS(good set): %v", err)
	}
	before := stats(t, s)
	for _, files := range [][]string{
		{"bad/mixed.tsv"},
		{"bad/recategorize.tsv"},
		append(append([]string{}, good...), "bad/synonym.tsv"),
		append(append([]string{}, good...), "bad/twice-a.tsv", "bad/twice-b.tsv"),
	} {
		if _, err := loader.LoadFS(ctx, s, testFS(t, files...)); err == nil {
			t.Fatalf("LoadFS(%q) succeeded", files)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	s = open(t, "bolt", dir)
	if after := stats(t, s); !reflect.DeepEqual(after, before) {
		t.Errorf("after failed loads and a reopen:\nstats %+v\nwant  %+v", after, before)
	}
	if n, err := s.Lookup(ctx, "sleepy", graph.Effect); err != nil || n.ID != "UMLS:C0013144" {
		t.Errorf("after reopen, Lookup(sleepy) = %v, %v; want UMLS:C0013144", n.ID, err)
	}
}

// sameReport compares the counts of two reports.
func sameReport(a, b loader.Report) bool {
	return a.Files == b.Files && a.Sources == b.Sources && a.Nodes == b.Nodes && a.Facts == b.Facts &&
		a.Quads == b.Quads && a.NewNodes == b.NewNodes && a.NewFacts == b.NewFacts
}
