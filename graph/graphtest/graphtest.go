// Package graphtest is the conformance suite of graph.Store: the same tests,
// run against every backend, the way Cayley's own graphtest is.
package graphtest

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
	"time"

	"pharmagraph/graph"
)

// Backend is one storage backend under test.
type Backend struct {
	// Open returns a new, empty store; the test closes it.
	Open func(t *testing.T) *graph.Store
	// Reopen closes s and opens the same data again. Nil for a backend that
	// keeps nothing.
	Reopen func(t *testing.T, s *graph.Store) *graph.Store
}

// Run runs the suite against b.
func Run(t *testing.T, b Backend) {
	tests := []struct {
		name string
		fn   func(*testing.T, Backend)
	}{
		{"Lookup", testLookup},
		{"Effects", testEffects},
		{"Overlap", testOverlap},
		{"Similar", testSimilar},
		{"Classes", testClasses},
		{"Interactions", testInteractions},
		{"Indications", testIndications},
		{"Relations", testRelations},
		{"Neighbourhood", testNeighbourhood},
		{"Paths", testPaths},
		{"Search", testSearch},
		{"MatchNames", testMatchNames},
		{"DescriptionsInAnyOrder", testDescriptionOrder},
		{"Stats", testStats},
		{"Each", testEach},
		{"Idempotent", testIdempotent},
		{"InvalidWritesNothing", testInvalidWritesNothing},
		{"Reopen", testReopen},
		{"Closed", testClosed},
		{"CloseWaitsForReads", testCloseWaits},
		{"ReadsOwnTheirValues", testReadsOwnTheirValues},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, b) })
	}
}

// Fixture is a small graph that exercises every read.
//
//	alpha: sleepiness, nausea (ADVERSE), seizure (WITHDRAWAL); in "sub", a subclass of "depressant"
//	beta:  sleepiness, rash (ADVERSE), seizure (OVERDOSE); in "depressant"
//	gamma: no class; interacts with alpha (stated)
//	depressant interacts with depressant: alpha and beta interact by inference
func Fixture() graph.Batch {
	src := func(id graph.ID, section string) graph.Provenance {
		return graph.Provenance{Source: id, Section: section}
	}
	a, b := src("pgsrc:test-a", "Effects"), src("pgsrc:test-b", "")
	node := func(id graph.ID, c graph.Category, name string, syn ...string) graph.NodeFact {
		return graph.NodeFact{Node: graph.Node{ID: id, Category: c, Name: name, Synonyms: syn}, Provenance: a}
	}
	fact := func(s graph.ID, p graph.Predicate, o graph.ID, prov graph.Provenance, q ...string) graph.Fact {
		f := graph.Fact{Subject: s, Predicate: p, Object: o, Provenance: prov}
		if len(q) > 0 {
			f.Qualifiers = map[graph.Qualifier]string{}
			for i := 0; i+1 < len(q); i += 2 {
				f.Qualifiers[graph.Qualifier(q[i])] = q[i+1]
			}
		}
		return f
	}
	return graph.Batch{
		Sources: []graph.Source{
			{ID: "pgsrc:test-a", Name: "Test source A", Author: "A. Author", KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.ManualAgent},
			{ID: "pgsrc:test-b", Name: "Test source B", KnowledgeLevel: graph.Observation, AgentType: graph.TextMiningAgent},
		},
		Nodes: []graph.NodeFact{
			node("TEST:alpha", graph.Drug, "alpha", "Alphazol", "alfa"),
			node("TEST:beta", graph.Drug, "beta"),
			node("TEST:gamma", graph.Drug, "gamma"),
			node("TEST:dep", graph.DrugClass, "depressant"),
			node("TEST:sub", graph.DrugClass, "sub-depressant"),
			node("TEST:sleepy", graph.Effect, "sleepiness", "drowsy"),
			node("TEST:nausea", graph.Effect, "nausea"),
			node("TEST:seizure", graph.Effect, "seizure"),
			node("TEST:rash", graph.Effect, "rash"),
			node("TEST:spasm", graph.Condition, "spasm"),
			node("TEST:tablet", graph.DoseForm, "tablet"),
			node("TEST:pathway", "biolink:Pathway", "a pathway"),
		},
		Facts: []graph.Fact{
			fact("TEST:alpha", graph.HasAdverseEvent, "TEST:sleepy", a, "context", "ADVERSE", "frequency", "common"),
			fact("TEST:alpha", graph.HasAdverseEvent, "TEST:sleepy", b, "context", "ADVERSE"),
			fact("TEST:alpha", graph.HasAdverseEvent, "TEST:nausea", a, "context", "ADVERSE"),
			fact("TEST:alpha", graph.HasAdverseEvent, "TEST:seizure", a, "context", "WITHDRAWAL", "severity", "life-threatening"),
			fact("TEST:beta", graph.HasAdverseEvent, "TEST:sleepy", a, "context", "ADVERSE"),
			fact("TEST:beta", graph.HasAdverseEvent, "TEST:rash", a, "context", "ADVERSE"),
			fact("TEST:beta", graph.HasAdverseEvent, "TEST:seizure", a, "context", "OVERDOSE"),
			fact("TEST:alpha", graph.MemberOf, "TEST:sub", a),
			fact("TEST:sub", graph.SubclassOf, "TEST:dep", a),
			fact("TEST:beta", graph.MemberOf, "TEST:dep", a),
			fact("TEST:dep", graph.InteractsWith, "TEST:dep", a, "mechanism", "additive depression"),
			fact("TEST:gamma", graph.InteractsWith, "TEST:alpha", a, "severity", "major"),
			fact("TEST:alpha", graph.Treats, "TEST:spasm", a, "status", "APPROVED"),
			fact("TEST:alpha", graph.HasDoseForm, "TEST:tablet", a, "storage", "room temperature"),
			{Subject: "TEST:alpha", Predicate: graph.StartingDose, Text: "5 mg", Provenance: a},
			// a fact that came through aggregators on its way from its source
			fact("TEST:alpha", "biolink:affects", "TEST:pathway",
				graph.Provenance{Source: b.Source, Aggregators: []graph.ID{"infores:aggregator-a", "infores:aggregator-b"}}),
		},
	}
}

