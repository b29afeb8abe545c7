package loader_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"pharmagraph/graph"
	"pharmagraph/loader"
)

func TestSider(t *testing.T) {
	ctx := context.Background()
	s := withGood(t)
	rep := loadData(t, s, loader.Options{}, "drugbank", "sider")

	checkCounts(t, rep, map[graph.Predicate]loader.Count{
		// 15 rows of meddra_all_se, the one of compound 2771 stating 2 facts; 9 of meddra_freq,
		// 5 of them frequencies of facts meddra_all_se states
		graph.HasAdverseEvent: {Read: 25, Written: 7, Duplicate: 6, Skipped: 5, Rejected: 7},
		graph.Treats:          {Read: 7, Written: 4, Skipped: 2, Rejected: 1}, // one an effect: treats takes it
	})
	checkRejected(t, rep, []string{
		`drug_names.tsv:4: "CID000002284" is not a flat STITCH id (CID1 and 8 digits)`,
		`drugbank-pubchem-map.tsv:6: "DBX0181" is not a DrugBank id (DB and 5 digits)`,
		`drugbank-pubchem-map.tsv:7: "CID2284" is not a PubChem compound id`,
		`drugbank_vocabulary.csv:8: "DB1" is not a DrugBank id (DB and 5 digits)`,
		`drugbank_vocabulary.csv:9: not a row of semicolon-separated fields: extraneous or missing " in quoted-field`,
		`drugbank_vocabulary.csv:10: 5 fields, want 7 (DrugBank ID;Accession Numbers;Common name;CAS;UNII;Synonyms;Standard InChI Key)`,
		`drugbank_vocabulary.csv:11: node DRUGBANK:DB00004 has no name`,
		`meddra_all_indications.tsv:5: method "guessed" is not NLP_indication, NLP_precondition or text_mention`,
		`meddra_all_se.tsv:10: unknown subject DRUGBANK:DB00316`,
		`meddra_all_se.tsv:11: "CID200002284" is not a flat STITCH id (CID1 and 8 digits)`,
		`meddra_all_se.tsv:12: "X0013144" is not a UMLS concept id (C and 7 digits)`,
		`meddra_all_se.tsv:13: MedDRA type "XX" is not LLT, PT or empty`,
		`meddra_all_se.tsv:14: 5 columns, want 6 (flat STITCH id, stereo STITCH id, label UMLS id, MedDRA type, MedDRA UMLS id, name)`,
		`meddra_freq.tsv:8: lower bound "x" is not a number`,
		`meddra_freq.tsv:9: placebo column "placebos" is neither empty nor placebo`,
	})
	wantNotes := []string{
		`drugbank: cross-references that are not what their column holds, left out (their rows kept): 1; ` +
			`the first: testdata/drugbank/drugbank_vocabulary.csv:3: DB00048: "1.12.9001" is not a CAS number`,
		"sider: compounds without a DrugBank id in the map: 2; kept as PUBCHEM.COMPOUND:<flat id>",
		"sider: compounds with several DrugBank ids in the map: 1; their facts are stated for each",
	}
	if !reflect.DeepEqual(rep.Notes, wantNotes) {
		t.Errorf("notes:\n%s\nwant:\n%s", lines(rep.Notes), lines(wantNotes))
	}

	// Which graph ids a STITCH compound gets, by the effect each fixture
	// compound has.
	mapping := []struct {
		name   string
		effect graph.ID
		drugs  []graph.ID
	}{
		{"stereo id in the map", "UMLS:C0013144", []graph.ID{"DRUGBANK:DB00181"}},
		{"flat id in the map, stereo not", "UMLS:C0036572", []graph.ID{"DRUGBANK:DB00181"}},
		{"several DrugBank ids, or none (named and not)", "UMLS:C0027497",
			[]graph.ID{"DRUGBANK:DB00215", "DRUGBANK:DB01175", "PUBCHEM.COMPOUND:5555", "PUBCHEM.COMPOUND:9999"}},
	}
	sider := factsFrom(t, s, "infores:sider")
	for _, m := range mapping {
		var got []graph.ID
		for _, f := range sider {
			if f.Predicate == graph.HasAdverseEvent && f.Object == m.effect {
				got = append(got, f.Subject)
			}
		}
		slices.Sort(got)
		if !reflect.DeepEqual(got, m.drugs) {
			t.Errorf("%s: %s is an effect of %v, want %v", m.name, m.effect, got, m.drugs)
		}
	}
	nodes := []struct {
		id   graph.ID
		name string
	}{
		{"PUBCHEM.COMPOUND:9999", "PubChem CID 9999"},
		{"PUBCHEM.COMPOUND:5555", "examplomycin"},
		{"DRUGBANK:DB00215", "Citalopram"},   // SIDER's name is the compound's, not each drug's
		{"DRUGBANK:DB01175", "Escitalopram"}, // likewise
		{"UMLS:C0036572", "seizures"},        // the store's name; SIDER's "Convulsion" is a synonym
		{"UMLS:C0011570", "Depression"},
	}
	for _, n := range nodes {
		if got, err := s.Node(ctx, n.id); err != nil || got.Name != n.name {
			t.Errorf("Node(%s) = %q, %v; want %q", n.id, got.Name, err, n.name)
		}
	}
	if n, err := s.Lookup(ctx, "convulsion", ""); err != nil || n.ID != "UMLS:C0036572" {
		t.Errorf("Lookup(convulsion) = %s, %v; want UMLS:C0036572", n.ID, err)
	}

	prov := graph.Provenance{Source: "infores:sider", Section: "side effects",
		KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.TextMiningAgent}
	frequencies := map[graph.ID]string{
		"UMLS:C0013144": "5%, 21%",             // ordered by bounds, each once; placebo left out
		"UMLS:C2830004": "postmarketing, rare", // equal bounds: by text
		"UMLS:C0036572": "",
	}
	for _, f := range sider {
		want, ok := frequencies[f.Object]
		if f.Subject != "DRUGBANK:DB00181" || f.Predicate != graph.HasAdverseEvent || !ok {
			continue
		}
		delete(frequencies, f.Object)
		wantQ := map[graph.Qualifier]string{graph.QContext: "ADVERSE"}
		if want != "" {
			wantQ[graph.QFrequency] = want
		}
		if !reflect.DeepEqual(f.Qualifiers, wantQ) || !reflect.DeepEqual(f.Provenance, prov) {
			t.Errorf("baclofen %s: %v from %+v, want %v from %+v", f.Object, f.Qualifiers, f.Provenance, wantQ, prov)
		}
	}
	if len(frequencies) > 0 {
		t.Errorf("no SIDER fact of baclofen for %v", frequencies)
	}
	treats, err := s.Indications(ctx, "DRUGBANK:DB00181", graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	var fromSider bool
	for _, ind := range treats {
		for _, p := range ind.Sources {
			fromSider = fromSider || (p.Source == "infores:sider" && ind.Condition.ID == "UMLS:C0026838" && ind.Status == graph.Approved)
		}
	}
	if !fromSider {
		t.Errorf("Indications(baclofen) = %+v, want spasticity, APPROVED, from SIDER among them", treats)
	}

	// The good set and SIDER both state that baclofen makes one drowsy: one
	// effect, two sources.
	effects, err := s.Effects(ctx, "DRUGBANK:DB00181", graph.Scope{Contexts: []graph.Context{graph.Adverse}})
	if err != nil {
		t.Fatal(err)
	}
	var sources []graph.ID
	for _, e := range effects {
		if e.Effect.ID == "UMLS:C0013144" {
			for _, p := range e.Sources {
				sources = append(sources, p.Source)
			}
		}
	}
	if want := []graph.ID{"infores:sider", "pgsrc:test-article"}; !reflect.DeepEqual(sources, want) {
		t.Errorf("sources of baclofen's drowsiness: %v, want %v", sources, want)
	}

	checkReloadChangesNothing(t, s, loader.Options{}, "drugbank", "sider")
}
