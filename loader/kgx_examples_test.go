package loader_test

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"pharmagraph/graph"
	"pharmagraph/internal/realdata"
	"pharmagraph/loader"
)

// kgxLanded is what a load put in the store: nodes by category and facts
// by predicate, each as "name count".
func kgxLanded(t *testing.T, s *graph.Store) (categories, predicates []string) {
	t.Helper()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range st.Categories {
		categories = append(categories, fmt.Sprintf("%s %d", c.Key, c.Count))
	}
	for _, p := range st.Predicates {
		predicates = append(predicates, fmt.Sprintf("%s %d", p.Key, p.Count))
	}
	return categories, predicates
}

// kgxHasFact reports whether the store holds the fact.
func kgxHasFact(t *testing.T, s *graph.Store, want graph.Fact) bool {
	t.Helper()
	found := false
	err := s.EachFact(context.Background(), graph.Filter{}, func(f graph.Fact) error {
		found = found || reflect.DeepEqual(f, want)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestKGXExamples loads each pair of files that the KGX project's own tests
// write, as they are, and checks what landed and what was rejected, and why.
func TestKGXExamples(t *testing.T) {
	dir := realdata.Path(t, "kgx-examples")
	note := func(file, text string) string { return "kgx: " + filepath.Join(dir, file) + ": " + text }
	tests := []struct {
		nodes, edges string
		categories   []string
		predicates   []string
		rejected     []string
		notes        []string
		facts        []graph.Fact        // facts the store must hold, with their provenance
		sources      map[graph.ID]string // name by id
		node         graph.Node          // a node as the store must hold it
	}{
		{nodes: "chebi_kgx_tsv_nodes.tsv", edges: "chebi_kgx_tsv_edges.tsv",
			categories: []string{"biolink:NamedThing 9"},
			predicates: []string{"biolink:subclass_of 1"},
			rejected: []string{ // the file's edges name ChEBI classes its nodes file leaves out
				"chebi_kgx_tsv_edges.tsv:3: unknown object CHEBI:64459",
				"chebi_kgx_tsv_edges.tsv:4: unknown object CHEBI:50995",
				"chebi_kgx_tsv_edges.tsv:5: unknown object CHEBI:25018",
				"chebi_kgx_tsv_edges.tsv:6: unknown object CHEBI:48975",
				"chebi_kgx_tsv_edges.tsv:7: unknown object CHEBI:21644",
				"chebi_kgx_tsv_edges.tsv:8: unknown object CHEBI:25477",
				"chebi_kgx_tsv_edges.tsv:9: unknown object CHEBI:24780",
				// has_attribute is a Biolink slot, but not a predicate (it is not below related_to)
				`chebi_kgx_tsv_edges.tsv:10: unknown predicate "biolink:has_attribute": not a predicate of the Biolink Model 4.4.4`,
			},
			notes: []string{
				note("chebi_kgx_tsv_edges.tsv", "columns not read (rows with a value): category 1, logical_interpretation 1, relation 9"),
				note("chebi_kgx_tsv_nodes.tsv", "columns not read (rows with a value): "+
					":http://purl.obolibrary.org/obo/chebi/charge 6, :http://purl.obolibrary.org/obo/chebi/formula 6, "+
					":http://purl.obolibrary.org/obo/chebi/inchi 4, :http://purl.obolibrary.org/obo/chebi/inchikey 4, "+
					":http://purl.obolibrary.org/obo/chebi/mass 5, :http://purl.obolibrary.org/obo/chebi/monoisotopicmass 5, "+
					":http://purl.obolibrary.org/obo/chebi/smiles 5, has_db_xref 5, has_o_b_o_namespace 9, type 9"),
				note("chebi_kgx_tsv_edges.tsv", `source names taken as infores ids, as KGX does: "chebiasc66dwf" as infores:chebiasc66dwf`),
				note("chebi_kgx_tsv_nodes.tsv", `source names taken as infores ids, as KGX does: "chebiasc66dwf" as infores:chebiasc66dwf`),
			},
			facts: []graph.Fact{{Subject: "CHEBI:101257", Predicate: graph.SubclassOf, Object: "CHEBI:22702", // knowledge_source
				Provenance: graph.Provenance{Source: "infores:chebiasc66dwf", KnowledgeLevel: graph.NotProvided, AgentType: graph.NotProvidedAgent}}},
			sources: map[graph.ID]string{"infores:chebiasc66dwf": "chebiasc66dwf"},
			node: graph.Node{ID: "CHEBI:101257", Category: "biolink:NamedThing", Name: "GGTI-2133 free base",
				Synonyms: []string{"GGTI 2133 free base", "N-[4-{[(1H-imidazol-4-yl)methyl]amino}-2-(naphthalen-1-yl)benzoyl]-L-leucine"},
				Description: "An N-acyl-L-amino acid obtained by condensation of the carboxy group of " +
					"4-{[(imidazol-4-yl)methyl]amino}-2-(naphthalen-1-yl)benzoic acid with the amino group of L-leucine. " +
					"An inhibitor of geranylgeranyltransferase type I."},
		},
		{nodes: "graph_multi_category_nodes.tsv", edges: "graph_multi_category_edges.tsv",
			// NamedThing|GenomicEntity|Gene, ...|DiseaseOrPhenotypicFeature|Disease and ...|PhenotypicFeature
			categories: []string{"biolink:Disease 1", "biolink:PhenotypicFeature 4", "biolink:Gene 5"},
			predicates: []string{"biolink:has_phenotype 4", "biolink:interacts_with 4"},
			rejected:   []string{"graph_multi_category_edges.tsv:10: unknown object HP:0010636"}, // not in the nodes file
			notes: []string{
				note("graph_multi_category_edges.tsv", "columns not read (rows with a value): relation 9"),
				note("graph_multi_category_nodes.tsv", "columns not read (rows with a value): taxon 5"),
				note("graph_multi_category_edges.tsv", `source names taken as infores ids, as KGX does: `+
					`"biogrid" as infores:biogrid, "hpoa" as infores:hpoa, "string" as infores:string`),
			},
			facts: []graph.Fact{
				{Subject: "HGNC:10848", Predicate: graph.InteractsWith, Object: "NCBIGene:6469", // provided_by, older KGX
					Provenance: graph.Provenance{Source: "infores:biogrid", KnowledgeLevel: graph.NotProvided, AgentType: graph.ManualAgent}},
				{Subject: "MONDO:0010011", Predicate: "biolink:has_phenotype", Object: "HP:0002510",
					Provenance: graph.Provenance{Source: "infores:hpoa", KnowledgeLevel: graph.NotProvided, AgentType: graph.ManualAgent}},
			},
		},
		{nodes: "test_infores_coercion_nodes.tsv", edges: "test_infores_coercion_edges.tsv",
			categories: []string{"biolink:CellularComponent 1", "biolink:Gene 1"},
			predicates: []string{"biolink:part_of 1"},
			rejected:   []string{},
			notes: []string{
				note("test_infores_coercion_edges.tsv", `source names taken as infores ids, as KGX does: `+
					`"Gene Ontology (Monarch version 202012)" as infores:gene-ontology-monarch-version-202012, `+
					`"Monarch Initiative" as infores:monarch-initiative`),
				note("test_infores_coercion_nodes.tsv", `source names taken as infores ids, as KGX does: `+
					`"FlyBase (Monarch version 202012)" as infores:flybase-monarch-version-202012, `+
					`"Gene Ontology (Monarch version 202012)" as infores:gene-ontology-monarch-version-202012`),
			},
			facts: []graph.Fact{{Subject: "FlyBase:FBgn0000008", Predicate: "biolink:part_of", Object: "GO:0005912",
				Provenance: graph.Provenance{Source: "infores:monarch-initiative", KnowledgeLevel: graph.NotProvided, AgentType: graph.NotProvidedAgent,
					Aggregators: []graph.ID{"infores:gene-ontology-monarch-version-202012"}}}},
			sources: map[graph.ID]string{
				"infores:monarch-initiative":             "Monarch Initiative",
				"infores:flybase-monarch-version-202012": "FlyBase (Monarch version 202012)",
			},
		},
		{nodes: "valid_nodes.jsonl", edges: "valid_edges.jsonl",
			// ChemicalEntity|NamedThing: a chemical is a Drug
			categories: []string{"biolink:Disease 5", "biolink:Drug 1", "biolink:Gene 1"},
			predicates: []string{"biolink:related_to 5"},
			rejected:   []string{},
			node:       graph.Node{ID: "PUBCHEM.COMPOUND:10429502", Category: graph.Drug, Name: "16|A-Methyl Prednisolone"},
			notes:      []string{note("valid_edges.jsonl", "columns not read (rows with a value): relation 5")},
			facts: []graph.Fact{{Subject: "HGNC:11603", Predicate: "biolink:related_to", Object: "MONDO:0005002", // names no source
				Provenance: graph.Provenance{Source: "pgsrc:kgx-examples", KnowledgeLevel: graph.NotProvided, AgentType: graph.NotProvidedAgent}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.nodes, func(t *testing.T) {
			s := open(t, "memory", "")
			rep, err := loader.Load(context.Background(), s, loader.Options{},
				realdata.Path(t, "kgx-examples", tt.nodes), realdata.Path(t, "kgx-examples", tt.edges))
			if err != nil {
				t.Fatal(err)
			}
			categories, predicates := kgxLanded(t, s)
			if !reflect.DeepEqual(categories, tt.categories) {
				t.Errorf("categories %q, want %q", categories, tt.categories)
			}
			if !reflect.DeepEqual(predicates, tt.predicates) {
				t.Errorf("predicates %q, want %q", predicates, tt.predicates)
			}
			checkRejected(t, rep, tt.rejected)
			if !reflect.DeepEqual(rep.Notes, tt.notes) {
				t.Errorf("notes:\n%s\nwant:\n%s", lines(rep.Notes), lines(tt.notes))
			}
			for _, want := range tt.facts {
				if !kgxHasFact(t, s, want) {
					t.Errorf("no fact %+v", want)
				}
			}
			if tt.node.ID != "" {
				if n, err := s.Node(context.Background(), tt.node.ID); err != nil || fmt.Sprintf("%+v", n) != fmt.Sprintf("%+v", tt.node) {
					t.Errorf("Node(%s) = %+v, %v; want %+v", tt.node.ID, n, err, tt.node)
				}
			}
			for id, name := range tt.sources {
				if src, err := s.Source(context.Background(), id); err != nil || src.Name != name {
					t.Errorf("Source(%s) = %+v, %v; want the name %q", id, src, err, name)
				}
			}
		})
	}
}
