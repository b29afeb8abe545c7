package biolink

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"pharmagraph/graph/biolink/internal/gen"
	"pharmagraph/internal/realdata"
)

// TestTableIsGenerated regenerates the table from the Biolink Model's YAML
// in ../shared/data and fails when table.go differs: the table is the
// model's, never edited by hand.
func TestTableIsGenerated(t *testing.T) {
	model := realdata.Path(t, "biolink", "biolink_model.yaml")
	f, err := os.Open(model)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, err := gen.Generate(f, filepath.Base(model))
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("table.go")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("table.go is not the table of %s; run go generate ./graph/biolink and review the diff", model)
	}
}

func TestGenerateRejectsOtherYAML(t *testing.T) {
	if _, err := gen.Generate(bytes.NewReader([]byte("name: not biolink\n")), "x.yaml"); err == nil {
		t.Error("Generate of a YAML file without classes and slots: no error")
	}
}

func TestIsA(t *testing.T) {
	tests := []struct {
		c, ancestor string
		want        bool
	}{
		{"biolink:Drug", "biolink:Drug", true},
		{"biolink:Drug", "biolink:ChemicalEntity", true},            // is_a MolecularMixture, ChemicalMixture, ChemicalEntity
		{"biolink:Drug", "biolink:ChemicalOrDrugOrTreatment", true}, // a mixin
		{"biolink:SmallMolecule", "biolink:ChemicalOrDrugOrTreatment", true},
		{"biolink:PhenotypicFeature", "biolink:DiseaseOrPhenotypicFeature", true},
		{"biolink:Disease", "biolink:NamedThing", true},
		{"biolink:Gene", "biolink:DiseaseOrPhenotypicFeature", false},
		{"biolink:NamedThing", "biolink:Gene", false},
		{"pg:DrugClass", "biolink:NamedThing", false},
	}
	for _, tt := range tests {
		if got := IsA(tt.c, tt.ancestor); got != tt.want {
			t.Errorf("IsA(%s, %s) = %v, want %v", tt.c, tt.ancestor, got, tt.want)
		}
	}
	if Depth("biolink:PhenotypicFeature") <= Depth("biolink:DiseaseOrPhenotypicFeature") ||
		Depth("biolink:DiseaseOrPhenotypicFeature") <= Depth("biolink:NamedThing") || Depth("pg:Route") != 0 {
		t.Error("Depth does not grow from NamedThing to PhenotypicFeature, or is not 0 outside the model")
	}
}

func TestOverlap(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		{"biolink:NamedThing", "biolink:ChemicalOrDrugOrTreatment", true},         // a NamedThing node may be a drug
		{"biolink:DiseaseOrPhenotypicFeature", "biolink:PhenotypicFeature", true}, // more general
		{"biolink:Drug", "biolink:ChemicalOrDrugOrTreatment", true},
		{"biolink:Gene", "biolink:DiseaseOrPhenotypicFeature", false},
		{"biolink:Gene", "biolink:ChemicalOrDrugOrTreatment", false}, // no gene takes the mixin
		{"biolink:Disease", "biolink:Gene", false},
		{"pg:DrugClass", "biolink:Gene", true}, // outside the model: nothing is known
	}
	for _, tt := range tests {
		if got := Overlap(tt.a, tt.b); got != tt.want {
			t.Errorf("Overlap(%s, %s) = %v, want %v", tt.a, tt.b, got, tt.want)
		}
	}
}

func TestPredicates(t *testing.T) {
	if !IsPredicate("biolink:treats") || !IsPredicate("biolink:related_to") || IsPredicate("biolink:not_a_predicate") ||
		IsPredicate("biolink:name") {
		t.Error("IsPredicate: treats and related_to are predicates; not_a_predicate and name (a node property) are not")
	}
	tests := []struct{ p, domain, rng, inverse string }{
		{"biolink:treats", "biolink:ChemicalOrDrugOrTreatment", "biolink:DiseaseOrPhenotypicFeature", "biolink:treated_by"},
		{"biolink:treated_by", "biolink:DiseaseOrPhenotypicFeature", "biolink:ChemicalOrDrugOrTreatment", "biolink:treats"},
		{"biolink:member_of", "biolink:NamedThing", "biolink:NamedThing", "biolink:has_member"}, // related_to's
		{"biolink:not_a_predicate", "", "", ""},
	}
	for _, tt := range tests {
		if d, r, inv := Domain(tt.p), Range(tt.p), Inverse(tt.p); d != tt.domain || r != tt.rng || inv != tt.inverse {
			t.Errorf("%s: domain %q, range %q, inverse %q; want %q, %q, %q", tt.p, d, r, inv, tt.domain, tt.rng, tt.inverse)
		}
	}
	if !Symmetric("biolink:interacts_with") || Symmetric("biolink:treats") {
		t.Error("Symmetric: interacts_with is, treats is not")
	}
	if kl := KnowledgeLevels(); len(kl) == 0 || kl[0] != "knowledge_assertion" || kl[len(kl)-1] != "not_provided" {
		t.Errorf("KnowledgeLevels() = %q", kl)
	}
	if at := AgentTypes(); len(at) == 0 || at[0] != "manual_agent" {
		t.Errorf("AgentTypes() = %q", at)
	}
}
