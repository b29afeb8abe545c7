package loader_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"pharmagraph/graph"
	"pharmagraph/loader"
)

func TestDrugbank(t *testing.T) {
	ctx := context.Background()
	s := withGood(t)
	rep := loadData(t, s, loader.Options{}, "drugbank")
	if rep.Nodes != 6 || rep.Facts != 0 || rep.NewNodes != 4 {
		t.Errorf("report: %d node rows, %d facts, %d new nodes; want 6, 0, 4", rep.Nodes, rep.Facts, rep.NewNodes)
	}
	checkRejected(t, rep, []string{
		`drugbank_vocabulary.csv:8: "DB1" is not a DrugBank id (DB and 5 digits)`,
		`drugbank_vocabulary.csv:9: not a row of semicolon-separated fields: extraneous or missing " in quoted-field`,
		`drugbank_vocabulary.csv:10: 5 fields, want 7 (DrugBank ID;Accession Numbers;Common name;CAS;UNII;Synonyms;Standard InChI Key)`,
		`drugbank_vocabulary.csv:11: node DRUGBANK:DB00004 has no name`,
	})

	lookups := []struct {
		name string
		want graph.ID
	}{
		{"baclofen", "DRUGBANK:DB00181"},
		{"Lioresal", "DRUGBANK:DB00181"},                  // the store's synonym
		{"beta-(4-chlorophenyl)gaba", "DRUGBANK:DB00181"}, // DrugBank's
		{"UNII:H789N3FKE8", "DRUGBANK:DB00181"},           // cross-references find the drug too
		{"INCHIKEY:KPYSYYIEGFHWSV-UHFFFAOYSA-N", "DRUGBANK:DB00181"},
		{"ethyl alcohol", "DRUGBANK:DB00898"},
		{"grain alcohol", "DRUGBANK:DB00898"},
		{"alcohol", "DRUGBANK:DB00898"},
		{"Menotropins (FSH;LH)", "DRUGBANK:DB00032"}, // a quoted field with a semicolon
		{"escitalopram", "DRUGBANK:DB01175"},
		{"collagenase", "DRUGBANK:DB00048"}, // kept without its CAS number
	}
	for _, l := range lookups {
		if n, err := s.Lookup(ctx, l.name, graph.Drug); err != nil || n.ID != l.want {
			t.Errorf("Lookup(%q) = %s, %v; want %s", l.name, n.ID, err, l.want)
		}
	}
	// A drug the store has keeps its name; DrugBank's is a synonym.
	n, err := s.Node(ctx, "DRUGBANK:DB00898")
	if err != nil {
		t.Fatal(err)
	}
	if n.Name != "ethanol" || !slices.Contains(n.Synonyms, "Grain alcohol") {
		t.Errorf("ethanol: name %q, synonyms %q; want ethanol, with Grain alcohol", n.Name, n.Synonyms)
	}
	wantXrefs := []graph.ID{"CAS:64-17-5", "INCHIKEY:LFQSCWFLJHTTHZ-UHFFFAOYSA-N", "UNII:3K9958V90M"}
	if !reflect.DeepEqual(n.Xrefs, wantXrefs) {
		t.Errorf("ethanol xrefs %v, want %v", n.Xrefs, wantXrefs)
	}
	n, err = s.Node(ctx, "DRUGBANK:DB00048")
	if err != nil || len(n.Xrefs) != 1 || n.Xrefs[0] != "UNII:9X7O8V25IT" {
		t.Errorf("DB00048 xrefs %v, %v; want its UNII only: its CAS cell holds a date", n.Xrefs, err)
	}
	src, err := s.Source(ctx, "infores:drugbank")
	if err != nil || src.KnowledgeLevel != graph.KnowledgeAssertion || src.AgentType != graph.ManualAgent {
		t.Errorf("Source(infores:drugbank) = %+v, %v; want knowledge_assertion, manual_agent", src, err)
	}

	checkReloadChangesNothing(t, s, loader.Options{}, "drugbank")
}
