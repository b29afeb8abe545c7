package seeds_test

import (
	"bufio"
	"context"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	_ "github.com/cayleygraph/cayley/graph/memstore"

	"pharmagraph/graph"
	"pharmagraph/internal/realdata"
	"pharmagraph/loader"
	"pharmagraph/seeds"
)

// The tests below check that every fact the article
// /work/shared/sources/baclofen-withdrawal.txt states is in the seeds, found
// by the names a reader of the article would type.

const (
	article  graph.ID = "pgsrc:baclofen-withdrawal"
	curated  graph.ID = "pgsrc:curated"
	baclofen graph.ID = "DRUGBANK:DB00181"
)

// load returns a memory store that holds the seeds.
func load(t *testing.T) *graph.Store {
	t.Helper()
	ctx := context.Background()
	s, err := graph.Open(ctx, "memory", "", graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := loader.LoadFS(ctx, s, seeds.FS()); err != nil {
		t.Fatalf("LoadFS(seeds.FS()): %v", err)
	}
	return s
}

// lookup checks that name, as a reader would type it, names the node want.
func lookup(t *testing.T, s *graph.Store, name string, c graph.Category, want graph.ID) {
	t.Helper()
	n, err := s.Lookup(context.Background(), name, c)
	if err != nil {
		t.Errorf("Lookup(%q, %s): %v; want %s (a missing name or synonym)", name, c.Name(), err, want)
		return
	}
	if n.ID != want {
		t.Errorf("Lookup(%q, %s) = %s (%s), want %s", name, c.Name(), n.ID, n.Name, want)
	}
}

// checkArticle checks that the fact what has the article among its sources,
// with a section.
func checkArticle(t *testing.T, what string, ps []graph.Provenance) {
	t.Helper()
	for _, p := range ps {
		if p.Source == article {
			if p.Section == "" {
				t.Errorf("%s: from %s without a section", what, article)
			}
			return
		}
	}
	t.Errorf("%s: not from %s (sources %v)", what, article, ps)
}

// containsAll reports whether text holds every one of words, ignoring case.
func containsAll(text string, words []string) bool {
	text = strings.ToLower(text)
	for _, w := range words {
		if !strings.Contains(text, strings.ToLower(w)) {
			return false
		}
	}
	return true
}

// relation returns the edge subject -p-> object, or false.
func relation(t *testing.T, s *graph.Store, subject graph.ID, p graph.Predicate, object graph.ID) (graph.Relation, bool) {
	t.Helper()
	rels, err := s.Relations(context.Background(), subject, p)
	if err != nil {
		t.Fatalf("Relations(%s, %s): %v", subject, p.Short(), err)
	}
	for _, r := range rels {
		if r.Node.ID == object {
			return r, true
		}
	}
	return graph.Relation{}, false
}

func TestClasses(t *testing.T) {
	s := load(t)
	classes, err := s.Classes(context.Background(), baclofen, false)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string // as the article puts it
		want        graph.ID
		fromArticle bool
	}{
		{"muscle relaxer", "PG:skeletal-muscle-relaxant", true}, // "a prescription, GABA classified muscle relaxer"
		{"GABA analogue", "PG:gaba-analogue", true},             // "GABA classified"
		{"CNS depressant", "PG:cns-depressant", true},           // "It is a CNS depressant."
		{"GABA-B agonist", "NDFRT:N0000000116", false},          // how it acts on GABA: Hetionet's class
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup(t, s, tt.name, graph.DrugClass, tt.want)
			if !slices.ContainsFunc(classes, func(n graph.Node) bool { return n.ID == tt.want }) {
				t.Errorf("Classes(baclofen) = %v, want %s among them", ids(classes), tt.want)
			}
			r, ok := relation(t, s, baclofen, graph.MemberOf, tt.want)
			if !ok {
				t.Fatalf("no baclofen member_of %s", tt.want)
			}
			if tt.fromArticle {
				checkArticle(t, "baclofen member_of "+string(tt.want), r.Sources)
			}
		})
	}
}

func ids(ns []graph.Node) []graph.ID {
	out := make([]graph.ID, len(ns))
	for i, n := range ns {
		out[i] = n.ID
	}
	return out
}

