package graph_test

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"testing"

	"pharmagraph/graph"
	"pharmagraph/internal/realdata"
)

// pregabalin is a hub drug of the real data sets: SIDER gives it some 700
// effects, the whole benchmark graph some 840.
const pregabalin = graph.ID("DRUGBANK:DB00230")

// TestSimilarSIDER loads SIDER's side effects (with the DrugBank map and
// vocabulary) and checks the five drugs whose effects are most like
// pregabalin's against an answer computed here from the files: each label
// term (LLT) row of meddra_all_se is an effect of the compound's DrugBank
// ids (by its stereo id, else its flat one) that the vocabulary lists, or
// of its PubChem id when the map has none, and the Jaccard index of two
// drugs' effect sets ranks them.
func TestSimilarSIDER(t *testing.T) {
	mapFile := realdata.Path(t, "sider4", "drugbank-pubchem-map.tsv.gz")
	effectsFile := realdata.Path(t, "sider4", "meddra_all_se.tsv.gz")
	vocabulary := realdata.Path(t, "drugbank-vocabulary", "drugbank_vocabulary.csv")
	ctx := context.Background()
	s := loadedFrom(t, "memory", mapFile, effectsFile, vocabulary)

	listed := map[string]bool{} // DrugBank ids of the vocabulary
	realdata.EachRow(t, vocabulary, func(c []string) {
		id, _, _ := strings.Cut(c[0], ";")
		listed[id] = true
	})
	drugbank := map[string][]graph.ID{} // PubChem id -> DrugBank ids
	realdata.EachRow(t, mapFile, func(c []string) {
		drugbank[c[1]] = append(drugbank[c[1]], graph.ID("DRUGBANK:"+c[0]))
	})
	effects := map[graph.ID]map[graph.ID]bool{}
	realdata.EachRow(t, effectsFile, func(c []string) {
		if len(c) < 5 || c[3] != "LLT" {
			return
		}
		flat, stereo := strings.TrimLeft(c[0][4:], "0"), strings.TrimLeft(c[1][4:], "0")
		drugs := drugbank[stereo]
		if len(drugs) == 0 {
			drugs = drugbank[flat]
		}
		if len(drugs) == 0 {
			drugs = []graph.ID{graph.ID("PUBCHEM.COMPOUND:" + flat)}
		}
		for _, d := range drugs {
			if strings.HasPrefix(string(d), "DRUGBANK:") && !listed[string(d)[len("DRUGBANK:"):]] {
				continue // no node: the load rejects the fact
			}
			if effects[d] == nil {
				effects[d] = map[graph.ID]bool{}
			}
			effects[d]["UMLS:"+graph.ID(c[4])] = true
		}
	})

	type hit struct {
		drug    graph.ID
		name    string
		shared  int
		jaccard float64
	}
	var want []hit
	mine := effects[pregabalin]
	if len(mine) == 0 {
		t.Fatalf("meddra_all_se gives %s no effects", pregabalin)
	}
	for d, theirs := range effects {
		n := 0
		for e := range theirs {
			if mine[e] {
				n++
			}
		}
		if d == pregabalin || n == 0 {
			continue
		}
		node, err := s.Node(ctx, d)
		if err != nil {
			t.Fatalf("%s has effects in meddra_all_se but no node: %v", d, err)
		}
		want = append(want, hit{d, node.Name, n, float64(n) / float64(len(mine)+len(theirs)-n)})
	}
	slices.SortFunc(want, func(a, b hit) int {
		return cmp.Or(cmp.Compare(b.jaccard, a.jaccard), cmp.Compare(b.shared, a.shared),
			strings.Compare(a.name, b.name), strings.Compare(string(a.drug), string(b.drug)))
	})
	want = want[:5]

	got, err := s.Similar(ctx, pregabalin, graph.ByEffects, 5, graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	var hits []hit
	for _, h := range got {
		hits = append(hits, hit{h.Drug.ID, h.Drug.Name, len(h.Shared), h.Jaccard})
	}
	eq := slices.EqualFunc(hits, want, func(a, b hit) bool {
		return a.drug == b.drug && a.shared == b.shared && a.jaccard == b.jaccard
	})
	if !eq {
		t.Errorf("Similar(pregabalin, EFFECTS, 5):\n got %v\nwant %v", hits, want)
	}
	t.Logf("pregabalin (%d effects) is most like %v", len(mine), hits)
}
