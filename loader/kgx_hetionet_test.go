package loader_test

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pharmagraph/graph"
	"pharmagraph/internal/realdata"
	"pharmagraph/loader"
)

// hetionetKGX writes Hetionet's drug classes and indications (PCiC and CtD)
// into dir as KGX TSV, the way another tool writes it: lists of Biolink
// categories joined by |, treats without a status, the source, knowledge
// level and agent type in columns, and a column of its own. It returns the
// rows it wrote: each drug's indications and classes, by DrugBank id.
func hetionetKGX(t *testing.T, dir string) (treats, classes map[graph.ID][]graph.ID) {
	t.Helper()
	names := map[string]string{}
	f, err := os.Open(realdata.Path(t, "hetionet", "hetionet-v1.0-nodes.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for sc := bufio.NewScanner(f); sc.Scan(); {
		c := strings.Split(sc.Text(), "\t")
		names[c[0]] = c[1]
	}
	g, err := os.Open(realdata.Path(t, "hetionet", "hetionet-v1.0-pharma-edges.sif.gz"))
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	zr, err := gzip.NewReader(g)
	if err != nil {
		t.Fatal(err)
	}
	id := func(node string) graph.ID {
		kind, local, _ := strings.Cut(node, "::")
		switch kind {
		case "Compound":
			return graph.ID("DRUGBANK:" + local)
		case "Pharmacologic Class":
			return graph.ID("NDFRT:" + local)
		}
		return graph.ID(local) // DOID:...
	}
	categories := map[string]string{
		"Compound":            "biolink:NamedThing|biolink:ChemicalEntity|biolink:MolecularMixture|biolink:Drug",
		"Disease":             "biolink:NamedThing|biolink:BiologicalEntity|biolink:DiseaseOrPhenotypicFeature|biolink:Disease",
		"Pharmacologic Class": "biolink:NamedThing|pg:DrugClass",
	}
	var nodes, edges strings.Builder
	nodes.WriteString("id\tcategory\tname\tprovided_by\thetionet_kind\n")
	edges.WriteString("subject\tpredicate\tobject\tprimary_knowledge_source\tknowledge_level\tagent_type\thetionet_metaedge\n")
	written := map[string]bool{}
	node := func(n string) {
		if !written[n] {
			written[n] = true
			kind, _, _ := strings.Cut(n, "::")
			fmt.Fprintf(&nodes, "%s\t%s\t%s\tinfores:hetionet\t%s\n", id(n), categories[kind], names[n], kind)
		}
	}
	treats, classes = map[graph.ID][]graph.ID{}, map[graph.ID][]graph.ID{}
	for sc := bufio.NewScanner(zr); sc.Scan(); {
		c := strings.Split(sc.Text(), "\t")
		var drug, other string
		var pred graph.Predicate
		switch c[1] {
		case "CtD":
			drug, other, pred = c[0], c[2], "biolink:treats"
			treats[id(drug)] = append(treats[id(drug)], id(other))
		case "PCiC":
			drug, other, pred = c[2], c[0], "biolink:member_of"
			classes[id(drug)] = append(classes[id(drug)], id(other))
		default:
			continue
		}
		node(drug)
		node(other)
		fmt.Fprintf(&edges, "%s\t%s\t%s\tinfores:hetionet\tknowledge_assertion\tmanual_agent\t%s\n", id(drug), pred, id(other), c[1])
	}
	if err := os.WriteFile(filepath.Join(dir, "nodes.tsv"), []byte(nodes.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "edges.tsv"), []byte(edges.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return treats, classes
}

// TestKGXHetionetIndications loads Hetionet's indications and drug classes
// as another tool writes them in KGX, and checks that the store's reads
// give each drug's indications, with no status invented, and its classes.
func TestKGXHetionetIndications(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	treats, classes := hetionetKGX(t, dir)
	count := func(m map[graph.ID][]graph.ID) (n int) {
		for _, v := range m {
			n += len(v)
		}
		return n
	}
	if count(treats) != 755 || count(classes) != 1029 {
		t.Fatalf("Hetionet gave %d CtD and %d PCiC rows, want 755 and 1029", count(treats), count(classes))
	}
	s := open(t, "memory", "")
	rep, err := loader.Load(ctx, s, loader.Options{}, dir)
	if err != nil {
		t.Fatal(err)
	}
	checkCounts(t, rep, map[graph.Predicate]loader.Count{
		graph.Treats:   {Read: 755, Written: 755},
		graph.MemberOf: {Read: 1029, Written: 1029},
	})
	checkRejected(t, rep, []string{})
	wantNotes := []string{
		"kgx: " + filepath.Join(dir, "edges.tsv") + ": columns not read (rows with a value): hetionet_metaedge 1784",
		"kgx: " + filepath.Join(dir, "nodes.tsv") + ": columns not read (rows with a value): hetionet_kind " + fmt.Sprint(rep.Nodes),
	}
	if strings.Join(rep.Notes, "\n") != strings.Join(wantNotes, "\n") {
		t.Errorf("notes:\n%s\nwant:\n%s", lines(rep.Notes), lines(wantNotes))
	}

	// Baclofen, by name, and the drug with the most indications.
	baclofen, err := s.Lookup(ctx, "baclofen", graph.Drug)
	if err != nil || baclofen.ID != "DRUGBANK:DB00181" {
		t.Fatalf("Lookup(baclofen) = %+v, %v", baclofen, err)
	}
	most := baclofen.ID
	for d, conds := range treats {
		if len(conds) > len(treats[most]) || len(conds) == len(treats[most]) && d < most {
			most = d
		}
	}
	for _, drug := range []graph.ID{baclofen.ID, most} {
		ind, err := s.Indications(ctx, drug, graph.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		if len(ind) != len(treats[drug]) {
			t.Errorf("%s: %d indications, want %d (its CtD rows)", drug, len(ind), len(treats[drug]))
		}
		for _, i := range ind {
			want := []graph.Provenance{{Source: "infores:hetionet", KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.ManualAgent}}
			if i.Status != "" || fmt.Sprint(i.Sources) != fmt.Sprint(want) {
				t.Errorf("%s treats %s: status %q from %+v; want no status, from %+v", drug, i.Condition.ID, i.Status, i.Sources, want)
			}
		}
		cls, err := s.Classes(ctx, drug, false)
		if err != nil {
			t.Fatal(err)
		}
		if len(cls) != len(classes[drug]) {
			t.Errorf("%s: %d classes, want %d (its PCiC rows)", drug, len(cls), len(classes[drug]))
		}
		for _, c := range cls {
			if c.Category != graph.DrugClass {
				t.Errorf("%s: class %s is a %s", drug, c.ID, c.Category.Name())
			}
		}
	}
	if len(treats[most]) < 2 {
		t.Errorf("the drug with the most indications, %s, has %d", most, len(treats[most]))
	}
}