func TestMechanism(t *testing.T) {
	s := load(t)
	tests := []struct {
		drug  string
		want  graph.ID
		words []string // in one mechanism statement from the article
	}{
		// "it inhibits reflexes at the spinal level by decreasing the responses to stimuli"
		{"baclofen", baclofen, []string{"not fully known", "reflexes", "spinal cord", "stimuli"}},
		// "GABA's principal role ... is to reduce neuronal excitability ... regulating muscle tone"
		{"GABA", "DRUGBANK:DB02530", []string{"inhibitory", "muscle tone"}},
		// "GABA is an amino acid chemical found in the human brain ... regulate nervousness and excitability"
		{"GABA", "DRUGBANK:DB02530", []string{"amino acid", "nervousness", "excitability"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.words, ", "), func(t *testing.T) {
			lookup(t, s, tt.drug, graph.Drug, tt.want)
			checkText(t, s, tt.want, graph.Mechanism, tt.words)
		})
	}
}

// checkText checks that subject has a p statement from the article that holds
// every one of words.
func checkText(t *testing.T, s *graph.Store, subject graph.ID, p graph.Predicate, words []string) {
	t.Helper()
	rels, err := s.Relations(context.Background(), subject, p)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rels {
		if containsAll(r.Text, words) {
			checkArticle(t, fmt.Sprintf("%s %s %q", subject, p.Short(), r.Text), r.Sources)
			return
		}
	}
	var texts []string
	for _, r := range rels {
		texts = append(texts, r.Text)
	}
	t.Errorf("no %s %s holds %q; have:\n%s", subject, p.Short(), words, strings.Join(texts, "\n"))
}

func TestIndications(t *testing.T) {
	s := load(t)
	// The article's own indications: a status only where it says one.
	got, err := s.Indications(context.Background(), baclofen, graph.Scope{Sources: []graph.ID{article}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		category graph.Category
		want     graph.ID
		status   graph.Status
		words    []string // in the description
	}{
		// "Dosing is gradual for treating spasticity."
		{"spasticity", graph.Condition, "UMLS:C0026838", "", []string{"gradually"}},
		// "It helps treat multiple sclerosis by relieving spasms and concomitant pain, clonus, and muscular rigidity."
		{"multiple sclerosis", graph.Condition, "DOID:2377", "", []string{"spasms", "pain", "clonus", "rigidity"}},
		{"muscle spasms", graph.Condition, "UMLS:C0037763", "", nil},
		{"clonus", graph.Condition, "UMLS:C0009024", "", nil},
		{"muscular rigidity", graph.Effect, "UMLS:C0026837", "", nil},
		{"pain", graph.Condition, "UMLS:C0030193", "", nil},
		// "it treats spasticity in neurologic disorders such as cerebral palsy and complex regional pain syndrome"
		{"cerebral palsy", graph.Condition, "PG:cerebral-palsy", "", []string{"spasticity"}},
		{"complex regional pain syndrome", graph.Condition, "UMLS:C0458219", "", []string{"spasticity"}},
		// "higher doses have shown remarkable promise for treating alcohol dependence"
		{"alcohol dependence", graph.Condition, "DOID:0050741", "", nil},
		// "Some people who have problems with alcohol, cocaine ... no longer crave those drugs."
		{"cocaine dependence", graph.Condition, "PG:cocaine-dependence", "", nil},
		// "some people use it off-label for relaxation, anxiety or depression"
		{"anxiety disorder", graph.Condition, "UMLS:C0003469", graph.OffLabel, nil},
		{"depressive disorder", graph.Condition, "UMLS:C0011581", graph.OffLabel, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup(t, s, tt.name, tt.category, tt.want)
			i := slices.IndexFunc(got, func(in graph.Indication) bool { return in.Condition.ID == tt.want })
			if i < 0 {
				t.Fatalf("the article does not say baclofen treats %s", tt.want)
			}
			in := got[i]
			if in.Status != tt.status {
				t.Errorf("baclofen treats %s: status %q, want %q", tt.want, in.Status, tt.status)
			}
			if !containsAll(in.Description, tt.words) {
				t.Errorf("baclofen treats %s: description %q, want %q in it", tt.want, in.Description, tt.words)
			}
			checkArticle(t, "baclofen treats "+string(tt.want), in.Sources)
		})
	}
	if len(got) != len(tests) {
		var ids []graph.ID
		for _, in := range got {
			ids = append(ids, in.Condition.ID)
		}
		t.Errorf("the article's indications are %v; want the %d above", ids, len(tests))
	}

	// Oral and intrathecal use for cerebral palsy are two claims, each with
	// the status that fits it.
	cp, err := s.Indications(context.Background(), baclofen, graph.Scope{Sources: []graph.ID{curated}})
	if err != nil {
		t.Fatal(err)
	}
	var statuses []graph.Status
	for _, in := range cp {
		if in.Condition.ID == "PG:cerebral-palsy" {
			statuses = append(statuses, in.Status)
			if len(in.Facts) != 1 {
				t.Errorf("cerebral palsy %s: %d facts, want one claim", in.Status, len(in.Facts))
			}
		}
	}
	if !slices.Equal(statuses, []graph.Status{graph.Approved, graph.OffLabel}) {
		t.Errorf("curated statuses of baclofen for cerebral palsy = %v, want APPROVED (intrathecal) and OFF_LABEL (oral)", statuses)
	}
}

