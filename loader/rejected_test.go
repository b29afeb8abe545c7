package loader_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"pharmagraph/loader"
)

// TestRejectedRowsWriteNothing checks that a load whose every row is
// rejected leaves the store as it was: the sources the rows name are not
// written, not even one that KGX's reading turns from a name into an
// infores id ("not a source").
func TestRejectedRowsWriteNothing(t *testing.T) {
	ctx := context.Background()
	s := withGood(t)
	before := stats(t, s)
	sources, err := s.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	nodes := filepath.Join(dir, "nodes.tsv")
	edges := filepath.Join(dir, "edges.tsv")
	os.WriteFile(nodes, []byte("id\tcategory\tname\tprovided_by\n"+
		"PG:trial-drug\tbiolink:Drug\t\tinfores:trial-nodes\n"), 0o644)
	os.WriteFile(edges, []byte("subject\tpredicate\tobject\tprimary_knowledge_source\n"+
		"DRUGBANK:DB00181\tbiolink:has_adverse_event\tPG:no-such-effect\tinfores:trial\n"+
		"DRUGBANK:DB00181\tbiolink:not_a_predicate\tDRUGBANK:DB00898\tnot a source\n"), 0o644)
	rep, err := loader.Load(ctx, s, loader.Options{}, nodes, edges)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	checkRejected(t, rep, []string{
		`edges.tsv:2: unknown object PG:no-such-effect`,
		`edges.tsv:3: unknown predicate "biolink:not_a_predicate": not a predicate of the Biolink Model 4.4.4`,
		`nodes.tsv:2: node PG:trial-drug has no name`,
	})
	if rep.Sources != 0 || rep.Quads != 0 {
		t.Errorf("report: %d sources, %d quads written; want none", rep.Sources, rep.Quads)
	}
	if after := stats(t, s); !reflect.DeepEqual(after, before) {
		t.Errorf("stats after a load of rejected rows = %+v, want %+v", after, before)
	}
	if after, _ := s.Sources(ctx); !reflect.DeepEqual(after, sources) {
		t.Errorf("sources after a load of rejected rows = %v, want %v", after, sources)
	}
}

// TestSourcesOfAcceptedRows checks that a lenient load writes the sources
// its accepted rows use, and no other.
func TestSourcesOfAcceptedRows(t *testing.T) {
	ctx := context.Background()
	s := withGood(t)
	edges := filepath.Join(t.TempDir(), "edges.tsv")
	os.WriteFile(edges, []byte("subject\tpredicate\tobject\tprimary_knowledge_source\n"+
		"DRUGBANK:DB00181\tbiolink:interacts_with\tDRUGBANK:DB00898\tinfores:trial\n"+
		"DRUGBANK:DB00181\tbiolink:interacts_with\tPG:nothing\tinfores:other\n"), 0o644)
	rep, err := loader.Load(ctx, s, loader.Options{}, edges)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if rep.Sources != 1 || rep.NewFacts != 1 || rep.RejectedRows != 1 {
		t.Errorf("report: %d sources, %d new facts, %d rejected; want 1, 1, 1", rep.Sources, rep.NewFacts, rep.RejectedRows)
	}
	if !s.HasSource(ctx, "infores:trial") {
		t.Error("the source of the accepted row is not in the store")
	}
	if s.HasSource(ctx, "infores:other") {
		t.Error("the source of the rejected row is in the store")
	}
}
