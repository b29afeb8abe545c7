package schema_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	_ "github.com/cayleygraph/cayley/graph/memstore" // registers the memory backend
	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/parser"

	"pharmagraph/graph"
	"pharmagraph/loader"
	"pharmagraph/schema"
	"pharmagraph/seeds"
)

var update = flag.Bool("update", false, "rewrite golden files")

// seeded returns a memory store holding the seed facts.
func seeded(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, "memory", "", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := loader.LoadFS(ctx, s, seeds.FS()); err != nil {
		t.Fatalf("load seeds: %v", err)
	}
	return s
}

func build(t *testing.T, r schema.Reader) graphql.Schema {
	t.Helper()
	s, err := schema.New(r, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		t.Fatalf("schema.New: %v", err)
	}
	return s
}

func run(s graphql.Schema, query string) *graphql.Result {
	return graphql.Do(graphql.Params{Schema: s, RequestString: query,
		Context: schema.WithRequestID(context.Background(), "req-1")})
}

// decode runs query and decodes its data into v, failing on any error.
func decode(t *testing.T, s graphql.Schema, query string, v any) {
	t.Helper()
	res := run(s, query)
	if len(res.Errors) > 0 {
		t.Fatalf("query %s: %v", query, res.Errors)
	}
	b, err := json.Marshal(res.Data)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// TestGolden runs each testdata/NAME.graphql over the seeds and compares the
// response with testdata/NAME.golden.json. Files named error_* must answer
// with errors, the others without.
func TestGolden(t *testing.T) {
	s := build(t, seeded(t))
	queries, err := filepath.Glob("testdata/*.graphql")
	if err != nil || len(queries) == 0 {
		t.Fatalf("no queries in testdata: %v", err)
	}
	for _, q := range queries {
		name := strings.TrimSuffix(filepath.Base(q), ".graphql")
		t.Run(name, func(t *testing.T) {
			query, err := os.ReadFile(q)
			if err != nil {
				t.Fatal(err)
			}
			res := run(s, string(query))
			if wantErr := strings.HasPrefix(name, "error_"); wantErr != (len(res.Errors) > 0) {
				t.Errorf("errors = %v, want errors: %v", res.Errors, wantErr)
			}
			got, err := json.MarshalIndent(res, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("response differs from %s (run with -update and review the diff):\n%s", golden, firstDiff(string(want), string(got)))
			}
			if fast, ok := execute(t, s, string(query)); ok == (len(res.Errors) > 0) {
				t.Errorf("schema.Execute answered %v, want %v", ok, len(res.Errors) == 0)
			} else if ok && !bytes.Equal(fast, want) {
				t.Errorf("schema.Execute's response differs from %s:\n%s", golden, firstDiff(string(want), string(fast)))
			}
		})
	}
}

// execute runs a valid query with schema.Execute and returns its response
// indented as TestGolden's are, and whether schema.Execute answered.
func execute(t *testing.T, s graphql.Schema, query string) ([]byte, bool) {
	t.Helper()
	doc, err := parser.Parse(parser.ParseParams{Source: query})
	if err != nil || !graphql.ValidateDocument(&s, doc, nil).IsValid {
		return nil, false
	}
	var buf bytes.Buffer
	buf.WriteString(`{"data":`)
	if !schema.Execute(schema.WithRequestID(context.Background(), "req-1"), s, doc, "", nil, &buf) {
		return nil, false
	}
	buf.WriteByte('}')
	var out bytes.Buffer
	if err := json.Indent(&out, buf.Bytes(), "", "  "); err != nil {
		t.Fatalf("schema.Execute wrote bad JSON: %v\n%s", err, buf.Bytes())
	}
	out.WriteByte('\n')
	return out.Bytes(), true
}

// firstDiff shows the first line where want and got differ.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(w), len(g)) {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			return "line " + strconv.Itoa(i+1) + ":\n- " + wl + "\n+ " + gl
		}
	}
	return ""
}

type node struct{ ID, Name string }

func ids(ns []node) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