// loaded opens a store of b with the fixture written.
func loaded(t *testing.T, b Backend) *graph.Store {
	t.Helper()
	s := b.Open(t)
	t.Cleanup(func() { s.Close() })
	if _, err := s.Write(context.Background(), Fixture()); err != nil {
		t.Fatalf("Write(Fixture()): %v", err)
	}
	return s
}

func names(ns []graph.Node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.Name
	}
	return out
}

func eq(t *testing.T, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", what, got, want)
	}
}

func testLookup(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	tests := []struct {
		ref      string
		category graph.Category
		want     graph.ID
		err      error
	}{
		{"TEST:alpha", graph.Drug, "TEST:alpha", nil},
		{"alpha", graph.Drug, "TEST:alpha", nil},
		{"ALPHAZOL", "", "TEST:alpha", nil},
		{"Drowsy", graph.Effect, "TEST:sleepy", nil},
		{"sub depressant", graph.DrugClass, "TEST:sub", nil},
		{"alpha", graph.Effect, "", graph.ErrNotFound},
		{"TEST:alpha", graph.Effect, "", graph.ErrNotFound},
		{"omega", "", "", graph.ErrNotFound},
	}
	for _, tt := range tests {
		n, err := s.Lookup(ctx, tt.ref, tt.category)
		if !errors.Is(err, tt.err) || n.ID != tt.want {
			t.Errorf("Lookup(%q, %q) = %s, %v; want %s, %v", tt.ref, tt.category, n.ID, err, tt.want, tt.err)
		}
	}
	n, err := s.Node(ctx, "TEST:alpha")
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "alpha", n, graph.Node{ID: "TEST:alpha", Category: graph.Drug, Name: "alpha", Synonyms: []string{"Alphazol", "alfa"}})
	ps, err := s.NodeSources(ctx, "TEST:alpha")
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "NodeSources(alpha)", ps, []graph.Provenance{{Source: "pgsrc:test-a", Section: "Effects",
		KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.ManualAgent}})
}

