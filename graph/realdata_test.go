package graph_test

import (
	"context"
	"slices"
	"testing"

	"pharmagraph/graph"
	"pharmagraph/internal/realdata"
	"pharmagraph/loader"
)

// siderFlat are the flat STITCH ids of baclofen, tizanidine and diazepam,
// and siderDrugs their ids in a graph of SIDER's side effects alone.
var (
	siderFlat  = []string{"CID100002284", "CID100005487", "CID100003016"}
	siderDrugs = []graph.ID{"PUBCHEM.COMPOUND:2284", "PUBCHEM.COMPOUND:5487", "PUBCHEM.COMPOUND:3016"}
)

// siderStore returns a memory store of SIDER's side effects alone (so that
// each drug keeps its PubChem id), and the path of their file. It skips tb
// where the file is absent, as realdata.Path does.
func siderStore(tb testing.TB) (*graph.Store, string) {
	tb.Helper()
	path := realdata.Path(tb, "sider4", "meddra_all_se.tsv.gz")
	ctx := context.Background()
	s, err := graph.Open(ctx, "memory", "", graph.Options{})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { s.Close() })
	if _, err := loader.Load(ctx, s, loader.Options{}, path); err != nil {
		tb.Fatal(err)
	}
	return s, path
}

// BenchmarkRealCheckInteractions checks baclofen, tizanidine and diazepam
// on SIDER's side effects: three pairs of about 200 label terms each.
func BenchmarkRealCheckInteractions(b *testing.B) {
	s, _ := siderStore(b)
	ctx := context.Background()
	for b.Loop() {
		if _, err := s.CheckInteractions(ctx, siderDrugs, graph.Scope{}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestRealSiderShared loads SIDER's side effects alone, so that each drug
// keeps its PubChem id, and checks the effects that CheckInteractions adds
// up and OverlapAll shares for three drugs (baclofen, tizanidine,
// diazepam) against the rows of meddra_all_se read here: the label (LLT)
// terms of each compound.
func TestRealSiderShared(t *testing.T) {
	s, path := siderStore(t)
	ctx := context.Background()
	effects := siderEffects(t, path, siderFlat)
	flat, drugs := siderFlat, siderDrugs
	for _, f := range flat {
		if len(effects[f]) == 0 {
			t.Fatalf("%s has no label terms in %s", f, path)
		}
	}
	shared := func(sets ...map[graph.ID]bool) []graph.ID {
		var out []graph.ID
		for e := range sets[0] {
			if !slices.ContainsFunc(sets[1:], func(s map[graph.ID]bool) bool { return !s[e] }) {
				out = append(out, e)
			}
		}
		slices.Sort(out)
		return out
	}
	sorted := func(ns []graph.ID) []graph.ID { slices.Sort(ns); return ns }

	fs, err := s.CheckInteractions(ctx, drugs, graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 3 {
		t.Fatalf("CheckInteractions of 3 drugs gave %d pairs, want 3", len(fs))
	}
	for _, f := range fs {
		var got []graph.ID
		for _, a := range f.Added {
			got = append(got, a.Effect.ID)
			if !slices.Equal(a.ContextsA, []graph.Context{graph.Adverse}) || !slices.Equal(a.ContextsB, []graph.Context{graph.Adverse}) {
				t.Errorf("%s with %s, %s: contexts %v and %v, want ADVERSE", f.A.ID, f.B.ID, a.Effect.ID, a.ContextsA, a.ContextsB)
			}
		}
		want := shared(effects[flat[slices.Index(drugs, f.A.ID)]], effects[flat[slices.Index(drugs, f.B.ID)]])
		if got = sorted(got); !slices.Equal(got, want) {
			t.Errorf("%s with %s: %d added effects, want the %d both have in meddra_all_se", f.A.ID, f.B.ID, len(got), len(want))
		}
		t.Logf("%s with %s: %d shared label terms", f.A.ID, f.B.ID, len(want))
	}

	o, err := s.OverlapAll(ctx, drugs, graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := sorted(ids(o.All)), shared(effects[flat[0]], effects[flat[1]], effects[flat[2]]); !slices.Equal(got, want) {
		t.Errorf("OverlapAll: %d effects of all three, want %d", len(got), len(want))
	}
	for i, only := range o.Only {
		var want []graph.ID
		for e := range effects[flat[i]] {
			if !effects[flat[(i+1)%3]][e] && !effects[flat[(i+2)%3]][e] {
				want = append(want, e)
			}
		}
		if got := sorted(ids(only.Effects)); !slices.Equal(got, sorted(want)) {
			t.Errorf("OverlapAll: %d effects of %s alone, want %d", len(got), drugs[i], len(want))
		}
	}
}

// siderEffects reads the label terms (LLT rows) of the compounds flat, by
// flat STITCH id, from meddra_all_se.
func siderEffects(t *testing.T, path string, flat []string) map[string]map[graph.ID]bool {
	t.Helper()
	out := map[string]map[graph.ID]bool{}
	realdata.EachRow(t, path, func(c []string) {
		if len(c) == 6 && c[3] == "LLT" && slices.Contains(flat, c[0]) {
			if out[c[0]] == nil {
				out[c[0]] = map[graph.ID]bool{}
			}
			out[c[0]]["UMLS:"+graph.ID(c[2])] = true
		}
	})
	return out
}
