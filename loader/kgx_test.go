package loader_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"pharmagraph/export"
	"pharmagraph/graph"
	"pharmagraph/loader"
)

func TestKGXTSV(t *testing.T) {
	ctx := context.Background()
	s := open(t, "memory", "")
	rep := loadData(t, s, loader.Options{}, "kgx/tsv")
	checkCounts(t, rep, map[graph.Predicate]loader.Count{
		graph.InteractsWith:             {Read: 4, Written: 1, Duplicate: 1, Rejected: 2},
		graph.HasAdverseEvent:           {Read: 2, Written: 1, Rejected: 1},
		graph.StartingDose:              {Read: 1, Written: 1},
		graph.Binds:                     {Read: 1, Written: 1},
		"biolink:affects":               {Read: 2, Written: 1, Rejected: 1},
		graph.Treats:                    {Read: 1, Written: 1},
		"biolink:has_active_ingredient": {Read: 1, Rejected: 1},
	})
	checkRejected(t, rep, []string{
		`edges.tsv:8: knowledge_level "anecdote" is not a Biolink knowledge level`,
		`edges.tsv:9: predicate "not a curie" is not a CURIE`,
		`edges.tsv:10: has_adverse_event does not link Drug DRUGBANK:DB00181 to DiseaseOrPhenotypicFeature HP:0001250`,
		`edges.tsv:11: edge without a subject or an object`,
		`edges.tsv:13: 18 columns, want 17 (subject, predicate, object, object_text, primary_knowledge_source, knowledge_level, ` +
			`agent_type, section, context, status, frequency, severity, mechanism, description, storage, action, publications)`,
		`edges.tsv:14: unknown predicate "biolink:not_a_predicate": not a predicate of the Biolink Model 4.4.4`,
		`edges.tsv:15: has_active_ingredient does not link Gene NCBIGene:2550 to Drug CHEBI:16236`,
		`edges.tsv:16: 2 sources in primary_knowledge_source (infores:drugbank, infores:chembl), want the one primary source`,
		`nodes.tsv:8: node PG:no-category: no category`,
		`nodes.tsv:9: provenance is not a JSON list of statements: invalid character 'o' in literal null (expecting 'u')`,
		`nodes.tsv:10: node PG:no-name has no name`,
		`nodes.tsv:11: node PG:short has no name`, // a short row: its last cells are empty
		`nodes.tsv:12: 10 columns, want 9 (id, category, name, synonym, xref, description, provided_by, provenance, in_taxon)`,
	})
	wantNotes := []string{
		"kgx: testdata/kgx/tsv/edges.tsv: columns not read (rows with a value): publications 1",
		"kgx: testdata/kgx/tsv/nodes.tsv: columns not read (rows with a value): in_taxon 1",
	}
	if !reflect.DeepEqual(rep.Notes, wantNotes) {
		t.Errorf("notes:\n%s\nwant:\n%s", lines(rep.Notes), lines(wantNotes))
	}

	// Categories: the first the model holds, Biolink's chemicals as drugs,
	// and any other as it is.
	categories := map[graph.ID]graph.Category{
		"DRUGBANK:DB00181": graph.Drug,
		"CHEBI:16236":      graph.Drug, // biolink:SmallMolecule
		"MONDO:0005301":    graph.Condition,
		"HP:0001250":       "biolink:DiseaseOrPhenotypicFeature",
		"HP:0002360":       graph.Effect,
		"NCBIGene:2550":    graph.Gene,
	}
	for id, want := range categories {
		if got, ok := s.Category(ctx, id); !ok || got != want {
			t.Errorf("Category(%s) = %s, %v; want %s", id, got, ok, want)
		}
	}
	n, err := s.Node(ctx, "DRUGBANK:DB00181")
	if err != nil {
		t.Fatal(err)
	}
	want := graph.Node{ID: "DRUGBANK:DB00181", Category: graph.Drug, Name: "baclofen",
		Synonyms: []string{"GABA-B agonist | spasmolytic", "Lioresal"}, Xrefs: []graph.ID{"CAS:1134-47-0", "UNII:H789N3FKE8"},
		Description: "A muscle relaxant.\nTaken by mouth."}
	if !reflect.DeepEqual(n, want) {
		t.Errorf("Node(baclofen) = %+v, want %+v", n, want)
	}
	provenances := map[graph.ID][]graph.Provenance{
		"DRUGBANK:DB00181": {
			{Source: "infores:drugbank", KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.ManualAgent},
			{Source: "pgsrc:kgx-test", KnowledgeLevel: graph.NotProvided, AgentType: graph.NotProvidedAgent}},
		"HP:0002360": {
			{Source: "infores:hpo", Section: "phenotypes", KnowledgeLevel: graph.Observation, AgentType: graph.NotProvidedAgent},
			{Source: "pgsrc:kgx-test", KnowledgeLevel: graph.NotProvided, AgentType: graph.NotProvidedAgent}},
		"NCBIGene:2550": { // a row that names no source: its folder's
			{Source: "pgsrc:tsv", KnowledgeLevel: graph.NotProvided, AgentType: graph.NotProvidedAgent}},
	}
	for id, want := range provenances {
		if got, err := s.NodeSources(ctx, id); err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("NodeSources(%s) = %+v, %v; want %+v", id, got, err, want)
		}
	}
	sources, err := s.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, src := range sources {
		names = append(names, string(src.ID)+" "+src.Name)
	}
	wantNames := []string{"infores:chembl infores:chembl", "infores:drugbank DrugBank", "infores:hpo infores:hpo",
		"infores:mondo infores:mondo", "pgsrc:kgx-test pgsrc:kgx-test", "pgsrc:tsv tsv"}
	if !reflect.DeepEqual(names, wantNames) {
		t.Errorf("sources %q, want %q", names, wantNames)
	}
	rel, err := s.Relations(ctx, "DRUGBANK:DB00181", graph.StartingDose)
	if err != nil || len(rel) != 1 || rel[0].Text != "5 mg" {
		t.Errorf("Relations(baclofen, starting_dose) = %+v, %v; want 5 mg", rel, err)
	}
	checkReloadChangesNothing(t, s, loader.Options{}, "kgx/tsv")
}