// effect is an effect the article states, by the name it uses.
type effect struct {
	name      string
	want      graph.ID
	context   graph.Context
	frequency string // where the article says how often
}

// articleEffects lists every effect of baclofen the article states.
var articleEffects = []effect{
	// "Here is a list of some of the possible side effects:"
	{name: "Drowsiness", want: "UMLS:C0013144", context: graph.Adverse},
	{name: "Sedation", want: "UMLS:C0235195", context: graph.Adverse},
	{name: "Slower Rate of Talking", want: "UMLS:C1859270", context: graph.Adverse},
	{name: "Slurred Speech", want: "UMLS:C0234518", context: graph.Adverse},
	{name: "Dizzy", want: "UMLS:C0012833", context: graph.Adverse},
	{name: "Inability to Concentrate", want: "UMLS:C0233417", context: graph.Adverse},
	{name: "Loss of Coordination", want: "UMLS:C0520966", context: graph.Adverse},
	{name: "Memory Problems", want: "UMLS:C0233794", context: graph.Adverse},
	{name: "Delirium", want: "UMLS:C0011206", context: graph.Adverse},
	{name: "Headache", want: "UMLS:C0018681", context: graph.Adverse},
	{name: "Drowsiness or tiredness", want: "UMLS:C0013144", context: graph.Adverse},
	{name: "Nausea", want: "UMLS:C0027497", context: graph.Adverse},
	{name: "Difficulty sleeping", want: "UMLS:C0917801", context: graph.Adverse},
	{name: "Constipation", want: "UMLS:C0009806", context: graph.Adverse},
	{name: "Increased urination", want: "UMLS:C0042023", context: graph.Adverse},
	{name: "Physical weakness", want: "UMLS:C0004093", context: graph.Adverse},
	{name: "Dizziness", want: "UMLS:C0012833", context: graph.Adverse},
	// "it can result in mood changes or mental symptoms, including hallucinations, confusion, and depression"
	{name: "mood changes", want: "UMLS:C2939186", context: graph.Adverse},
	{name: "hallucinations", want: "UMLS:C0018524", context: graph.Adverse},
	{name: "confusion", want: "UMLS:C0009676", context: graph.Adverse},
	{name: "depression", want: "UMLS:C0011570", context: graph.Adverse},
	// "Take with food to avoid stomach upset."
	{name: "stomach upset", want: "UMLS:C0013395", context: graph.Adverse},
	// "it can cause kidney problems if not appropriately dosed"
	{name: "kidney problems", want: "UMLS:C1565489", context: graph.Adverse},

	// "severe withdrawal symptoms. They may be life-threatening and clinically
	// severe. These can include changes in mental status."
	{name: "changes in mental status", want: "UMLS:C0856054", context: graph.Withdrawal},
	// "If you try to stop taking it cold turkey, you can experience symptoms including:"
	{name: "Disorientation", want: "UMLS:C0233407", context: graph.Withdrawal},
	{name: "Dizziness", want: "UMLS:C0012833", context: graph.Withdrawal},
	{name: "Delirium", want: "UMLS:C0011206", context: graph.Withdrawal},
	{name: "Insomnia", want: "UMLS:C0917801", context: graph.Withdrawal},
	{name: "Hallucinations", want: "UMLS:C0018524", context: graph.Withdrawal},
	{name: "Nausea", want: "UMLS:C0027497", context: graph.Withdrawal},
	// "Abrupt drug discontinuation has resulted in adverse reactions that include
	// hallucinations, seizures, high fever, altered mental status, exaggerated
	// rebound spasticity, and muscle rigidity, that in rare cases has advanced
	// to rhabdomyolysis, multiple organ-system failure, and death."
	{name: "seizures", want: "UMLS:C0036572", context: graph.Withdrawal},
	{name: "high fever", want: "UMLS:C0015967", context: graph.Withdrawal},
	{name: "altered mental status", want: "UMLS:C0856054", context: graph.Withdrawal},
	{name: "exaggerated rebound spasticity", want: "PG:rebound-spasticity", context: graph.Withdrawal},
	{name: "muscle rigidity", want: "UMLS:C0026837", context: graph.Withdrawal},
	{name: "rhabdomyolysis", want: "UMLS:C0035410", context: graph.Withdrawal, frequency: "rare"},
	{name: "multiple organ-system failure", want: "UMLS:C0026766", context: graph.Withdrawal, frequency: "rare"},
	{name: "death", want: "UMLS:C1306577", context: graph.Withdrawal, frequency: "rare"},

	// "Overdoses can result in vomiting, difficulty breathing, seizures, and even death."
	{name: "vomiting", want: "UMLS:C0042963", context: graph.Overdose},
	{name: "difficulty breathing", want: "UMLS:C0235063", context: graph.Overdose},
	{name: "seizures", want: "UMLS:C0036572", context: graph.Overdose},
	{name: "death", want: "UMLS:C1306577", context: graph.Overdose},
}

