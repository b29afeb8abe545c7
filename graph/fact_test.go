package graph

import (
	"strings"
	"testing"
)

func TestCheckGenericPredicate(t *testing.T) {
	nodes := map[ID]Category{
		"DRUGBANK:DB00181": Drug,
		"NCBIGene:2550":    Gene,
		"NCBIGene:2551":    Gene,
		"CHEBI:1":          "biolink:NamedThing",
		"CHEBI:2":          "biolink:NamedThing",
		"GO:0005912":       "biolink:CellularComponent",
		"PG:cns":           DrugClass,
		"MONDO:1":          Condition,
	}
	category := func(id ID) (Category, bool) { c, ok := nodes[id]; return c, ok }
	tests := []struct {
		s    ID
		p    Predicate
		o    ID
		want string // a part of the error; empty for none
	}{
		{"CHEBI:1", "biolink:subclass_of", "CHEBI:2", ""},         // NamedThing nodes may be ontology classes
		{"NCBIGene:2550", "biolink:part_of", "GO:0005912", ""},    // no domain or range below related_to's
		{"DRUGBANK:DB00181", "hetionet:resembles", "CHEBI:1", ""}, // another vocabulary: not checked
		{"PG:cns", "biolink:is_excipient_of", "CHEBI:1", ""},      // a category outside Biolink: not checked
		{"CHEBI:1", "biolink:not_a_predicate", "CHEBI:2", `unknown predicate "biolink:not_a_predicate"`},
		{"CHEBI:1", "pg:not_a_predicate", "CHEBI:2", `unknown predicate "pg:not_a_predicate"`},
		{"NCBIGene:2550", "biolink:is_excipient_of", "CHEBI:1",
			"biolink:is_excipient_of takes a subject that can be a biolink:MolecularEntity, not Gene NCBIGene:2550"},
		{"DRUGBANK:DB00181", "biolink:has_active_ingredient", "DRUGBANK:DB00181", "links DRUGBANK:DB00181 to itself"},
		{"PG:cns", "biolink:has_active_ingredient", "DRUGBANK:DB00181", "has_active_ingredient does not link DrugClass"},
		{"DRUGBANK:DB00181", "biolink:genetically_interacts_with", "NCBIGene:2550",
			"biolink:genetically_interacts_with takes a subject that can be a biolink:Gene, not Drug DRUGBANK:DB00181"},
		{"DRUGBANK:DB00181", "biolink:ameliorates_condition", "NCBIGene:2550",
			"biolink:ameliorates_condition takes an object that can be a biolink:DiseaseOrPhenotypicFeature, not Gene NCBIGene:2550"},
		{"DRUGBANK:DB00181", "biolink:ameliorates_condition", "MONDO:1", ""},
		{"NCBIGene:2550", "biolink:interacts_with", "NCBIGene:2551", ""}, // gene interaction networks (STRING, BioGRID)
		{"NCBIGene:2550", "biolink:interacts_with", "DRUGBANK:DB00181", "interacts_with does not link Gene"},
	}
	for _, tt := range tests {
		err := CheckFact(Fact{Subject: tt.s, Predicate: tt.p, Object: tt.o, Provenance: Provenance{Source: "infores:x"}}, category)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s %s %s: %v", tt.s, tt.p, tt.o, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s %s %s: error %v, want %q", tt.s, tt.p, tt.o, err, tt.want)
		}
	}
	if _, err := PredicateOf("biolink:not_a_predicate"); err == nil {
		t.Error(`PredicateOf("biolink:not_a_predicate"): no error`)
	}
}

func TestBiolinkEnums(t *testing.T) {
	if !ValidKnowledgeLevel("text_co_occurrence") || ValidKnowledgeLevel("anecdote") {
		t.Error("ValidKnowledgeLevel: text_co_occurrence (Biolink 4) is one, anecdote is not")
	}
	if !ValidAgentType(ManualValidationOfAutoAgent) || ValidAgentType("oracle") {
		t.Error("ValidAgentType: manual_validation_of_automated_agent is one, oracle is not")
	}
}