func TestOverlapBaclofenAlcohol(t *testing.T) {
	s := build(t, seeded(t))
	var data struct {
		Overlap struct {
			Shared, OnlyA, OnlyB []node
			Jaccard              float64
		}
	}
	decode(t, s, `{ overlap(a: "baclofen", b: "alcohol") {
		shared { id name } onlyA { id name } onlyB { id name } jaccard } }`, &data)
	o := data.Overlap
	for _, want := range []node{
		{"UMLS:C0013144", "drowsiness"},
		{"UMLS:C0012833", "dizziness"},
		{"UMLS:C0027497", "nausea"},
		{"UMLS:C0036572", "seizures"},
		{"UMLS:C0018524", "hallucinations"},
	} {
		if !slices.Contains(o.Shared, want) {
			t.Errorf("shared %v lacks %s (%s)", ids(o.Shared), want.Name, want.ID)
		}
	}
	if !slices.IsSortedFunc(o.Shared, func(a, b node) int { return strings.Compare(a.Name, b.Name) }) {
		t.Errorf("shared is not ordered by name: %v", o.Shared)
	}
	for _, n := range o.OnlyA {
		if slices.Contains(o.Shared, n) || slices.Contains(o.OnlyB, n) {
			t.Errorf("onlyA has %s, which is also shared or onlyB", n.Name)
		}
	}
	want := float64(len(o.Shared)) / float64(len(o.Shared)+len(o.OnlyA)+len(o.OnlyB))
	if o.Jaccard != want {
		t.Errorf("jaccard = %v, want %d/(%d+%d+%d) = %v", o.Jaccard, len(o.Shared), len(o.Shared), len(o.OnlyA), len(o.OnlyB), want)
	}
}

// TestBaclofenSources checks that every edge of baclofen says where it comes from.
func TestBaclofenSources(t *testing.T) {
	s := build(t, seeded(t))
	type source struct{ ID, Name, KnowledgeLevel, AgentType string }
	type edge struct {
		Effect, Condition, With *node
		Sources                 []source
	}
	var data struct {
		Drug struct{ Effects, Indications, Interactions []edge }
	}
	const src = `sources { id name knowledgeLevel agentType }`
	decode(t, s, `{ drug(name: "baclofen") {
		effects { effect { id name } `+src+` }
		indications { condition { id name } `+src+` }
		interactions { with { id name } `+src+` } } }`, &data)
	d := data.Drug
	for _, kind := range []struct {
		name  string
		edges []edge
	}{{"effect", d.Effects}, {"indication", d.Indications}, {"interaction", d.Interactions}} {
		if len(kind.edges) == 0 {
			t.Errorf("baclofen has no %s", kind.name)
		}
		for _, e := range kind.edges {
			end := e.Effect
			if end == nil {
				end = e.Condition
			}
			if end == nil {
				end = e.With
			}
			ok := slices.ContainsFunc(e.Sources, func(s source) bool {
				return s.ID != "" && s.Name != "" && s.KnowledgeLevel != "" && s.AgentType != ""
			})
			if !ok {
				t.Errorf("%s %s: no complete source in %+v", kind.name, end.Name, e.Sources)
			}
		}
	}
}

