package loader

// Hetionet v1.0 in its tabular form (github.com/hetio/hetionet, hetnet/tsv):
//
//	nodes.tsv  id, name, kind: one node a row, id written Kind::identifier
//	edges.sif  source, metaedge, target: one edge a row, gzipped or not
//
// Kinds become categories and identifiers CURIEs by the kinds table, and
// metaedges predicates by the metaedges table. The five drug metaedges become
// facts of the data model (CcSE has_adverse_event ADVERSE, CtD treats with
// no status, PCiC member_of with subject and object swapped, CbG binds); the
// other nineteen become generic edges with the Biolink predicate that states
// them, or hetionet:<verb> where Biolink has none that fits (up- and
// down-regulation, covariation, a gene's part in a cellular component).
// Every fact's source is infores:hetionet, and its section the metaedge.

import (
	"context"
	"fmt"
	"regexp"
	"strings"

	"pharmagraph/graph"
)

func init() {
	formats = append(formats,
		&format{family: "hetionet", name: "hetionet nodes", rank: 30,
			guess: func(base, first string) bool { return first == "id\tname\tkind" },
			read:  readHetionetNodes},
		&format{family: "hetionet", name: "hetionet edges", rank: 40,
			guess: func(base, first string) bool { return first == "source\tmetaedge\ttarget" },
			read:  readHetionetEdges},
	)
}

// hetionetKind is how one Hetionet node kind enters the graph.
type hetionetKind struct {
	category graph.Category
	valid    *regexp.Regexp // the identifiers Hetionet gives nodes of the kind
	prefix   string         // put before the identifier to make the CURIE; empty where it is one
}

// hetionetKinds maps Hetionet's node kinds. Pharmacologic classes take the
// NDFRT prefix the seeds use for them. Pathways are WikiPathways ids with
// their revision (WP100_r74146) or, for those from Pathway Commons v7,
// numbers Hetionet gave them (PC7_10399): those have no prefix of a public
// vocabulary, so they get the local prefix hetionet.pathway.
var hetionetKinds = map[string]hetionetKind{
	"Compound":            {graph.Drug, regexp.MustCompile(`^DB\d{5}$`), "DRUGBANK:"},
	"Side Effect":         {graph.Effect, regexp.MustCompile(`^C\d{7}$`), "UMLS:"},
	"Disease":             {graph.Condition, regexp.MustCompile(`^DOID:\d+$`), ""},
	"Pharmacologic Class": {graph.DrugClass, regexp.MustCompile(`^N\d{10}$`), "NDFRT:"},
	"Gene":                {graph.Gene, regexp.MustCompile(`^\d+$`), "NCBIGene:"},
	"Anatomy":             {graph.Anatomy, regexp.MustCompile(`^UBERON:\d{7}$`), ""},
	"Symptom":             {graph.Effect, regexp.MustCompile(`^D\d{6}$`), "MESH:"},
	"Biological Process":  {"biolink:BiologicalProcess", regexp.MustCompile(`^GO:\d{7}$`), ""},
	"Cellular Component":  {"biolink:CellularComponent", regexp.MustCompile(`^GO:\d{7}$`), ""},
	"Molecular Function":  {"biolink:MolecularActivity", regexp.MustCompile(`^GO:\d{7}$`), ""},
	"Pathway":             {"biolink:Pathway", regexp.MustCompile(`^(WP\d+_r\d+|PC7_\d+)$`), ""},
}

// hetionetNode returns the CURIE and category of a node written
// Kind::identifier.
func hetionetNode(s string) (graph.ID, graph.Category, error) {
	kind, id, ok := strings.Cut(s, "::")
	if !ok {
		return "", "", fmt.Errorf("node %q is not Kind::identifier", s)
	}
	k, ok := hetionetKinds[kind]
	if !ok {
		return "", "", fmt.Errorf("node %q: unknown kind %q", s, kind)
	}
	if !k.valid.MatchString(id) {
		return "", "", fmt.Errorf("node %q: %q is not a %s identifier (%s)", s, id, kind, k.valid)
	}
	switch {
	case k.prefix != "":
		return graph.ID(k.prefix + id), k.category, nil
	case strings.HasPrefix(id, "WP"):
		return graph.ID("WIKIPATHWAYS:" + id), k.category, nil
	case strings.HasPrefix(id, "PC7_"):
		return graph.ID("hetionet.pathway:" + id), k.category, nil
	}
	return graph.ID(id), k.category, nil
}

// hetionetEdge is how one Hetionet metaedge enters the graph.
type hetionetEdge struct {
	source, target string // the kinds it links
	predicate      graph.Predicate
	qualifiers     map[graph.Qualifier]string
	reversed       bool // the target is the fact's subject
}