func TestEffects(t *testing.T) {
	s := load(t)
	edges, err := s.Effects(context.Background(), baclofen, graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	type key struct {
		effect  graph.ID
		context graph.Context
	}
	got := map[key]graph.EffectEdge{}
	for _, e := range edges {
		got[key{e.Effect.ID, e.Context}] = e
	}
	for _, tt := range articleEffects {
		t.Run(string(tt.context)+"/"+tt.name, func(t *testing.T) {
			lookup(t, s, tt.name, "", tt.want)
			e, ok := got[key{tt.want, tt.context}]
			if !ok {
				t.Fatalf("baclofen has no %s effect %s", tt.context, tt.want)
			}
			checkArticle(t, fmt.Sprintf("baclofen %s %s", tt.context, tt.want), e.Sources)
			if tt.frequency != "" && e.Frequency != tt.frequency {
				t.Errorf("baclofen %s %s: frequency %q, want %q", tt.context, tt.want, e.Frequency, tt.frequency)
			}
		})
	}

	// The article's effects in each context are exactly these: an effect it
	// names twice ("Dizzy", "Dizziness") is one node, not two.
	for _, c := range graph.Contexts {
		want := map[graph.ID]bool{}
		for _, e := range articleEffects {
			if e.context == c {
				want[e.want] = true
			}
		}
		var missing, extra []string
		for id := range want {
			if _, ok := got[key{id, c}]; !ok {
				missing = append(missing, string(id))
			}
		}
		for _, e := range edges {
			if e.Context == c && !want[e.Effect.ID] && slices.ContainsFunc(e.Sources, func(p graph.Provenance) bool { return p.Source == article }) {
				extra = append(extra, fmt.Sprintf("%s (%s)", e.Effect.ID, e.Effect.Name))
			}
		}
		sort.Strings(missing)
		if len(missing) > 0 {
			t.Errorf("baclofen's %s effects from the article lack %v", c, missing)
		}
		if len(extra) > 0 {
			t.Errorf("baclofen's %s effects from the article include %v, which the article's list does not name: an effect it names twice split into two nodes?", c, extra)
		}
	}
}

// TestMerges checks that names the article gives one effect find one node.
func TestMerges(t *testing.T) {
	s := load(t)
	for _, names := range [][]string{
		{"Dizzy", "Dizziness"},
		{"Drowsiness or tiredness", "tiredness", "drowsiness"},
	} {
		t.Run(strings.Join(names, ", "), func(t *testing.T) {
			var found []graph.ID
			for _, name := range names {
				n, err := s.Lookup(context.Background(), name, graph.Effect)
				if err != nil {
					t.Errorf("Lookup(%q, Effect): %v", name, err)
					continue
				}
				found = append(found, n.ID)
			}
			slices.Sort(found)
			if found = slices.Compact(found); len(found) > 1 {
				t.Errorf("%q name %d nodes %v, want one", names, len(found), found)
			}
		})
	}
}

func TestInteractions(t *testing.T) {
	s := load(t)
	ctx := context.Background()
	got, err := s.Interactions(ctx, baclofen, false, graph.Scope{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		want graph.ID
	}{
		// "advise patients that the central nervous system effects may be addictive to those of alcohol"
		{"alcohol", "DRUGBANK:DB00898"},
		// "Some drugs can cause serious drug interactions. Two examples are:
		// 1) Acetaminophen or hydrocodone 2) calcium/magnesium/potassium/sodium"
		{"hydrocodone", "DRUGBANK:DB00956"},
		{"acetaminophen", "DRUGBANK:DB00316"},
		{"calcium/magnesium/potassium/sodium", "PG:calcium-magnesium-potassium-sodium-oxybates"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lookup(t, s, tt.name, graph.Drug, tt.want)
			i := slices.IndexFunc(got, func(in graph.Interaction) bool { return in.With.ID == tt.want })
			if i < 0 {
				t.Fatalf("baclofen does not interact with %s", tt.want)
			}
			if got[i].Inferred {
				t.Errorf("baclofen interacts with %s only by inference", tt.want)
			}
			checkArticle(t, "baclofen interacts_with "+string(tt.want), got[i].Sources)
		})
	}
	// "... and other CNS depressants": baclofen with the class, not the
	// class with itself, which the article does not say.
	t.Run("other CNS depressants", func(t *testing.T) {
		lookup(t, s, "CNS depressant", graph.DrugClass, "PG:cns-depressant")
		r, ok := relation(t, s, baclofen, graph.InteractsWith, "PG:cns-depressant")
		if !ok {
			t.Fatal("baclofen does not interact with CNS depressants")
		}
		checkArticle(t, "baclofen interacts_with CNS depressant", r.Sources)
		r, ok = relation(t, s, "PG:cns-depressant", graph.InteractsWith, "PG:cns-depressant")
		if !ok {
			t.Fatal("CNS depressants do not interact with each other")
		}
		if ps := r.Sources; len(ps) != 1 || ps[0].Source != curated {
			t.Errorf("CNS depressant interacts_with CNS depressant: sources %v, want %s alone", ps, curated)
		}
	})
}

func TestRelations(t *testing.T) {
	s := load(t)
	tests := []struct {
		predicate graph.Predicate
		name      string
		category  graph.Category
		want      graph.ID
		qualifier graph.Qualifier
		words     []string // in the qualifier
	}{
		// "Because it is primarily excreted unchanged through the kidneys, it
		// can cause kidney problems if not appropriately dosed."
		{graph.ExcretedVia, "kidneys", graph.Anatomy, "UBERON:0002113", graph.QDescription, []string{"unchanged"}},
		// "Possible exacerbation of psychotic disorders, schizophrenia, or confusional state."
		{graph.CautionIn, "psychotic disorders", graph.Condition, "UMLS:C0033975", "", nil},
		{graph.CautionIn, "schizophrenia", graph.Condition, "DOID:5419", "", nil},
		{graph.CautionIn, "confusional state", graph.Condition, "PG:confusional-state", "", nil},
		// "Store the tablet form of this medication at room temperature away
		// from light and moisture. Do not store it in the bathroom. Store the
		// liquid form in the refrigerator."
		{graph.HasDoseForm, "tablet", graph.DoseForm, "PG:tablet", graph.QStorage, []string{"room temperature", "light", "damp", "bathroom"}},
		{graph.HasDoseForm, "liquid form", graph.DoseForm, "PG:oral-liquid", graph.QStorage, []string{"refrigerator"}},
		// "It is also used in topical creams to help reduce pain and muscle spasms."
		{graph.HasDoseForm, "topical cream", graph.DoseForm, "PG:topical-cream", "", nil},
		// "Here are some of the ways people use it to get high:"
		{graph.MisusedBy, "oral", graph.Route, "PG:oral", graph.QDescription, []string{"more than the prescribed"}},
		{graph.MisusedBy, "snorting", graph.Route, "PG:intranasal", graph.QDescription, []string{"snorting"}},
		{graph.MisusedBy, "smoking", graph.Route, "PG:smoking", graph.QDescription, []string{"tobacco", "cannabis"}},
		{graph.MisusedBy, "injecting", graph.Route, "PG:injection", graph.QDescription, []string{"inject"}},
	}
	for _, tt := range tests {
		t.Run(tt.predicate.Short()+"/"+tt.name, func(t *testing.T) {
			lookup(t, s, tt.name, tt.category, tt.want)
			r, ok := relation(t, s, baclofen, tt.predicate, tt.want)
			if !ok {
				t.Fatalf("no baclofen %s %s", tt.predicate.Short(), tt.want)
			}
			if tt.qualifier != "" && !containsAll(r.Qualifiers[tt.qualifier], tt.words) {
				t.Errorf("baclofen %s %s: %s %q, want %q in it", tt.predicate.Short(), tt.want,
					tt.qualifier, r.Qualifiers[tt.qualifier], tt.words)
			}
			checkArticle(t, fmt.Sprintf("baclofen %s %s", tt.predicate.Short(), tt.want), r.Sources)
		})
	}
}

func TestText(t *testing.T) {
	s := load(t)
	tests := []struct {
		predicate graph.Predicate
		words     []string // in one statement
	}{
		// "Dosage generally starts with 5 mg ... gradually increasing"
		{graph.StartingDose, []string{"5 mg", "step by step"}},
		// "Most people can take it safely ... by sticking to the recommended doses."
		{graph.Warning, []string{"recommended dose"}},
		// "Abruptly stopping ... can result in severe withdrawal symptoms ...
		// doctors and pharmacists recommend tapering off the drug gradually ...
		// ALWAYS do it under a doctor's care."
		{graph.Warning, []string{"not stop it suddenly", "taper", "doctor"}},
		// "If any of these symptoms manifest, call 911 immediately."
		{graph.Warning, []string{"911"}},
		// "Take with food to avoid stomach upset."
		{graph.Warning, []string{"with food", "stomach"}},
		// "Patients should avoid the operation of automobiles or other dangerous machinery"
		{graph.Warning, []string{"drive", "machinery"}},
		// "the central nervous system effects may be addictive to those of
		// alcohol and other CNS depressants"
		{graph.Warning, []string{"drinking", "CNS depressants"}},
		// "it is not considered addictive and should not result in cravings"
		{graph.Warning, []string{"get high", "not regarded as addictive", "craving"}},
		// "someone abusing it may seem 'Out of it.'"
		{graph.Warning, []string{"out of it"}},
		// "its affordability, which may lead people to abuse it ... its sedative effects can be pleasurable"
		{graph.Warning, []string{"cheap", "misuse", "overdose"}},
		// "Do not flush medications down the toilet ... Consult your pharmacist or local waste disposal company."
		{graph.Warning, []string{"flush", "pharmacist", "waste disposal"}},
	}
	for _, tt := range tests {
		t.Run(tt.predicate.Short()+"/"+strings.Join(tt.words, ", "), func(t *testing.T) {
			checkText(t, s, baclofen, tt.predicate, tt.words)
		})
	}
}

// TestArticleSections checks every fact the seeds take from the article, not
// only those above, for a section.
func TestArticleSections(t *testing.T) {
	s := load(t)
	n := 0
	for _, id := range seedNodes(t).ids {
		for _, p := range graph.Predicates() {
			rels, err := s.Relations(context.Background(), id, p)
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range rels {
				for _, src := range r.Sources {
					if src.Source != article {
						continue
					}
					n++
					if src.Section == "" {
						t.Errorf("%s %s %s%s: from %s without a section", id, p.Short(), r.Node.ID, r.Text, article)
					}
				}
			}
		}
	}
	if n == 0 {
		t.Errorf("no facts from %s", article)
	}
}

func TestAlcohol(t *testing.T) {
	s := load(t)
	lookup(t, s, "alcohol", graph.Drug, "DRUGBANK:DB00898")
	lookup(t, s, "alcohol", "", "DRUGBANK:DB00898")
	for _, c := range graph.Contexts {
		edges, err := s.Effects(context.Background(), "DRUGBANK:DB00898", graph.Scope{Contexts: []graph.Context{c}})
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, e := range edges {
			if slices.ContainsFunc(e.Sources, func(p graph.Provenance) bool { return p.Source == curated && p.Section != "" }) {
				n++
			}
		}
		if n == 0 {
			t.Errorf("alcohol has no %s effects from %s", c, curated)
		}
	}
}

// nodes are the ids the seed files define, with their cross-references.
type nodes struct {
	ids   []graph.ID
	xrefs []graph.ID
}

// seedNodes reads the node files of the seeds.
func seedNodes(t *testing.T) nodes {
	t.Helper()
	names, err := fs.Glob(seeds.FS(), "*.tsv")
	if err != nil {
		t.Fatal(err)
	}
	var out nodes
	for _, name := range names {
		f, err := seeds.FS().Open(name)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(f)
		var header []string
		for sc.Scan() {
			line := sc.Text()
			if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
				continue
			}
			cells := strings.Split(line, "\t")
			if header == nil {
				header = cells
				if header[0] != "id" || header[1] != "category" {
					break // not a node file
				}
				continue
			}
			out.ids = append(out.ids, graph.ID(cells[0]))
			for _, x := range strings.Split(cells[4], "|") {
				if x = strings.TrimSpace(x); x != "" {
					out.xrefs = append(out.xrefs, graph.ID(x))
				}
			}
		}
		f.Close()
		if err := sc.Err(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	if len(out.ids) == 0 {
		t.Fatal("the seeds define no nodes")
	}
	return out
}

// TestIdentifiers checks that every UMLS and DrugBank id the seeds use, as a
// node id or as a cross-reference, is a real one: in SIDER's side-effect terms
// or in the DrugBank vocabulary.
func TestIdentifiers(t *testing.T) {
	umls := readColumn(t, realdata.Path(t, "sider4", "side-effect-terms.tsv"), "\t", 1)
	drugbank := readColumn(t, realdata.Path(t, "drugbank-vocabulary", "drugbank_vocabulary.csv"), ";", 2)
	s := load(t)
	ns := seedNodes(t)
	for _, id := range ns.ids {
		if _, err := s.Node(context.Background(), id); err != nil {
			t.Errorf("node %s of the seed files: %v", id, err)
		}
	}
	checked := 0
	for _, id := range append(ns.ids, ns.xrefs...) {
		prefix, local, _ := strings.Cut(string(id), ":")
		var known map[string]bool
		var where string
		switch prefix {
		case "UMLS":
			known, where = umls, "sider4/side-effect-terms.tsv"
		case "DRUGBANK":
			known, where = drugbank, "drugbank-vocabulary/drugbank_vocabulary.csv"
		default:
			continue
		}
		checked++
		if !known[local] {
			t.Errorf("%s is not in %s: an invented identifier?", id, where)
		}
	}
	if checked == 0 {
		t.Error("the seeds use no UMLS or DrugBank ids")
	}
}

// readColumn returns the first column of a data file whose columns sep
// separates, skipping its first skip lines.
func readColumn(t *testing.T, path string, sep string, skip int) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024)
	out := map[string]bool{}
	for line := 1; sc.Scan(); line++ {
		if line > skip {
			id, _, _ := strings.Cut(sc.Text(), sep)
			out[id] = true
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if len(out) == 0 {
		t.Fatalf("%s holds no ids", path)
	}
	return out
}

// TestArticleClaims checks that the rows credited to the article claim only
// what it says: the names it uses, and facts without the severities,
// statuses, identifiers and descriptions that other sources give.
func TestArticleClaims(t *testing.T) {
	raw, err := os.ReadFile(realdata.Path(t, "..", "sources", "baclofen-withdrawal.txt"))
	if err != nil {
		t.Fatal(err)
	}
	text := strings.Join(strings.Fields(strings.ToLower(string(raw))), " ")
	says := func(name string) bool { return strings.Contains(text, strings.ToLower(name)) }
	// Qualifiers the article gives, with the values it allows; nil allows any.
	allowed := map[string][]string{
		"context":     nil,
		"description": nil,
		"storage":     nil,
		"frequency":   {"rare"},                    // "in rare cases"
		"status":      {string(graph.OffLabel)},    // "some people use it off-label"
		"mechanism":   {"additive CNS depression"}, // "effects may be addictive [additive] to those of alcohol"
	}
	err = fs.WalkDir(seeds.FS(), ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := seeds.FS().Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sc := bufio.NewScanner(f)
		var header []string
		for line := 1; sc.Scan(); line++ {
			if sc.Text() == "" || strings.HasPrefix(sc.Text(), "#") {
				continue
			}
			cells := strings.Split(sc.Text(), "\t")
			if header == nil {
				header = cells
				continue
			}
			row := map[string]string{}
			for i, h := range header {
				row[h] = cells[i]
			}
			if row["source"] != string(article) {
				continue
			}
			at := fmt.Sprintf("%s:%d", path, line)
			if _, node := row["category"]; node {
				for _, name := range append([]string{row["name"]}, splitList(row["synonyms"])...) {
					if !says(name) {
						t.Errorf("%s: the article does not use the name %q", at, name)
					}
				}
				if row["xrefs"] != "" || row["description"] != "" {
					t.Errorf("%s: the article gives no identifiers or descriptions, but the row does", at)
				}
				continue
			}
			for _, kv := range splitQualifiers(row["qualifiers"]) {
				k, v, _ := strings.Cut(kv, "=")
				values, ok := allowed[k]
				if !ok || (values != nil && !slices.Contains(values, v)) {
					t.Errorf("%s: the article gives no %s %q", at, k, v)
				}
			}
		}
		return sc.Err()
	})
	if err != nil {
		t.Fatal(err)
	}
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, " | ")
}

