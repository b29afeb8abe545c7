package loader_test

import (
	"context"
	"reflect"
	"testing"

	"pharmagraph/graph"
	"pharmagraph/loader"
)

func TestHetionet(t *testing.T) {
	ctx := context.Background()
	s := open(t, "memory", "")
	rep := loadData(t, s, loader.Options{}, "hetionet")

	one := loader.Count{Read: 1, Written: 1}
	checkCounts(t, rep, map[graph.Predicate]loader.Count{
		"hetionet:downregulates":                 {Read: 3, Written: 3},
		"hetionet:upregulates":                   {Read: 3, Written: 3},
		"hetionet:covaries":                      one,
		"hetionet:participates":                  one,
		"hetionet:CxD":                           {Read: 1, Rejected: 1},
		"biolink:expresses":                      one,
		graph.Binds:                              one,
		graph.HasAdverseEvent:                    {Read: 4, Written: 1, Duplicate: 1, Rejected: 2},
		"biolink:ameliorates_condition":          one,
		"biolink:chemically_similar_to":          one,
		graph.Treats:                             {Read: 3, Written: 2, Rejected: 1},
		"biolink:condition_associated_with_gene": one,
		"biolink:disease_has_location":           one,
		"biolink:has_phenotype":                  one,
		"biolink:similar_to":                     one,
		"biolink:physically_interacts_with":      one,
		"biolink:actively_involved_in":           {Read: 4, Written: 4},
		"biolink:regulates":                      one,
		graph.MemberOf:                           one,
	})
	checkRejected(t, rep, []string{
		`edges.sif:28: unknown metaedge "CxD"`,
		`edges.sif:29: CtD links a Disease, not Gene::2550`,
		`edges.sif:30: node "Side Effect::C13144": "C13144" is not a Side Effect identifier (^C\d{7}$)`,
		`edges.sif:31: unknown object UMLS:C0030193`,
		`edges.sif:32: 2 columns, want 3 (source, metaedge, target)`,
		`nodes.tsv:17: node "Compound::DB0018": "DB0018" is not a Compound identifier (^DB\d{5}$)`,
		`nodes.tsv:18: node "Gene::1" has kind "Anatomy"`,
		`nodes.tsv:19: node "Hormone::X1": unknown kind "Hormone"`,
		`nodes.tsv:20: 4 columns, want 3 (id, name, kind)`,
		`nodes.tsv:21: node "Compound:DB00002" is not Kind::identifier`,
	})
	if rep.Nodes != 15 || rep.Sources != 1 {
		t.Errorf("report: %d nodes, %d sources; want 15, 1", rep.Nodes, rep.Sources)
	}
	src, err := s.Source(ctx, "infores:hetionet")
	if err != nil || src.KnowledgeLevel != graph.KnowledgeAssertion || src.AgentType != graph.NotProvidedAgent {
		t.Errorf("Source(infores:hetionet) = %+v, %v; want knowledge_assertion, not_provided", src, err)
	}

	kinds := []struct {
		id       graph.ID
		category graph.Category
		name     string
	}{
		{"DRUGBANK:DB00181", graph.Drug, "Baclofen"},
		{"UMLS:C0013144", graph.Effect, "Drowsiness"},
		{"DOID:2377", graph.Condition, "multiple sclerosis"},
		{"NDFRT:N0000000116", graph.DrugClass, "GABA B Agonists"},
		{"NCBIGene:2550", graph.Gene, "GABBR1"},
		{"UBERON:0000955", graph.Anatomy, "brain"},
		{"MESH:D012640", graph.Effect, "Seizures"},
		{"GO:0007214", "biolink:BiologicalProcess", "gamma-aminobutyric acid signaling pathway"},
		{"GO:0038039", "biolink:CellularComponent", "G protein-coupled receptor heterodimeric complex"},
		{"GO:0004965", "biolink:MolecularActivity", "G protein-coupled GABA receptor activity"},
		{"WIKIPATHWAYS:WP100_r74146", "biolink:Pathway", "Glutathione metabolism"},
		{"hetionet.pathway:PC7_10399", "biolink:Pathway", "a4b7 Integrin signaling"},
	}
	for _, k := range kinds {
		n, err := s.Node(ctx, k.id)
		if err != nil || n.Category != k.category || n.Name != k.name {
			t.Errorf("Node(%s) = %s %q, %v; want %s %q", k.id, n.Category, n.Name, err, k.category, k.name)
		}
	}

	adverse := map[graph.Qualifier]string{graph.QContext: "ADVERSE"}
	metaedges := []struct {
		metaedge        string
		subject, object graph.ID
		predicate       graph.Predicate
		qualifiers      map[graph.Qualifier]string
	}{
		{"AdG", "UBERON:0000955", "NCBIGene:2550", "hetionet:downregulates", nil},
		{"AeG", "UBERON:0000955", "NCBIGene:2550", "biolink:expresses", nil},
		{"AuG", "UBERON:0000955", "NCBIGene:9568", "hetionet:upregulates", nil},
		{"CbG", "DRUGBANK:DB00181", "NCBIGene:2550", graph.Binds, nil},
		{"CcSE", "DRUGBANK:DB00181", "UMLS:C0013144", graph.HasAdverseEvent, adverse},
		{"CdG", "DRUGBANK:DB00181", "NCBIGene:9568", "hetionet:downregulates", nil},
		{"CpD", "DRUGBANK:DB00181", "DOID:1826", "biolink:ameliorates_condition", nil},
		{"CrC", "DRUGBANK:DB00181", "DRUGBANK:DB00898", "biolink:chemically_similar_to", nil},
		{"CtD", "DRUGBANK:DB00181", "DOID:2377", graph.Treats, nil}, // Hetionet gives no status
		{"CtD", "DRUGBANK:DB00898", "DOID:1826", graph.Treats, nil},
		{"CuG", "DRUGBANK:DB00181", "NCBIGene:2550", "hetionet:upregulates", nil},
		{"DaG", "DOID:2377", "NCBIGene:2550", "biolink:condition_associated_with_gene", nil},
		{"DdG", "DOID:2377", "NCBIGene:9568", "hetionet:downregulates", nil},
		{"DlA", "DOID:2377", "UBERON:0000955", "biolink:disease_has_location", nil},
		{"DpS", "DOID:1826", "MESH:D012640", "biolink:has_phenotype", nil},
		{"DrD", "DOID:2377", "DOID:1826", "biolink:similar_to", nil},
		{"DuG", "DOID:1826", "NCBIGene:2550", "hetionet:upregulates", nil},
		{"GcG", "NCBIGene:2550", "NCBIGene:9568", "hetionet:covaries", nil},
		{"GiG", "NCBIGene:2550", "NCBIGene:9568", "biolink:physically_interacts_with", nil},
		{"GpBP", "NCBIGene:2550", "GO:0007214", "biolink:actively_involved_in", nil},
		{"GpCC", "NCBIGene:2550", "GO:0038039", "hetionet:participates", nil},
		{"GpMF", "NCBIGene:2550", "GO:0004965", "biolink:actively_involved_in", nil},
		{"GpPW", "NCBIGene:2550", "WIKIPATHWAYS:WP100_r74146", "biolink:actively_involved_in", nil},
		{"GpPW", "NCBIGene:9568", "hetionet.pathway:PC7_10399", "biolink:actively_involved_in", nil},
		{"Gr>G", "NCBIGene:9568", "NCBIGene:2550", "biolink:regulates", nil},
		{"PCiC", "DRUGBANK:DB00181", "NDFRT:N0000000116", graph.MemberOf, nil}, // the class includes the compound
	}
	var want []graph.Fact
	for _, m := range metaedges {
		want = append(want, graph.Fact{Subject: m.subject, Predicate: m.predicate, Object: m.object, Qualifiers: m.qualifiers,
			Provenance: graph.Provenance{Source: "infores:hetionet", Section: m.metaedge,
				KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.NotProvidedAgent}})
	}
	got := map[string][]graph.Fact{}
	for _, f := range factsFrom(t, s, "infores:hetionet") {
		got[f.Section] = append(got[f.Section], f)
	}
	for _, w := range want {
		fs := got[w.Section]
		found := false
		for i, f := range fs {
			if reflect.DeepEqual(f, w) {
				found = true
				got[w.Section] = append(fs[:i], fs[i+1:]...)
				break
			}
		}
		if !found {
			t.Errorf("%s: no fact %+v among %+v", w.Section, w, fs)
		}
	}
	for section, fs := range got {
		for _, f := range fs {
			t.Errorf("%s: unexpected fact %+v", section, f)
		}
	}

	checkReloadChangesNothing(t, s, loader.Options{}, "hetionet")
}
