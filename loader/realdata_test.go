package loader_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"pharmagraph/graph"
	"pharmagraph/internal/realdata"
	"pharmagraph/loader"
	"pharmagraph/seeds"
)

// hetionetMetaedgeFacts are the drug metaedges of Hetionet and the
// predicates they become.
var hetionetMetaedgeFacts = map[string]graph.Predicate{
	"CcSE": graph.HasAdverseEvent, "CtD": graph.Treats, "CpD": "biolink:ameliorates_condition",
	"PCiC": graph.MemberOf, "CbG": graph.Binds,
}

// TestRealHetionet loads Hetionet's nodes and drug edges into an empty store:
// every node and every edge of the files arrives.
func TestRealHetionet(t *testing.T) {
	nodes := realdata.Path(t, "hetionet", "hetionet-v1.0-nodes.tsv")
	edges := realdata.Path(t, "hetionet", "hetionet-v1.0-pharma-edges.sif.gz")
	s := open(t, "memory", "")
	rep, err := loader.Load(context.Background(), s, loader.Options{}, nodes, edges)
	if err != nil {
		t.Fatal(err)
	}
	lines := map[string]int{}
	realdata.EachRow(t, edges, func(c []string) { lines[c[1]]++ })
	nodeRows := -1 // the header
	realdata.EachRow(t, nodes, func([]string) { nodeRows++ })
	want := map[graph.Predicate]loader.Count{}
	for metaedge, pred := range hetionetMetaedgeFacts {
		want[pred] = loader.Count{Read: lines[metaedge], Written: lines[metaedge]}
		delete(lines, metaedge)
	}
	if len(lines) != 1 || lines["metaedge"] != 1 { // the header
		t.Errorf("the drug edges have other metaedges: %v", lines)
	}
	checkCounts(t, rep, want)
	if rep.RejectedRows != 0 || rep.Nodes != nodeRows || rep.NewNodes != nodeRows {
		t.Errorf("report: %d node rows, %d new nodes, %d rejected rows %v; want %d, %d, 0",
			rep.Nodes, rep.NewNodes, rep.RejectedRows, rep.Rejected, nodeRows, nodeRows)
	}
	t.Logf("Hetionet: %d nodes; %d CcSE, %d CtD, %d CpD, %d PCiC, %d CbG edges", nodeRows,
		want[graph.HasAdverseEvent].Written, want[graph.Treats].Written, want["biolink:ameliorates_condition"].Written,
		want[graph.MemberOf].Written, want[graph.Binds].Written)
}

// TestRealDrugbank loads the DrugBank vocabulary: a node for every drug.
func TestRealDrugbank(t *testing.T) {
	ctx := context.Background()
	path := realdata.Path(t, "drugbank-vocabulary", "drugbank_vocabulary.csv")
	s := open(t, "memory", "")
	rep, err := loader.Load(ctx, s, loader.Options{}, path)
	if err != nil {
		t.Fatal(err)
	}
	drugs := -2 // the Column1 line and the header
	realdata.EachRow(t, path, func([]string) { drugs++ })
	if rep.Nodes != drugs || rep.NewNodes != drugs || rep.RejectedRows != 0 {
		t.Errorf("report: %d node rows, %d new nodes, %d rejected %v; want %d, %d, 0",
			rep.Nodes, rep.NewNodes, rep.RejectedRows, rep.Rejected, drugs, drugs)
	}
	if len(rep.Notes) != 1 || !strings.Contains(rep.Notes[0], `"1.12.9001" is not a CAS number`) {
		t.Errorf("notes %q, want one on the CAS numbers a spreadsheet made dates of", rep.Notes)
	}
	for name, want := range map[string]graph.ID{
		"grain alcohol": "DRUGBANK:DB00898", "ethyl alcohol": "DRUGBANK:DB00898", "ethanol": "DRUGBANK:DB00898",
		"baclofen": "DRUGBANK:DB00181", "beta-(4-chlorophenyl)gaba": "DRUGBANK:DB00181", "CAS:1134-47-0": "DRUGBANK:DB00181",
	} {
		if n, err := s.Lookup(ctx, name, graph.Drug); err != nil || n.ID != want {
			t.Errorf("Lookup(%q) = %s, %v; want %s", name, n.ID, err, want)
		}
	}
	t.Logf("DrugBank vocabulary: %d drugs", drugs)
}

