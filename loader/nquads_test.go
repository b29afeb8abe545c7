package loader_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"pharmagraph/graph"
	"pharmagraph/loader"
)

// nquadLines returns the store's quads as N-Quads lines.
func nquadLines(t *testing.T, s *graph.Store) []string {
	t.Helper()
	var out []string
	if err := s.EachNQuad(context.Background(), graph.Filter{}, func(l string) error {
		out = append(out, l)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// TestNQuads loads the quads of a store (the good set's, as the store gives
// them) into an empty store, which must then hold the same quads.
func TestNQuads(t *testing.T) {
	s := open(t, "memory", "")
	rep := loadData(t, s, loader.Options{Strict: true}, "nquads/store.nq")
	if rep.NewFacts != 17 || rep.NewNodes != 10 || rep.RejectedRows != 0 {
		t.Errorf("report: %d new facts, %d new nodes, %d rejected rows; want 17, 10, 0", rep.NewFacts, rep.NewNodes, rep.RejectedRows)
	}
	b, err := os.ReadFile(filepath.Join("testdata", "nquads", "store.nq"))
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if got := nquadLines(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("the store's quads after loading store.nq:\n%s\nwant the file's:\n%s", lines(got), lines(want))
	}
	checkReloadChangesNothing(t, s, loader.Options{}, "nquads/store.nq")
}

func TestNQuadsBad(t *testing.T) {
	s := withGood(t)
	before := nquadLines(t, s)
	rep := loadData(t, s, loader.Options{}, "nquads/bad.nq")
	checkRejected(t, rep, []string{
		`bad.nq:2: not an N-Quad: incomplete N-Quad`,
		`bad.nq:3: <http://example.org/alice> <http://xmlns.com/foaf/0.1/name>: not a quad of a Pharmagraph store ` +
			`(a source has biolink:name, biolink:knowledge_level, biolink:agent_type, pg:author and biolink:description)`,
		`bad.nq:4: label <http://example.org/graph> is not an annotation (<pgann:...>): not a quad of a Pharmagraph store`,
		`bad.nq:5: annotation pgann:17929569eca98f363d748f0ab90d68b5 is not described in the file`,
		`bad.nq:6: object "5"^^<xsd:integer> is neither an IRI nor a plain string`,
		`bad.nq:7: subject and predicate must be IRIs`,
		`bad.nq:8: annotation pgann:abc: pg:dose is neither provenance nor a qualifier`,
		`bad.nq:10: node PG:x: a node statement has a biolink:category and a biolink:name`,
		`bad.nq:12: has_adverse_event needs a context qualifier`,
		`bad.nq:13: an annotation's quads have no label`,
	})
	checkCounts(t, rep, map[graph.Predicate]loader.Count{
		graph.HasAdverseEvent: {Read: 1, Rejected: 1},
		graph.Treats:          {Read: 1, Rejected: 1},
		graph.StartingDose:    {Read: 1, Rejected: 1},
	})
	if after := nquadLines(t, s); !reflect.DeepEqual(after, before) {
		t.Errorf("loading bad.nq changed the store's quads")
	}
}