func TestInteractions(t *testing.T) {
	s := build(t, seeded(t))
	type fact struct {
		Subject, Object node
		Source          struct{ ID string }
	}
	type interaction struct {
		With      node
		Inferred  bool
		Severity  *string
		ImpliedBy []fact
	}
	get := func(drug string, inferred bool, sources string) []interaction {
		var data struct {
			Drug struct{ Interactions []interaction }
		}
		decode(t, s, `{ drug(name: "`+drug+`") { interactions(inferred: `+strconv.FormatBool(inferred)+sources+
			`) { with { id name } inferred severity impliedBy { subject { id } object { id } source { id } } } } }`, &data)
		return data.Drug.Interactions
	}
	find := func(is []interaction, with string) *interaction {
		for i := range is {
			if is[i].With.Name == with {
				return &is[i]
			}
		}
		return nil
	}
	const (
		byClass   = "DRUGBANK:DB00181-PG:cns-depressant@pgsrc:baclofen-withdrawal" // baclofen with other CNS depressants
		byClasses = "PG:cns-depressant-PG:cns-depressant@pgsrc:curated"            // any two CNS depressants
	)
	tests := []struct {
		drug, with string
		sources    string   // the sources argument
		absent     bool     // no interaction at all
		inferred   bool     // no fact states it for the pair
		impliedBy  []string // subject-object@source of each implying fact
	}{
		{drug: "baclofen", with: "ethanol", impliedBy: []string{byClass, byClasses}},
		{drug: "ethanol", with: "baclofen", impliedBy: []string{byClass, byClasses}},
		{drug: "baclofen", with: "acetaminophen"},
		{drug: "sodium oxybate", with: "hydrocodone and acetaminophen", inferred: true, impliedBy: []string{byClasses}},
		// One substance taken twice is not an interaction.
		{drug: "hydrocodone", with: "hydrocodone and acetaminophen", absent: true},
		{drug: "sodium oxybate", with: "calcium, magnesium, potassium, and sodium oxybates", absent: true},
		{drug: "baclofen", with: "baclofen", absent: true},
		// What the curation implies is not hidden by what the article states,
		// and the article implies nothing through memberships it does not state.
		{drug: "baclofen", with: "ethanol", sources: `, sources: ["pgsrc:curated"]`, inferred: true, impliedBy: []string{byClasses}},
		{drug: "baclofen", with: "ethanol", sources: `, sources: ["pgsrc:baclofen-withdrawal"]`},
		{drug: "baclofen", with: "sodium oxybate", sources: `, sources: ["pgsrc:baclofen-withdrawal"]`, absent: true},
	}
	for _, tt := range tests {
		t.Run(tt.drug+"+"+tt.with+tt.sources, func(t *testing.T) {
			it := find(get(tt.drug, true, tt.sources), tt.with)
			if tt.absent {
				if it != nil {
					t.Fatalf("%s interacts with %s: %+v", tt.drug, tt.with, *it)
				}
				return
			}
			if it == nil {
				t.Fatalf("%s has no interaction with %s", tt.drug, tt.with)
			}
			if it.Inferred != tt.inferred {
				t.Errorf("inferred = %v, want %v", it.Inferred, tt.inferred)
			}
			var implied []string
			for _, f := range it.ImpliedBy {
				implied = append(implied, f.Subject.ID+"-"+f.Object.ID+"@"+f.Source.ID)
			}
			if !slices.Equal(implied, tt.impliedBy) {
				t.Errorf("impliedBy = %v, want %v", implied, tt.impliedBy)
			}
			stated := find(get(tt.drug, false, tt.sources), tt.with)
			if (stated != nil) == tt.inferred {
				t.Errorf("interactions(inferred: false) has %s: %v, want %v", tt.with, stated != nil, !tt.inferred)
			}
		})
	}
}

// TestClasses checks that transitive classes add the classes' superclasses.
func TestClasses(t *testing.T) {
	s := build(t, seeded(t))
	var data struct {
		Drug struct{ All, Direct []node }
	}
	decode(t, s, `{ drug(name: "hydrocodone") {
		all: classes { id name } direct: classes(transitive: false) { id name } } }`, &data)
	tests := []struct {
		class       node
		all, direct bool
	}{
		{node{"PG:opioid-analgesic", "opioid analgesic"}, true, true},
		{node{"NDFRT:N0000000174", "opioid agonist"}, true, true},
		{node{"PG:cns-depressant", "CNS depressant"}, true, false},
		{node{"PG:analgesic", "analgesic"}, true, false},
		{node{"PG:non-opioid-analgesic", "non-opioid analgesic"}, false, false},
	}
	for _, tt := range tests {
		if got := slices.Contains(data.Drug.All, tt.class); got != tt.all {
			t.Errorf("classes has %s: %v, want %v", tt.class.Name, got, tt.all)
		}
		if got := slices.Contains(data.Drug.Direct, tt.class); got != tt.direct {
			t.Errorf("classes(transitive: false) has %s: %v, want %v", tt.class.Name, got, tt.direct)
		}
	}
}

func TestErrors(t *testing.T) {
	s := build(t, seeded(t))
	tests := []struct {
		query, code, msg string // msg is a part of the message
	}{
		{`{ drug(name: "notadrug") { id } }`, "NOT_FOUND", `"notadrug"`},
		{`{ effect(name: "notaneffect") { id } }`, "NOT_FOUND", `"notaneffect"`},
		{`{ overlap(a: "baclofen", b: "unobtainium") { jaccard } }`, "NOT_FOUND", `"unobtainium"`},
		{`{ overlap(a: "unobtainium", b: "baclofen") { jaccard } }`, "NOT_FOUND", `"unobtainium"`},
		{`{ condition(id: "DRUGBANK:DB00181") { id } }`, "NOT_FOUND", "DRUGBANK:DB00181"},
		{`{ node(id: "DRUGBANK:DB99999") { id } }`, "NOT_FOUND", "DRUGBANK:DB99999"},
		{`{ overlap(a: "baclofen", b: "CNS depressant") { jaccard } }`, "INVALID_ARGUMENT", "DrugClass"},
		{`{ drug { id } }`, "INVALID_ARGUMENT", "give either id or name"},
		{`{ drug(id: "DRUGBANK:DB00181", name: "baclofen") { id } }`, "INVALID_ARGUMENT", "give either id or name"},
		{`{ search(text: "alcohol", first: 0) { score } }`, "INVALID_ARGUMENT", "first"},
		{`{ search(text: "alcohol", first: 101) { score } }`, "INVALID_ARGUMENT", "first"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			res := run(s, tt.query)
			if len(res.Errors) != 1 {
				t.Fatalf("errors = %v, want one", res.Errors)
			}
			e := res.Errors[0]
			if e.Extensions["code"] != tt.code || !strings.Contains(e.Message, tt.msg) {
				t.Errorf("error %q code %v, want code %s and a message containing %s", e.Message, e.Extensions["code"], tt.code, tt.msg)
			}
			if len(e.Path) == 0 {
				t.Errorf("error %q has no path", e.Message)
			}
		})
	}
}