// TestRealSider loads SIDER with its DrugBank map and the DrugBank
// vocabulary, which names the drugs: every row is accounted for.
func TestRealSider(t *testing.T) {
	dir := realdata.Path(t, "sider4")
	vocabulary := realdata.Path(t, "drugbank-vocabulary", "drugbank_vocabulary.csv")
	s := open(t, "memory", "")
	rep, err := loader.Load(context.Background(), s, loader.Options{}, dir, vocabulary)
	if err != nil {
		t.Fatal(err)
	}
	counts := predicateCounts(t, rep) // each adds up
	// The rows SIDER's files hold, and those the loader skips on purpose.
	var effectRows, effectSkips, indicationRows, indicationSkips int
	realdata.EachRow(t, filepath.Join(dir, "meddra_all_se.tsv.gz"), func(c []string) {
		effectRows++
		if c[3] != "LLT" {
			effectSkips++
		}
	})
	realdata.EachRow(t, filepath.Join(dir, "meddra_freq.tsv.gz"), func(c []string) {
		effectRows++
		if c[7] != "LLT" || c[3] == "placebo" {
			effectSkips++
		}
	})
	realdata.EachRow(t, filepath.Join(dir, "meddra_all_indications.tsv.gz"), func(c []string) {
		indicationRows++
		if c[4] != "LLT" || c[2] == "NLP_precondition" {
			indicationSkips++
		}
	})
	for _, w := range []struct {
		pred        graph.Predicate
		rows, skips int
	}{{graph.HasAdverseEvent, effectRows, effectSkips}, {graph.Treats, indicationRows, indicationSkips}} {
		c := counts[w.pred]
		// A row whose compound has several DrugBank ids states a fact for each.
		if c.Skipped != w.skips || c.Read < w.rows || c.Written == 0 {
			t.Errorf("%s: %+v; want %d skipped of at least %d read, some written", w.pred, c, w.skips, w.rows)
		}
		t.Logf("SIDER %s: %d rows: %+v", w.pred, w.rows, c)
	}
	t.Logf("SIDER notes: %q", rep.Notes)
}