func testEffects(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	es, err := s.Effects(ctx, "TEST:alpha", graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		effect, context, freq, sev string
		sources                    int
	}
	var got []row
	for _, e := range es {
		got = append(got, row{e.Effect.Name, string(e.Context), e.Frequency, e.Severity, len(e.Sources)})
		if e.Drug.ID != "TEST:alpha" {
			t.Errorf("effect %s has drug %s", e.Effect.ID, e.Drug.ID)
		}
	}
	eq(t, "Effects(alpha)", got, []row{
		{"nausea", "ADVERSE", "", "", 1},
		{"sleepiness", "ADVERSE", "common", "", 2},
		{"seizure", "WITHDRAWAL", "", "life-threatening", 1},
	})
	// Each source keeps its own knowledge level and agent type.
	eq(t, "sleepiness sources", es[1].Sources, []graph.Provenance{
		{Source: "pgsrc:test-a", Section: "Effects", KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.ManualAgent},
		{Source: "pgsrc:test-b", KnowledgeLevel: graph.Observation, AgentType: graph.TextMiningAgent},
	})
	es, err = s.Effects(ctx, "TEST:alpha", graph.Scope{Contexts: []graph.Context{graph.Withdrawal}})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 1 || es[0].Effect.ID != "TEST:seizure" {
		t.Errorf("Effects(alpha, WITHDRAWAL) = %v, want seizure only", es)
	}
	of, err := s.EffectOf(ctx, "TEST:seizure", graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	var drugs []string
	for _, e := range of {
		drugs = append(drugs, e.Drug.Name+"/"+string(e.Context))
	}
	eq(t, "EffectOf(seizure)", drugs, []string{"alpha/WITHDRAWAL", "beta/OVERDOSE"})
	if _, err := s.Effects(ctx, "TEST:nothing", graph.Scope{}); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Effects(unknown) error = %v, want ErrNotFound", err)
	}

	// Sources that disagree: the answer says so and keeps each claim with
	// its source; a scope shows only the claims of its sources.
	b2 := graph.Provenance{Source: "pgsrc:test-b", Section: "Frequencies"}
	if _, err := s.Write(ctx, graph.Batch{Facts: []graph.Fact{{Subject: "TEST:alpha", Predicate: graph.HasAdverseEvent,
		Object: "TEST:sleepy", Qualifiers: map[graph.Qualifier]string{graph.QContext: "ADVERSE", graph.QFrequency: "rare"}, Provenance: b2}}}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		sources  []graph.ID
		freq     string
		disputed []graph.Qualifier
		claims   []string
	}{
		{nil, "", []graph.Qualifier{graph.QFrequency}, []string{"pgsrc:test-a=common", "pgsrc:test-b=", "pgsrc:test-b=rare"}},
		{[]graph.ID{"pgsrc:test-a"}, "common", nil, []string{"pgsrc:test-a=common"}},
		{[]graph.ID{"pgsrc:test-b"}, "rare", nil, []string{"pgsrc:test-b=", "pgsrc:test-b=rare"}},
	} {
		es, err := s.Effects(ctx, "TEST:alpha", graph.Scope{Sources: tt.sources, Contexts: []graph.Context{graph.Adverse}})
		if err != nil {
			t.Fatal(err)
		}
		var sleepy graph.EffectEdge
		for _, e := range es {
			if e.Effect.ID == "TEST:sleepy" {
				sleepy = e
			}
		}
		var claims []string
		for _, f := range sleepy.Facts {
			claims = append(claims, string(f.Source)+"="+f.Qualifiers[graph.QFrequency])
		}
		eq(t, fmt.Sprintf("sleepiness frequency in %v", tt.sources), sleepy.Frequency, tt.freq)
		eq(t, fmt.Sprintf("sleepiness disputed in %v", tt.sources), sleepy.Disputed, tt.disputed)
		eq(t, fmt.Sprintf("sleepiness claims in %v", tt.sources), claims, tt.claims)
	}
}