// hetionetMetaedges maps all 24 metaedges of Hetionet v1.0. Each Biolink
// predicate is one of the Biolink Model's, whose domain and range the store
// checks: participates_in's domain is Occurrent, which no gene is, so a
// gene's processes, functions and pathways are actively_involved_in.
var hetionetMetaedges = map[string]hetionetEdge{
	"AdG":  {"Anatomy", "Gene", "hetionet:downregulates", nil, false},
	"AeG":  {"Anatomy", "Gene", "biolink:expresses", nil, false},
	"AuG":  {"Anatomy", "Gene", "hetionet:upregulates", nil, false},
	"CbG":  {"Compound", "Gene", graph.Binds, nil, false},
	"CcSE": {"Compound", "Side Effect", graph.HasAdverseEvent, map[graph.Qualifier]string{graph.QContext: string(graph.Adverse)}, false},
	"CdG":  {"Compound", "Gene", "hetionet:downregulates", nil, false},
	"CpD":  {"Compound", "Disease", "biolink:ameliorates_condition", nil, false},
	"CrC":  {"Compound", "Compound", "biolink:chemically_similar_to", nil, false},
	// CtD is PharmacotherapyDB's disease-modifying indications, which
	// physicians curated from several resources, labels and off-label use
	// alike: Hetionet states no approval status, so none is given.
	"CtD":  {"Compound", "Disease", graph.Treats, nil, false},
	"CuG":  {"Compound", "Gene", "hetionet:upregulates", nil, false},
	"DaG":  {"Disease", "Gene", "biolink:condition_associated_with_gene", nil, false},
	"DdG":  {"Disease", "Gene", "hetionet:downregulates", nil, false},
	"DlA":  {"Disease", "Anatomy", "biolink:disease_has_location", nil, false},
	"DpS":  {"Disease", "Symptom", "biolink:has_phenotype", nil, false},
	"DrD":  {"Disease", "Disease", "biolink:similar_to", nil, false},
	"DuG":  {"Disease", "Gene", "hetionet:upregulates", nil, false},
	"GcG":  {"Gene", "Gene", "hetionet:covaries", nil, false},
	"GiG":  {"Gene", "Gene", "biolink:physically_interacts_with", nil, false},
	"GpBP": {"Gene", "Biological Process", "biolink:actively_involved_in", nil, false},
	"GpCC": {"Gene", "Cellular Component", "hetionet:participates", nil, false},
	"GpMF": {"Gene", "Molecular Function", "biolink:actively_involved_in", nil, false},
	"GpPW": {"Gene", "Pathway", "biolink:actively_involved_in", nil, false},
	"Gr>G": {"Gene", "Gene", "biolink:regulates", nil, false},
	"PCiC": {"Pharmacologic Class", "Compound", graph.MemberOf, nil, true},
}

// readHetionetNodes reads a Hetionet nodes.tsv.
func readHetionetNodes(ctx context.Context, r *reader, p *parsed) error {
	return readTSV(ctx, r, p, "", []string{"id", "name", "kind"}, false, func(at pos, c []string) {
		id, cat, err := hetionetNode(c[0])
		if err != nil {
			p.bad(at, "", err)
			return
		}
		if kind, _, _ := strings.Cut(c[0], "::"); kind != c[2] {
			p.bad(at, "", fmt.Errorf("node %q has kind %q", c[0], c[2]))
			return
		}
		p.useSource(ctx, at, hetionetSource)
		p.addNode(at, graph.NodeFact{Node: graph.Node{ID: id, Category: cat, Name: c[1]},
			Provenance: graph.Provenance{Source: hetionetSource}})
	})
}

// readHetionetEdges reads a Hetionet edges.sif.
func readHetionetEdges(ctx context.Context, r *reader, p *parsed) error {
	return readTSV(ctx, r, p, "", []string{"source", "metaedge", "target"}, false, func(at pos, c []string) {
		m, ok := hetionetMetaedges[c[1]]
		if !ok {
			p.bad(at, graph.Predicate("hetionet:"+c[1]), fmt.Errorf("unknown metaedge %q", c[1]))
			return
		}
		f := graph.Fact{Predicate: m.predicate, Qualifiers: m.qualifiers,
			Provenance: graph.Provenance{Source: hetionetSource, Section: c[1]}}
		for i, want := range []string{m.source, m.target} {
			id, _, err := hetionetNode(c[2*i])
			if err == nil && !strings.HasPrefix(c[2*i], want+"::") {
				err = fmt.Errorf("%s links a %s, not %s", c[1], want, c[2*i])
			}
			if err != nil {
				p.bad(at, m.predicate, err)
				return
			}
			if (i == 0) != m.reversed {
				f.Subject = id
			} else {
				f.Object = id
			}
		}
		p.useSource(ctx, at, hetionetSource)
		p.addFact(at, f)
	})
}