func splitQualifiers(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "; ")
}

// TestInference checks what the class-level facts imply: never a drug with
// itself or a product with its own ingredient, and always with the fact
// that implies it.
func TestInference(t *testing.T) {
	s := load(t)
	ctx := context.Background()
	for _, tt := range []struct {
		drug    graph.ID
		never   []graph.ID // no interaction, stated or inferred
		implied graph.ID   // an interaction that only a class-level fact gives, if any
	}{
		{"DRUGBANK:DB00956", []graph.ID{"DRUGBANK:DB00956", "PG:hydrocodone-acetaminophen"}, ""},
		{"DRUGBANK:DB09072", []graph.ID{"DRUGBANK:DB09072", "PG:calcium-magnesium-potassium-sodium-oxybates"}, "PG:hydrocodone-acetaminophen"},
		{"PG:hydrocodone-acetaminophen", []graph.ID{"DRUGBANK:DB00956", "DRUGBANK:DB00316"}, "DRUGBANK:DB09072"},
	} {
		is, err := s.Interactions(ctx, tt.drug, true, graph.Scope{})
		if err != nil {
			t.Fatal(err)
		}
		for _, in := range is {
			if slices.Contains(tt.never, in.With.ID) {
				t.Errorf("%s interacts with %s (inferred %v)", tt.drug, in.With.ID, in.Inferred)
			}
			if in.Inferred && len(in.ImpliedBy) == 0 {
				t.Errorf("%s with %s is inferred from nothing", tt.drug, in.With.ID)
			}
			for _, f := range in.ImpliedBy {
				if f.Predicate != graph.InteractsWith || f.Source == "" {
					t.Errorf("%s with %s implied by %+v, want an interaction with its source", tt.drug, in.With.ID, f)
				}
			}
		}
		if tt.implied != "" && !slices.ContainsFunc(is, func(in graph.Interaction) bool { return in.With.ID == tt.implied && in.Inferred }) {
			t.Errorf("%s: no inferred interaction with %s", tt.drug, tt.implied)
		}
	}
}