func testOverlap(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	tests := []struct {
		name                 string
		opts                 graph.OverlapOptions
		shared, onlyA, onlyB []string
		jaccard              float64
	}{
		{"all", graph.OverlapOptions{}, []string{"seizure", "sleepiness"}, []string{"nausea"}, []string{"rash"}, 0.5},
		{"withdrawal vs all", graph.OverlapOptions{ContextsA: []graph.Context{graph.Withdrawal}},
			[]string{"seizure"}, []string{}, []string{"rash", "sleepiness"}, 1.0 / 3},
		{"overdose vs overdose", graph.OverlapOptions{ContextsA: []graph.Context{graph.Overdose}, ContextsB: []graph.Context{graph.Overdose}},
			[]string{}, []string{}, []string{"seizure"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o, err := s.Overlap(ctx, "TEST:alpha", "TEST:beta", tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			shared := []string{}
			for _, e := range o.Shared {
				shared = append(shared, e.Effect.Name)
			}
			eq(t, "shared", shared, tt.shared)
			eq(t, "onlyA", names(o.OnlyA), tt.onlyA)
			eq(t, "onlyB", names(o.OnlyB), tt.onlyB)
			eq(t, "jaccard", o.Jaccard, tt.jaccard)
		})
	}
	o, err := s.Overlap(ctx, "TEST:alpha", "TEST:beta", graph.OverlapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "seizure contexts", [2][]graph.Context{o.Shared[0].ContextsA, o.Shared[0].ContextsB},
		[2][]graph.Context{{graph.Withdrawal}, {graph.Overdose}})
}

func testClasses(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	direct, err := s.Classes(ctx, "TEST:alpha", false)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Classes(alpha, direct)", names(direct), []string{"sub-depressant"})
	all, err := s.Classes(ctx, "TEST:alpha", true)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Classes(alpha, transitive)", names(all), []string{"depressant", "sub-depressant"})
	members, err := s.Members(ctx, "TEST:dep", true)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Members(depressant)", names(members), []string{"alpha", "beta"})
	members, err = s.Members(ctx, "TEST:dep", false)
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Members(depressant, direct)", names(members), []string{"beta"})
	sub, err := s.Subclasses(ctx, "TEST:dep")
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Subclasses(depressant)", names(sub), []string{"sub-depressant"})
	ces, err := s.ClassEffects(ctx, "TEST:dep")
	if err != nil {
		t.Fatal(err)
	}
	type row struct {
		effect string
		share  float64
	}
	var got []row
	for _, c := range ces {
		got = append(got, row{c.Effect.Name, c.Share})
	}
	eq(t, "ClassEffects(depressant)", got, []row{{"seizure", 1}, {"sleepiness", 1}, {"nausea", 0.5}, {"rash", 0.5}})
}

// interactionFixture adds to the fixture what checks inference: a
// combination product of alpha, a drug that interacts with a class, and
// interactions that other sources state for pairs the classes imply.
func interactionFixture() graph.Batch {
	a, b := graph.Provenance{Source: "pgsrc:test-a"}, graph.Provenance{Source: "pgsrc:test-b"}
	q := func(k graph.Qualifier, v string) map[graph.Qualifier]string { return map[graph.Qualifier]string{k: v} }
	return graph.Batch{
		Nodes: []graph.NodeFact{
			{Node: graph.Node{ID: "TEST:combo", Category: graph.Drug, Name: "alpha with epsilon"}, Provenance: a},
			{Node: graph.Node{ID: "TEST:delta", Category: graph.Drug, Name: "delta"}, Provenance: a},
		},
		Facts: []graph.Fact{
			{Subject: "TEST:combo", Predicate: graph.HasIngredient, Object: "TEST:alpha", Provenance: a},
			{Subject: "TEST:combo", Predicate: graph.MemberOf, Object: "TEST:dep", Provenance: a},
			{Subject: "TEST:delta", Predicate: graph.InteractsWith, Object: "TEST:sub", Qualifiers: q(graph.QSeverity, "minor"), Provenance: a},
			{Subject: "TEST:alpha", Predicate: graph.InteractsWith, Object: "TEST:beta", Qualifiers: q(graph.QSeverity, "minor"), Provenance: b},
			{Subject: "TEST:alpha", Predicate: graph.InteractsWith, Object: "TEST:gamma", Qualifiers: q(graph.QSeverity, "moderate"), Provenance: b},
		},
	}
}

func testInteractions(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	type row struct {
		with, severity, mechanism string
		inferred                  bool
		disputed                  []graph.Qualifier
		impliedBy                 []string // subject-object of each implying fact
		sources                   []graph.ID
	}
	rows := func(drug graph.ID, inferred bool, sc graph.Scope) []row {
		t.Helper()
		is, err := s.Interactions(ctx, drug, inferred, sc)
		if err != nil {
			t.Fatal(err)
		}
		out := []row{}
		for _, i := range is {
			r := row{with: i.With.Name, severity: i.Severity, mechanism: i.Mechanism, inferred: i.Inferred, disputed: i.Disputed}
			for _, f := range i.ImpliedBy {
				r.impliedBy = append(r.impliedBy, string(f.Subject)+"-"+string(f.Object))
			}
			for _, p := range i.Sources {
				r.sources = append(r.sources, p.Source)
			}
			out = append(out, r)
		}
		return out
	}
	A, B := []graph.ID{"pgsrc:test-a"}, []graph.ID{"pgsrc:test-b"}
	eq(t, "Interactions(alpha)", rows("TEST:alpha", true, graph.Scope{}), []row{
		{with: "beta", mechanism: "additive depression", inferred: true, impliedBy: []string{"TEST:dep-TEST:dep"}, sources: A},
		{with: "gamma", severity: "major", sources: A},
	})
	eq(t, "Interactions(alpha, stated only)", rows("TEST:alpha", false, graph.Scope{}), []row{{with: "gamma", severity: "major", sources: A}})
	// A stated interaction is symmetric.
	eq(t, "Interactions(gamma)", rows("TEST:gamma", true, graph.Scope{}), []row{{with: "alpha", severity: "major", sources: A}})

	if _, err := s.Write(ctx, interactionFixture()); err != nil {
		t.Fatal(err)
	}
	// Never alpha with itself or with a product that contains it; a class
	// on one side stands for its drugs; a pair that one source states and
	// another implies shows both; sources that disagree show it.
	eq(t, "Interactions(alpha) with more facts", rows("TEST:alpha", true, graph.Scope{}), []row{
		{with: "beta", severity: "minor", impliedBy: []string{"TEST:dep-TEST:dep"}, sources: B},
		{with: "delta", severity: "minor", inferred: true, impliedBy: []string{"TEST:delta-TEST:sub"}, sources: A},
		{with: "gamma", disputed: []graph.Qualifier{graph.QSeverity}, sources: []graph.ID{"pgsrc:test-a", "pgsrc:test-b"}},
	})
	// What one source implies is not hidden by what another states, and
	// every qualifier comes from the sources asked for.
	eq(t, "Interactions(alpha) of source A", rows("TEST:alpha", true, graph.Scope{Sources: A}), []row{
		{with: "beta", mechanism: "additive depression", inferred: true, impliedBy: []string{"TEST:dep-TEST:dep"}, sources: A},
		{with: "delta", severity: "minor", inferred: true, impliedBy: []string{"TEST:delta-TEST:sub"}, sources: A},
		{with: "gamma", severity: "major", sources: A},
	})
	// Source B states no membership, so it implies nothing.
	eq(t, "Interactions(alpha) of source B", rows("TEST:alpha", true, graph.Scope{Sources: B}), []row{
		{with: "beta", severity: "minor", sources: B},
		{with: "gamma", severity: "moderate", sources: B},
	})
	eq(t, "Interactions(combo)", rows("TEST:combo", true, graph.Scope{}), []row{
		{with: "beta", mechanism: "additive depression", inferred: true, impliedBy: []string{"TEST:dep-TEST:dep"}, sources: A},
	})
}

func testIndications(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	is, err := s.Indications(ctx, "TEST:alpha", graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(is) != 1 || is[0].Condition.Name != "spasm" || is[0].Status != graph.Approved {
		t.Errorf("Indications(alpha) = %v, want spasm APPROVED", is)
	}
	is, err = s.Indications(ctx, "TEST:alpha", graph.Scope{Statuses: []graph.Status{graph.OffLabel}})
	if err != nil || len(is) != 0 {
		t.Errorf("Indications(alpha, OFF_LABEL) = %v, %v; want none", is, err)
	}
	ts, err := s.Treatments(ctx, "TEST:spasm", graph.Scope{})
	if err != nil || len(ts) != 1 || ts[0].Drug.Name != "alpha" {
		t.Errorf("Treatments(spasm) = %v, %v; want alpha", ts, err)
	}
	// A source that gives no status states a use without one; it does not
	// join the approved use of another source.
	if _, err := s.Write(ctx, graph.Batch{Facts: []graph.Fact{{Subject: "TEST:alpha", Predicate: graph.Treats,
		Object: "TEST:spasm", Provenance: graph.Provenance{Source: "pgsrc:test-b"}}}}); err != nil {
		t.Fatalf("treats without a status: %v", err)
	}
	is, err = s.Indications(ctx, "TEST:alpha", graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	if len(is) != 2 || is[0].Status != graph.Approved || is[0].Sources[0].Source != "pgsrc:test-a" ||
		is[1].Status != "" || is[1].Sources[0].Source != "pgsrc:test-b" {
		t.Errorf("Indications(alpha) = %+v, want APPROVED from A, then no status from B", is)
	}
	is, err = s.Indications(ctx, "TEST:alpha", graph.Scope{Sources: []graph.ID{"pgsrc:test-b"}})
	if err != nil || len(is) != 1 || is[0].Status != "" {
		t.Errorf("Indications(alpha) of source B = %+v, %v; want one without a status", is, err)
	}
}

func testRelations(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	rs, err := s.Relations(ctx, "TEST:alpha", graph.HasDoseForm)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Node.Name != "tablet" || rs[0].Qualifiers[graph.QStorage] != "room temperature" {
		t.Errorf("Relations(alpha, has_dose_form) = %+v", rs)
	}
	// An edge type and a category outside the model are kept as they came.
	rs, err = s.Relations(ctx, "TEST:alpha", "biolink:affects")
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Node.ID != "TEST:pathway" || rs[0].Node.Category.Name() != "Pathway" || rs[0].Node.Category.Known() {
		t.Errorf("Relations(alpha, biolink:affects) = %+v", rs)
	}
	rs, err = s.Relations(ctx, "TEST:alpha", graph.StartingDose)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].Text != "5 mg" || len(rs[0].Sources) != 1 {
		t.Errorf("Relations(alpha, starting_dose) = %+v", rs)
	}
}

func testMatchNames(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	a := graph.Provenance{Source: "pgsrc:test-a"}
	// Nausea in a second vocabulary, with more facts than TEST:nausea; a
	// namesake of the same vocabulary; a drug of the same name as another.
	if _, err := s.Write(ctx, graph.Batch{
		Nodes: []graph.NodeFact{
			{Node: graph.Node{ID: "MESH:D009325", Category: graph.Effect, Name: "Nausea"}, Provenance: a},
			{Node: graph.Node{ID: "TEST:nausea2", Category: graph.Condition, Name: "nausea"}, Provenance: a},
			{Node: graph.Node{ID: "OTHER:beta", Category: graph.Drug, Name: "beta"}, Provenance: a},
		},
		Facts: []graph.Fact{
			{Subject: "TEST:alpha", Predicate: graph.HasAdverseEvent, Object: "MESH:D009325", Qualifiers: map[graph.Qualifier]string{graph.QContext: "ADVERSE"}, Provenance: a},
			{Subject: "TEST:beta", Predicate: graph.HasAdverseEvent, Object: "MESH:D009325", Qualifiers: map[graph.Qualifier]string{graph.QContext: "ADVERSE"}, Provenance: a},
		},
	}); err != nil {
		t.Fatal(err)
	}
	st, err := s.MatchNames(ctx)
	if err != nil {
		t.Fatal(err)
	}
	// MESH with each TEST nausea; not the two TEST ones, nor the drugs.
	if st.NewFacts != 2 {
		t.Errorf("MatchNames wrote %d facts, want 2", st.NewFacts)
	}
	if st, err := s.MatchNames(ctx); err != nil || st.NewFacts != 0 {
		t.Errorf("MatchNames again = %+v, %v; want nothing new", st, err)
	}
	n, err := s.Lookup(ctx, "NAUSEA", "")
	if err != nil || n.ID != "MESH:D009325" {
		t.Errorf("Lookup(NAUSEA) = %s, %v; want MESH:D009325, the nausea with the most facts", n.ID, err)
	}
	ns, err := s.Namesakes(ctx, "MESH:D009325")
	if err != nil {
		t.Fatal(err)
	}
	eq(t, "Namesakes(MESH:D009325)", names(ns), []string{"nausea", "nausea"})
	ms, err := s.Matches(ctx, "TEST:nausea")
	if err != nil {
		t.Fatal(err)
	}
	if len(ms) != 1 || ms[0].Node.ID != "MESH:D009325" || ms[0].Sources[0].Source != graph.NameMatch.ID ||
		ms[0].Facts[0].Qualifiers[graph.QDescription] != `Both are named "nausea".` {
		t.Errorf("Matches(TEST:nausea) = %+v; want MESH:D009325 with the shared name as evidence", ms)
	}
	if ms, _ := s.Matches(ctx, "TEST:beta"); len(ms) != 0 {
		t.Errorf("Matches(TEST:beta) = %+v; want none: drugs are not matched by name", ms)
	}
}

// testDescriptionOrder checks that a node two sources describe shows the
// same description whichever source was loaded first.
func testDescriptionOrder(t *testing.T, b Backend) {
	ctx := context.Background()
	describe := func(src graph.ID, text string) graph.Batch {
		return graph.Batch{Nodes: []graph.NodeFact{{Node: graph.Node{ID: "TEST:alpha", Category: graph.Drug, Name: "alpha",
			Description: text}, Provenance: graph.Provenance{Source: src}}}}
	}
	var got []string
	for _, order := range [][]graph.ID{{"pgsrc:test-a", "pgsrc:test-b"}, {"pgsrc:test-b", "pgsrc:test-a"}} {
		s := b.Open(t)
		if _, err := s.Write(ctx, graph.Batch{Sources: Fixture().Sources}); err != nil {
			t.Fatal(err)
		}
		for _, src := range order {
			if _, err := s.Write(ctx, describe(src, "as "+string(src)+" says")); err != nil {
				t.Fatal(err)
			}
		}
		n, err := s.Node(ctx, "TEST:alpha")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, n.Description)
		s.Close()
	}
	if got[0] != got[1] {
		t.Errorf("descriptions %q: the order of loading chose", got)
	}
}

func testSearch(t *testing.T, b Backend) {
	s := loaded(t, b)
	hits, err := s.Search(context.Background(), "alph", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Node.ID != "TEST:alpha" || hits[0].Score >= 1 {
		t.Errorf("Search(alph) = %+v, want alpha with a prefix score", hits)
	}
	hits, err = s.Search(context.Background(), "depressant", 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(hits) != 1 || hits[0].Node.ID != "TEST:dep" || hits[0].Score != 1 {
		t.Errorf("Search(depressant, 1) = %+v, want the exact match alone", hits)
	}
}

func testStats(t *testing.T, b Backend) {
	s := loaded(t, b)
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	f := Fixture()
	if st.Nodes != len(f.Nodes) || st.Edges != len(f.Facts) || st.Sources != len(f.Sources) {
		t.Errorf("Stats() = %d nodes, %d edges, %d sources; want %d, %d, %d",
			st.Nodes, st.Edges, st.Sources, len(f.Nodes), len(f.Facts), len(f.Sources))
	}
	want := map[string]int{string(graph.HasAdverseEvent): 7, string(graph.MemberOf): 2}
	for _, c := range st.Predicates {
		if n, ok := want[c.Key]; ok && n != c.Count {
			t.Errorf("Stats() %s = %d, want %d", c.Key, c.Count, n)
		}
	}
}

func testIdempotent(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	before, _ := s.Stats(ctx)
	st, err := s.Write(ctx, Fixture())
	if err != nil {
		t.Fatal(err)
	}
	if st.Quads != 0 || st.NewNodes != 0 || st.NewFacts != 0 || len(st.NewByPredicate) != 0 {
		t.Errorf("second Write(Fixture()) = %+v, want nothing new", st)
	}
	after, _ := s.Stats(ctx)
	eq(t, "Stats after a second write", after, before)
}

func testInvalidWritesNothing(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	before, _ := s.Stats(ctx)
	bad := graph.Batch{
		Nodes: []graph.NodeFact{{Node: graph.Node{ID: "TEST:delta", Category: graph.Drug, Name: "delta"},
			Provenance: graph.Provenance{Source: "pgsrc:test-a"}}},
		Facts: []graph.Fact{
			{Subject: "TEST:delta", Predicate: graph.HasAdverseEvent, Object: "TEST:rash",
				Qualifiers: map[graph.Qualifier]string{graph.QContext: "ADVERSE"}, Provenance: graph.Provenance{Source: "pgsrc:test-a"}},
			{Subject: "TEST:delta", Predicate: graph.HasAdverseEvent, Object: "TEST:missing",
				Qualifiers: map[graph.Qualifier]string{graph.QContext: "ADVERSE"}, Provenance: graph.Provenance{Source: "pgsrc:test-a"}},
		},
	}
	if _, err := s.Write(ctx, bad); !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("Write(bad) error = %v, want ErrInvalid", err)
	}
	badSource := graph.Batch{Sources: []graph.Source{{ID: "not a source", Name: "not a source",
		KnowledgeLevel: graph.NotProvided, AgentType: graph.NotProvidedAgent}}}
	if _, err := s.Write(ctx, badSource); !errors.Is(err, graph.ErrInvalid) {
		t.Fatalf("Write of a source whose id is not a CURIE: error = %v, want ErrInvalid", err)
	}
	if _, err := s.Node(ctx, "TEST:delta"); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("a node of a failed write is there: %v", err)
	}
	after, _ := s.Stats(ctx)
	eq(t, "Stats after a failed write", after, before)
	if b.Reopen != nil {
		s = b.Reopen(t, s)
		after, _ = s.Stats(ctx)
		eq(t, "Stats after a failed write and a reopen", after, before)
	}
}

func testReopen(t *testing.T, b Backend) {
	if b.Reopen == nil {
		t.Skip("the backend keeps nothing")
	}
	s := loaded(t, b)
	ctx := context.Background()
	read := func(s *graph.Store) []any {
		st, _ := s.Stats(ctx)
		es, _ := s.Effects(ctx, "TEST:alpha", graph.Scope{})
		o, _ := s.Overlap(ctx, "TEST:alpha", "TEST:beta", graph.OverlapOptions{})
		is, _ := s.Interactions(ctx, "TEST:alpha", true, graph.Scope{})
		return []any{st, es, o, is}
	}
	before := read(s)
	s = b.Reopen(t, s)
	eq(t, "reads after reopen", read(s), before)
	if st, err := s.Write(ctx, Fixture()); err != nil || st.Quads != 0 || st.NewFacts != 0 {
		t.Errorf("Write(Fixture()) after reopen = %+v, %v; want nothing new", st, err)
	}
}

func testClosed(t *testing.T, b Backend) {
	s := b.Open(t)
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Stats(context.Background()); !errors.Is(err, graph.ErrClosed) {
		t.Errorf("Stats on a closed store: %v, want ErrClosed", err)
	}
	if err := s.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func testEach(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	var facts []graph.Fact
	if err := s.EachFact(ctx, graph.Filter{}, func(f graph.Fact) error {
		facts = append(facts, f)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if want := len(Fixture().Facts); len(facts) != want {
		t.Errorf("EachFact gave %d facts, want %d", len(facts), want)
	}
	for i := 1; i < len(facts); i++ {
		if facts[i-1].Subject > facts[i].Subject {
			t.Errorf("EachFact out of order: %s before %s", facts[i-1].Subject, facts[i].Subject)
		}
	}
	var again []graph.Fact
	s.EachFact(ctx, graph.Filter{}, func(f graph.Fact) error { again = append(again, f); return nil })
	eq(t, "EachFact twice", again, facts)

	var effects []string
	filter := graph.Filter{Predicates: []graph.Predicate{graph.HasAdverseEvent}, Sources: []graph.ID{"pgsrc:test-b"}}
	s.EachFact(ctx, filter, func(f graph.Fact) error {
		effects = append(effects, string(f.Subject)+" "+string(f.Object)+" "+f.Qualifiers[graph.QContext])
		return nil
	})
	eq(t, "EachFact(has_adverse_event from test-b)", effects, []string{"TEST:alpha TEST:sleepy ADVERSE"})

	var nodes []graph.ID
	s.EachNode(ctx, graph.Filter{Categories: []graph.Category{graph.Drug}}, func(n graph.Node, ps []graph.Provenance) error {
		nodes = append(nodes, n.ID)
		if len(ps) == 0 {
			t.Errorf("node %s without provenance", n.ID)
		}
		return nil
	})
	eq(t, "EachNode(Drug)", nodes, []graph.ID{"TEST:alpha", "TEST:beta", "TEST:gamma"})
}

// testCloseWaits checks that Close waits for a read under way: closing the
// backend under a running query crashed the process.
func testCloseWaits(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	inRead, release := make(chan struct{}), make(chan struct{})
	readDone := make(chan error, 1)
	go func() {
		first := true
		readDone <- s.EachFact(ctx, graph.Filter{}, func(graph.Fact) error {
			if first {
				first = false
				close(inRead)
				<-release
			}
			return nil
		})
	}()
	<-inRead
	closed := make(chan error, 1)
	go func() { closed <- s.Close() }()
	select {
	case <-closed:
		t.Fatal("Close returned while a read was under way")
	case <-time.After(100 * time.Millisecond):
	}
	close(release)
	if err := <-readDone; err != nil {
		t.Errorf("the read under way: %v", err)
	}
	if err := <-closed; err != nil {
		t.Errorf("Close: %v", err)
	}
	if _, err := s.Stats(ctx); !errors.Is(err, graph.ErrClosed) {
		t.Errorf("a read after Close: %v, want ErrClosed", err)
	}
}