// TestRealMerge loads the seeds, Hetionet's drug edges, SIDER, the DrugBank
// vocabulary and ogbl-ddi into one store: baclofen and ethanol are each one
// node, whatever a data set calls them, and each fact keeps its source.
func TestRealMerge(t *testing.T) {
	ctx := context.Background()
	paths := []string{
		realdata.Path(t, "hetionet", "hetionet-v1.0-nodes.tsv"),
		realdata.Path(t, "hetionet", "hetionet-v1.0-pharma-edges.sif.gz"),
		realdata.Path(t, "sider4"),
		realdata.Path(t, "drugbank-vocabulary"),
		realdata.Path(t, "ogbl-ddi"),
	}
	s := open(t, "memory", "")
	if _, err := loader.LoadFS(ctx, s, seeds.FS()); err != nil {
		t.Fatal(err)
	}
	rep, err := loader.Load(ctx, s, loader.Options{}, paths...)
	if err != nil {
		t.Fatal(err)
	}
	counts := predicateCounts(t, rep)

	// Every interaction of ogbl-ddi arrives, but those of the drugs that
	// neither ogbl-ddi nor the DrugBank vocabulary names.
	nameless := map[string]bool{}
	realdata.EachRow(t, filepath.Join(paths[4], "ddi_nodes.tsv"), func(c []string) {
		if _, ok := s.Category(ctx, graph.ID(c[0])); !ok && len(c) == 3 && c[2] == "" {
			nameless[c[0]] = true
		}
	})
	var interactions, unnamed int
	realdata.EachRow(t, filepath.Join(paths[4], "ddi_edges.tsv.gz"), func(c []string) {
		if c[0] == "subject" {
			return
		}
		interactions++
		if nameless[c[0]] || nameless[c[2]] {
			unnamed++
		}
	})
	want := loader.Count{Read: interactions, Written: interactions - unnamed, Rejected: unnamed}
	if c := counts[graph.InteractsWith]; c != want {
		t.Errorf("interacts_with: %+v; want %+v", c, want)
	}
	t.Logf("ogbl-ddi: %d interactions, %d of them of the %d drugs without a name", interactions, unnamed, len(nameless))
	// Every Hetionet side effect arrives, those whose effect the seeds hold
	// as a condition (pain, muscle spasm) too.
	var ccse int
	realdata.EachRow(t, paths[1], func(c []string) {
		if c[1] == "CcSE" {
			ccse++
		}
	})
	var hetionet int
	for _, f := range factsFrom(t, s, "infores:hetionet") {
		if f.Predicate == graph.HasAdverseEvent {
			hetionet++
		}
	}
	if hetionet != ccse {
		t.Errorf("%d has_adverse_event facts from Hetionet; want one for each of its %d CcSE edges", hetionet, ccse)
	}

	for _, name := range []string{"baclofen", "beta-(4-chlorophenyl)gaba", "Lioresal", "DRUGBANK:DB00181", "PUBCHEM.COMPOUND:2284"} {
		if n, err := s.Lookup(ctx, name, ""); err != nil || n.ID != "DRUGBANK:DB00181" {
			t.Errorf("Lookup(%q) = %s, %v; want DRUGBANK:DB00181", name, n.ID, err)
		}
	}
	for _, name := range []string{"alcohol", "ethanol", "grain alcohol", "ethyl alcohol"} {
		if n, err := s.Lookup(ctx, name, ""); err != nil || n.ID != "DRUGBANK:DB00898" {
			t.Errorf("Lookup(%q) = %s, %v; want DRUGBANK:DB00898", name, n.ID, err)
		}
	}
	// One name, one answer: Hetionet's symptom and SIDER's side effect
	// nausea are one phenomenon. The lookup answers the node with more
	// facts and names the other; an exact_match fact keeps the evidence.
	if rep.Matches == 0 {
		t.Errorf("the load matched no names across vocabularies")
	}
	if n, err := s.Lookup(ctx, "nausea", graph.Effect); err != nil || n.ID != "UMLS:C0027497" {
		t.Errorf("Lookup(nausea) = %s, %v; want UMLS:C0027497", n.ID, err)
	}
	if ns, err := s.Namesakes(ctx, "UMLS:C0027497"); err != nil || !slices.ContainsFunc(ns, func(n graph.Node) bool { return n.ID == "MESH:D009325" }) {
		t.Errorf("Namesakes(UMLS:C0027497) = %v, %v; want MESH:D009325 among them", ns, err)
	}
	ms, err := s.Matches(ctx, "MESH:D009325")
	if err != nil {
		t.Fatal(err)
	}
	if i := slices.IndexFunc(ms, func(r graph.Relation) bool { return r.Node.ID == "UMLS:C0027497" }); i < 0 ||
		ms[i].Sources[0].Source != graph.NameMatch.ID || !strings.Contains(ms[i].Facts[0].Qualifiers[graph.QDescription], "nausea") {
		t.Errorf("Matches(MESH:D009325) = %+v; want UMLS:C0027497 by name, with the name as evidence", ms)
	}
	effects, err := s.Effects(ctx, "DRUGBANK:DB00181", graph.Scope{Contexts: []graph.Context{graph.Adverse}})
	if err != nil {
		t.Fatal(err)
	}
	bySource := map[graph.ID]int{}
	for _, e := range effects {
		for _, p := range e.Sources {
			bySource[p.Source]++
		}
		if e.Effect.ID != "UMLS:C0013144" {
			continue
		}
		var sources []graph.ID
		for _, p := range e.Sources {
			sources = append(sources, p.Source)
		}
		if want := []graph.ID{"infores:hetionet", "infores:sider", "pgsrc:baclofen-withdrawal"}; !slices.Equal(sources, want) {
			t.Errorf("sources of baclofen's %s: %v, want %v", e.Effect.Name, sources, want)
		}
	}
	for _, src := range []graph.ID{"infores:hetionet", "infores:sider", "pgsrc:baclofen-withdrawal"} {
		if bySource[src] == 0 {
			t.Errorf("no adverse effect of baclofen from %s (%v)", src, bySource)
		}
	}
	with, err := s.Interactions(ctx, "DRUGBANK:DB00898", false, graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	bySource = map[graph.ID]int{}
	for _, in := range with {
		for _, p := range in.Sources {
			bySource[p.Source]++
		}
	}
	if bySource["infores:drugbank"] == 0 || bySource["pgsrc:curated"] == 0 || bySource["pgsrc:baclofen-withdrawal"] == 0 {
		t.Errorf("ethanol's interactions by source %v; want ogbl-ddi's (infores:drugbank) and the seeds'", bySource)
	}
	t.Logf("baclofen: %d adverse effects; ethanol: %d interactions by source %v", len(effects), len(with), bySource)
}