// failing is a store whose Effects fails as a broken backend would.
type failing struct{ *graph.Store }

var errDisk = errors.New("bolt: read /var/lib/pharmagraph/data.db: input/output error")

func (failing) Effects(context.Context, graph.ID, graph.Scope) ([]graph.EffectEdge, error) {
	return nil, errDisk
}

// TestInternalError checks that a store error reaches the log, not the client.
func TestInternalError(t *testing.T) {
	var log bytes.Buffer
	s, err := schema.New(failing{seeded(t)}, slog.New(slog.NewTextHandler(&log, nil)))
	if err != nil {
		t.Fatal(err)
	}
	res := run(s, `{ drug(name: "baclofen") { name effects { context } } }`)
	if len(res.Errors) != 1 {
		t.Fatalf("errors = %v, want one", res.Errors)
	}
	e := res.Errors[0]
	if want := "internal error (request req-1)"; e.Message != want {
		t.Errorf("message = %q, want %q", e.Message, want)
	}
	if e.Extensions["code"] != "INTERNAL" {
		t.Errorf("code = %v, want INTERNAL", e.Extensions["code"])
	}
	if b, _ := json.Marshal(res); bytes.Contains(b, []byte("input/output")) || bytes.Contains(b, []byte("/var/lib")) {
		t.Errorf("response shows the store error: %s", b)
	}
	if !strings.Contains(log.String(), "req-1") || !strings.Contains(log.String(), errDisk.Error()) {
		t.Errorf("log lacks the request id or the error:\n%s", log.String())
	}
}