func TestKGXJSONL(t *testing.T) {
	s := open(t, "memory", "")
	rep := loadData(t, s, loader.Options{}, "kgx/jsonl")
	checkCounts(t, rep, map[graph.Predicate]loader.Count{
		graph.InteractsWith:   {Read: 1, Written: 1},
		graph.HasAdverseEvent: {Read: 2, Written: 1, Rejected: 1},
		graph.StartingDose:    {Read: 1, Written: 1},
	})
	checkRejected(t, rep, []string{
		`edges.jsonl:4: has_adverse_event needs a context qualifier`,
		`edges.jsonl:5: not a JSON object: unexpected end of JSON input`,
		`nodes.jsonl:4: not a JSON object: invalid character 'n' looking for beginning of object key string`,
		`nodes.jsonl:5: node PG:no-category: no category`,
		`nodes.jsonl:6: name 7 is neither text nor a list of text`,
	})
	wantNotes := []string{
		"kgx: testdata/kgx/jsonl/edges.jsonl: columns not read (rows with a value): publications 1",
		"kgx: testdata/kgx/jsonl/nodes.jsonl: columns not read (rows with a value): in_taxon 1",
	}
	if !reflect.DeepEqual(rep.Notes, wantNotes) {
		t.Errorf("notes:\n%s\nwant:\n%s", lines(rep.Notes), lines(wantNotes))
	}
	if c, ok := s.Category(context.Background(), "CHEBI:16236"); !ok || c != graph.Drug {
		t.Errorf("Category(CHEBI:16236), a biolink:ChemicalEntity = %s, %v; want Drug", c, ok)
	}
}

// TestExportRoundTrip exports a store that holds facts of every format to
// KGX TSV, KGX JSON Lines and N-Quads, loads each export into an empty
// store and checks that it holds the same sources, nodes and facts (for
// N-Quads, the same quads).
func TestExportRoundTrip(t *testing.T) {
	ctx := context.Background()
	s := withGood(t)
	loadData(t, s, loader.Options{}, "hetionet", "drugbank", "sider", "kgx/tsv")
	for _, f := range []export.Format{export.KGXTSV, export.KGXJSONL, export.NQuads} {
		for _, gz := range []bool{false, true} {
			t.Run(string(f)+map[bool]string{true: "+gzip"}[gz], func(t *testing.T) {
				dir := t.TempDir()
				if _, err := export.Save(ctx, s, export.Options{Format: f, Gzip: gz}, dir); err != nil {
					t.Fatal(err)
				}
				again := open(t, "memory", "")
				rep, err := loader.Load(ctx, again, loader.Options{Strict: true}, dir)
				if err != nil {
					t.Fatalf("loading the export: %v", err)
				}
				if len(rep.Notes) > 0 {
					t.Errorf("loading the export: notes %q", rep.Notes)
				}
				if f == export.NQuads {
					if got, want := nquadLines(t, again), nquadLines(t, s); !slices.Equal(got, want) {
						t.Errorf("the quads differ after a round trip: %d, want %d", len(got), len(want))
					}
					return
				}
				checkSameGraph(t, again, s)
			})
		}
	}
}

// checkSameGraph checks that got holds the sources, nodes (with their
// provenance) and facts of want.
func checkSameGraph(t *testing.T, got, want *graph.Store) {
	t.Helper()
	ctx := context.Background()
	sg, err := got.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	sw, err := want.Sources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(sg, sw) {
		t.Errorf("sources after a round trip:\n%+v\nwant\n%+v", sg, sw)
	}
	type node struct {
		graph.Node
		provs []graph.Provenance
	}
	nodes := func(s *graph.Store) (out []node) {
		if err := s.EachNode(ctx, graph.Filter{}, func(n graph.Node, ps []graph.Provenance) error {
			out = append(out, node{n, ps})
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if ng, nw := nodes(got), nodes(want); !reflect.DeepEqual(ng, nw) {
		t.Errorf("nodes differ after a round trip: %d, want %d", len(ng), len(nw))
		for i := range min(len(ng), len(nw)) {
			if !reflect.DeepEqual(ng[i], nw[i]) {
				t.Errorf("first difference: %+v, want %+v", ng[i], nw[i])
				break
			}
		}
	}
	facts := func(s *graph.Store) (out []graph.Fact) {
		if err := s.EachFact(ctx, graph.Filter{}, func(f graph.Fact) error {
			out = append(out, f)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return out
	}
	if fg, fw := facts(got), facts(want); !reflect.DeepEqual(fg, fw) {
		t.Errorf("facts differ after a round trip: %d, want %d", len(fg), len(fw))
		for i := range min(len(fg), len(fw)) {
			if !reflect.DeepEqual(fg[i], fw[i]) {
				t.Errorf("first difference: %+v, want %+v", fg[i], fw[i])
				break
			}
		}
	}
}