// TestNamesakes checks that a name two vocabularies give one phenomenon
// answers one node and names the other, with the evidence that they match.
func TestNamesakes(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	prov := graph.Provenance{Source: "infores:hetionet"}
	if _, err := st.Write(ctx, graph.Batch{Nodes: []graph.NodeFact{
		{Node: graph.Node{ID: "MESH:D009325", Category: graph.Effect, Name: "Nausea"}, Provenance: prov},
	}}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MatchNames(ctx); err != nil {
		t.Fatal(err)
	}
	var data struct {
		Effect struct {
			ID           string
			Namesakes    []node
			ExactMatches []struct {
				Node  node
				Facts []struct {
					Description string
					Source      struct{ ID string }
				}
			}
		}
	}
	decode(t, build(t, st), `{ effect(name: "nausea") { id namesakes { id name }
		exactMatches { node { id name } facts { description source { id } } } } }`, &data)
	e := data.Effect
	if e.ID != "UMLS:C0027497" {
		t.Errorf("effect(name: nausea) = %s, want UMLS:C0027497, the nausea with facts", e.ID)
	}
	if len(e.Namesakes) != 1 || e.Namesakes[0].ID != "MESH:D009325" {
		t.Errorf("namesakes = %v, want MESH:D009325", e.Namesakes)
	}
	if len(e.ExactMatches) != 1 || e.ExactMatches[0].Node.ID != "MESH:D009325" || len(e.ExactMatches[0].Facts) != 1 ||
		e.ExactMatches[0].Facts[0].Source.ID != string(graph.NameMatch.ID) || !strings.Contains(e.ExactMatches[0].Facts[0].Description, "nausea") {
		t.Errorf("exactMatches = %+v, want MESH:D009325 by name match", e.ExactMatches)
	}
}

// TestAggregators checks that a fact's sources show the aggregators it came
// through, and that a direct fact shows none.
func TestAggregators(t *testing.T) {
	st := seeded(t)
	ctx := context.Background()
	f := graph.Fact{Subject: "DRUGBANK:DB00181", Predicate: graph.HasAdverseEvent, Object: "UMLS:C0009806",
		Qualifiers: map[graph.Qualifier]string{graph.QContext: string(graph.Adverse)},
		Provenance: graph.Provenance{Source: "infores:hetionet", Aggregators: []graph.ID{"infores:kgx-a", "infores:kgx-b"}}}
	if _, err := st.Write(ctx, graph.Batch{Facts: []graph.Fact{f}}); err != nil {
		t.Fatal(err)
	}
	var data struct {
		Drug struct {
			Effects []struct {
				Facts []struct {
					Source struct {
						ID          string
						Aggregators []string
					}
				}
			}
		}
	}
	decode(t, build(t, st), `{ drug(name: "baclofen") { effects(context: ADVERSE) { effect { id }
		facts { source { id aggregators } } } } }`, &data)
	var got []string
	for _, e := range data.Drug.Effects {
		for _, f := range e.Facts {
			got = append(got, f.Source.ID+"<"+strings.Join(f.Source.Aggregators, ",")+">")
		}
	}
	if !slices.Contains(got, "infores:hetionet<infores:kgx-a,infores:kgx-b>") || !slices.Contains(got, "pgsrc:baclofen-withdrawal<>") {
		t.Errorf("sources of baclofen's facts = %v; want hetionet's through two aggregators, the article's direct", got)
	}
}

// TestListOmissions checks that a list of grouped answers shows each field
// alone as it shows it among all the others, in a fragment: the parts of
// the answers the store leaves out for a selection that does not show them
// (the facts, what they agree on, the details of the nodes at the ends)
// are never those a selection shows.
func TestListOmissions(t *testing.T) {
	s := build(t, seeded(t))
	const fact = `{ subject { id } object { id } predicate source { id } severity context status }`
	lists := []struct {
		root, list, typ string
		ends, fields    []string
	}{
		{`drug(name: "baclofen")`, "effects", "EffectEdge", []string{"drug", "effect"}, []string{"context", "frequency", "severity"}},
		{`drug(name: "baclofen")`, "indications", "Indication", []string{"drug", "condition"}, []string{"status", "description"}},
		{`drug(name: "baclofen")`, "interactions", "Interaction", []string{"with"}, []string{"inferred", "severity", "mechanism", "description", "impliedBy " + fact}},
		{`effect(name: "seizures")`, "drugs", "EffectEdge", []string{"drug", "effect"}, []string{"context", "severity"}},
		{`condition(name: "spasticity")`, "treatments", "Indication", []string{"drug", "condition"}, []string{"status", "description"}},
	}
	for _, l := range lists {
		fields := append(slices.Clone(l.fields), "sources { id name section }", "disputed", "facts "+fact)
		all := slices.Clone(fields)
		for _, end := range l.ends {
			all = append(all, end+" { id name category synonyms xrefs description }")
			for _, f := range []string{"id", "name", "category", "synonyms", "xrefs", "description"} {
				fields = append(fields, end+" { "+f+" }")
			}
		}
		root := strings.SplitN(l.root, "(", 2)[0]
		read := func(selection string) []any {
			var data map[string]map[string][]any
			decode(t, s, `{ `+l.root+` { `+l.list+` { `+selection+` } } }`, &data)
			return data[root][l.list]
		}
		// A fragment keeps every part of the answers.
		full := read(`... on ` + l.typ + ` { ` + strings.Join(all, " ") + ` }`)
		if len(full) == 0 {
			t.Fatalf("%s %s: no answers", l.root, l.list)
		}
		for _, f := range fields {
			if got := read(f); !within(got, full) {
				t.Errorf("%s %s { %s }:\n alone %v\n among all fields %v", l.root, l.list, f, got, full)
			}
		}
	}
}

// within reports whether the decoded JSON got is part of full: the same
// value, with objects that may lack some of full's keys.
func within(got, full any) bool {
	switch g := got.(type) {
	case map[string]any:
		f, ok := full.(map[string]any)
		if !ok {
			return false
		}
		for k, v := range g {
			if w, ok := f[k]; !ok || !within(v, w) {
				return false
			}
		}
		return true
	case []any:
		f, ok := full.([]any)
		if !ok || len(f) != len(g) {
			return false
		}
		for i := range g {
			if !within(g[i], f[i]) {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(got, full)
}
