package graph

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"pharmagraph/graph/biolink"
)

// ID is a node identifier written as a CURIE, such as "DRUGBANK:DB00181"
// or "UMLS:C0013144". Nodes without an identifier in a public vocabulary
// get a project-local one under the "PG:" prefix.
type ID string

// Category is the kind of a node. Its value is the Biolink class CURIE where
// Biolink has one and a "pg:" CURIE where it does not.
type Category string

// The node categories.
const (
	Drug      Category = "biolink:Drug"              // any substance taken into the body, alcohol included
	DrugClass Category = "pg:DrugClass"              // a pharmacological or therapeutic class; classes nest
	Effect    Category = "biolink:PhenotypicFeature" // a clinical effect: drowsiness, seizure
	Condition Category = "biolink:Disease"           // a disease or indication: spasticity
	Gene      Category = "biolink:Gene"              // a gene whose product a drug acts on
	DoseForm  Category = "pg:DoseForm"               // a dose form: tablet, oral solution, topical cream
	Route     Category = "pg:Route"                  // a route by which a substance is taken
	Anatomy   Category = "biolink:AnatomicalEntity"  // an organ or tissue
)

var categoryNames = map[Category]string{
	Drug:      "Drug",
	DrugClass: "DrugClass",
	Effect:    "Effect",
	Condition: "Condition",
	Gene:      "Gene",
	DoseForm:  "DoseForm",
	Route:     "Route",
	Anatomy:   "Anatomy",
}

// Categories returns every known category, ordered by name.
func Categories() []Category {
	cs := make([]Category, 0, len(categoryNames))
	for c := range categoryNames {
		cs = append(cs, c)
	}
	sort.Slice(cs, func(i, j int) bool { return cs[i].Name() < cs[j].Name() })
	return cs
}

// Name returns the category's short name, such as "Drug"; for a category
// outside the model, its CURIE's local part ("BiologicalProcess").
func (c Category) Name() string {
	if n, ok := categoryNames[c]; ok {
		return n
	}
	_, local, _ := strings.Cut(string(c), ":")
	return local
}

// Known reports whether c is one of the model's categories. Imports may
// bring nodes of other categories (a Biolink class as a CURIE); they are
// kept, with generic edges only.
func (c Category) Known() bool {
	_, ok := categoryNames[c]
	return ok
}

// ParseCategory returns the category with the given short name or CURIE.
func ParseCategory(s string) (Category, error) {
	for c, n := range categoryNames {
		if strings.EqualFold(s, n) || s == string(c) {
			return c, nil
		}
	}
	return "", fmt.Errorf("unknown category %q", s)
}

// CategoryOf returns the category named by s: one of the model's, by its
// short name or CURIE, or any other CURIE as a category outside the model.
func CategoryOf(s string) (Category, error) {
	if c, err := ParseCategory(s); err == nil {
		return c, nil
	}
	if !validCURIE(ID(s)) {
		return "", fmt.Errorf("category %q is not a CURIE", s)
	}
	return Category(s), nil
}

// Predicate is the type of an edge. Its value is a Biolink predicate CURIE
// where Biolink has one and a "pg:" CURIE where it does not.
type Predicate string

// The predicates between nodes.
const (
	HasAdverseEvent Predicate = "biolink:has_adverse_event"                  // Drug -> Effect or Condition, qualified by a Context
	Treats          Predicate = "biolink:treats"                             // Drug -> Condition or Effect, qualified by a Status
	InteractsWith   Predicate = "biolink:interacts_with"                     // Drug <-> Drug, Gene <-> Gene; symmetric
	SubclassOf      Predicate = "biolink:subclass_of"                        // a node -> a broader node of its category
	MemberOf        Predicate = "biolink:member_of"                          // Drug -> DrugClass
	Binds           Predicate = "biolink:directly_physically_interacts_with" // Drug -> Gene
	CautionIn       Predicate = "pg:use_with_caution_in"                     // Drug -> Condition that the drug may worsen or that needs care
	HasDoseForm     Predicate = "pg:has_dose_form"                           // Drug -> DoseForm
	MisusedBy       Predicate = "pg:misused_by_route"                        // Drug -> Route by which it is misused
	ExcretedVia     Predicate = "pg:excreted_via"                            // Drug -> Anatomy
	HasIngredient   Predicate = "biolink:has_active_ingredient"              // a combination product -> a Drug it contains
	ExactMatch      Predicate = "biolink:exact_match"                        // a node <-> the same concept in another vocabulary; symmetric
)

// The predicates whose object is text rather than a node.
const (
	Mechanism    Predicate = "pg:mechanism"     // how the drug acts
	StartingDose Predicate = "pg:starting_dose" // the usual first dose
	Warning      Predicate = "pg:warning"       // advice on safe use
)

// The predicates that describe a node itself.
const (
	hasCategory Predicate = "biolink:category"
	hasName     Predicate = "biolink:name"
	hasSynonym  Predicate = "biolink:synonym"
	hasXref     Predicate = "biolink:xref"
	hasDesc     Predicate = "biolink:description"
)

// Qualifier names a property of an edge.
type Qualifier string

// The edge qualifiers.
const (
	QContext     Qualifier = "context"     // an EffectContext, on HasAdverseEvent
	QStatus      Qualifier = "status"      // an IndicationStatus, on Treats
	QFrequency   Qualifier = "frequency"   // how often an effect occurs, as the source says it
	QSeverity    Qualifier = "severity"    // how serious an effect or interaction is
	QMechanism   Qualifier = "mechanism"   // how an interaction comes about
	QDescription Qualifier = "description" // a sentence about the edge
	QStorage     Qualifier = "storage"     // how to keep a dose form
	QAction      Qualifier = "action"      // what a drug does to its target: agonist, inhibitor
)

// Context says when an effect occurs.
type Context string

// The effect contexts.
const (
	Adverse    Context = "ADVERSE"    // while the drug is taken as directed
	Withdrawal Context = "WITHDRAWAL" // on stopping the drug, above all abruptly
	Overdose   Context = "OVERDOSE"   // when too much is taken
)

// Contexts lists the effect contexts in their canonical order.
var Contexts = []Context{Adverse, Withdrawal, Overdose}

// Status says how firmly a drug is used for a condition.
type Status string

// The indication statuses.
const (
	Approved        Status = "APPROVED"        // a labelled indication
	OffLabel        Status = "OFF_LABEL"       // used in practice beyond the label
	Investigational Status = "INVESTIGATIONAL" // under study
)

// Statuses lists the indication statuses in their canonical order.
var Statuses = []Status{Approved, OffLabel, Investigational}

// KnowledgeLevel is the Biolink knowledge_level of a fact.
type KnowledgeLevel string

// The Biolink knowledge levels.
const (
	KnowledgeAssertion KnowledgeLevel = "knowledge_assertion"
	LogicalEntailment  KnowledgeLevel = "logical_entailment"
	Prediction         KnowledgeLevel = "prediction"
	StatisticalAssoc   KnowledgeLevel = "statistical_association"
	Observation        KnowledgeLevel = "observation"
	NotProvided        KnowledgeLevel = "not_provided"
)

// AgentType is the Biolink agent_type of a fact.
type AgentType string

// The Biolink agent types.
const (
	ManualAgent                 AgentType = "manual_agent"
	AutomatedAgent              AgentType = "automated_agent"
	DataAnalysisPipeline        AgentType = "data_analysis_pipeline"
	ComputationalModel          AgentType = "computational_model"
	TextMiningAgent             AgentType = "text_mining_agent"
	ImageProcessingAgent        AgentType = "image_processing_agent"
	ManualValidationOfAutoAgent AgentType = "manual_validation_of_automated_agent"
	NotProvidedAgent            AgentType = "not_provided"
)

// rule says what an edge of one predicate may connect and carry.
type rule struct {
	short     string                 // the name used in seed files
	pairs     [][2]Category          // allowed subject and object categories; none for a text object
	same      bool                   // also any two nodes of one category, the model's or another
	required  Qualifier              // a qualifier every such edge must have
	allowed   []Qualifier            // the other qualifiers it may have
	symmetric bool                   // a -> b means b -> a too
	valid     map[Qualifier][]string // the closed sets of values
}

var contextValues = []string{string(Adverse), string(Withdrawal), string(Overdose)}
var statusValues = []string{string(Approved), string(OffLabel), string(Investigational)}

var rules = map[Predicate]rule{
	// Biolink's ranges are DiseaseOrPhenotypicFeature: one concept (pain,
	// muscle spasm) is a condition in one source and a side effect in another.
	HasAdverseEvent: {short: "has_adverse_event", pairs: [][2]Category{{Drug, Effect}, {Drug, Condition}},
		required: QContext, allowed: []Qualifier{QFrequency, QSeverity, QDescription},
		valid: map[Qualifier][]string{QContext: contextValues}},
	// A source that does not say how firmly a drug is used gives no status.
	Treats: {short: "treats", pairs: [][2]Category{{Drug, Condition}, {Drug, Effect}},
		allowed: []Qualifier{QStatus, QDescription},
		valid:   map[Qualifier][]string{QStatus: statusValues}},
	// A class on either side stands for each of its drugs: the interaction
	// holds for every drug of the class, and reads infer those.
	InteractsWith: {short: "interacts_with", pairs: [][2]Category{{Drug, Drug}, {Drug, DrugClass}, {DrugClass, Drug}, {DrugClass, DrugClass}, {Gene, Gene}},
		allowed: []Qualifier{QSeverity, QMechanism, QDescription}, symmetric: true},
	HasIngredient: {short: "has_active_ingredient", pairs: [][2]Category{{Drug, Drug}}},
	ExactMatch: {short: "exact_match", pairs: [][2]Category{{Drug, Drug}, {DrugClass, DrugClass}, {Effect, Effect},
		{Effect, Condition}, {Condition, Effect}, {Condition, Condition}, {Gene, Gene}, {Anatomy, Anatomy}},
		allowed: []Qualifier{QDescription}, symmetric: true},
	// Ontologies in KGX (ChEBI's) state subclass_of between nodes of
	// categories outside the model, often NamedThing.
	SubclassOf: {short: "subclass_of", pairs: [][2]Category{{DrugClass, DrugClass}, {Effect, Effect}, {Condition, Condition}},
		same: true},
	MemberOf: {short: "member_of", pairs: [][2]Category{{Drug, DrugClass}}},
	Binds:    {short: "binds", pairs: [][2]Category{{Drug, Gene}}, allowed: []Qualifier{QAction}},
	CautionIn: {short: "use_with_caution_in", pairs: [][2]Category{{Drug, Condition}},
		allowed: []Qualifier{QDescription, QSeverity}},
	HasDoseForm:  {short: "has_dose_form", pairs: [][2]Category{{Drug, DoseForm}}, allowed: []Qualifier{QStorage}},
	MisusedBy:    {short: "misused_by_route", pairs: [][2]Category{{Drug, Route}}, allowed: []Qualifier{QDescription}},
	ExcretedVia:  {short: "excreted_via", pairs: [][2]Category{{Drug, Anatomy}}, allowed: []Qualifier{QDescription}},
	Mechanism:    {short: "mechanism"},
	StartingDose: {short: "starting_dose"},
	Warning:      {short: "warning"},
}

// Predicates returns every predicate between nodes or from a node to text,
// ordered by CURIE.
func Predicates() []Predicate {
	ps := make([]Predicate, 0, len(rules))
	for p := range rules {
		ps = append(ps, p)
	}
	sort.Slice(ps, func(i, j int) bool { return ps[i] < ps[j] })
	return ps
}

// ParsePredicate returns the predicate with the given short name, such as
// "has_adverse_event", or CURIE, such as "biolink:has_adverse_event".
func ParsePredicate(s string) (Predicate, error) {
	for p, r := range rules {
		if strings.EqualFold(s, r.short) || s == string(p) {
			return p, nil
		}
	}
	return "", fmt.Errorf("unknown predicate %q", s)
}

// PredicateOf returns the predicate named by s: one of the model's, by its
// short name or CURIE, or any other CURIE as a generic predicate. Imports
// use it so that an edge type the model does not know is kept, not dropped.
// A biolink: CURIE must be a predicate of the Biolink Model and a pg: one
// one of the model's: those vocabularies are known whole. Other
// vocabularies (hetionet:, RO:) are taken as they are.
func PredicateOf(s string) (Predicate, error) {
	if p, err := ParsePredicate(s); err == nil {
		return p, nil
	}
	if !validCURIE(ID(s)) {
		return "", fmt.Errorf("predicate %q is not a CURIE", s)
	}
	p := Predicate(s)
	if err := checkVocabulary(p); err != nil {
		return "", err
	}
	return p, nil
}

// checkVocabulary fails for a biolink: predicate that the Biolink Model
// lacks and a pg: predicate that the model lacks.
func checkVocabulary(p Predicate) error {
	switch {
	case p.Known():
	case strings.HasPrefix(string(p), "biolink:") && !biolink.IsPredicate(string(p)):
		return fmt.Errorf("unknown predicate %q: not a predicate of the Biolink Model %s", p, biolink.Version)
	case strings.HasPrefix(string(p), "pg:"):
		return fmt.Errorf("unknown predicate %q", p)
	}
	return nil
}

// Known reports whether p is one of the model's predicates.
func (p Predicate) Known() bool {
	_, ok := rules[p]
	return ok
}

// Short returns the predicate's name in seed files, such as "has_adverse_event".
func (p Predicate) Short() string {
	if r, ok := rules[p]; ok {
		return r.short
	}
	return string(p)
}

// Literal reports whether the predicate's object is text rather than a node.
func (p Predicate) Literal() bool {
	r, ok := rules[p]
	return ok && len(r.pairs) == 0
}

// Symmetric reports whether an edge of the predicate holds in both directions.
func (p Predicate) Symmetric() bool { return rules[p].symmetric }

// ParseQualifier returns the qualifier with the given name.
func ParseQualifier(s string) (Qualifier, error) {
	switch q := Qualifier(s); q {
	case QContext, QStatus, QFrequency, QSeverity, QMechanism, QDescription, QStorage, QAction:
		return q, nil
	}
	return "", fmt.Errorf("unknown qualifier %q", s)
}

// knowledgeLevels and agentTypes are the Biolink Model's values.
var (
	knowledgeLevels = biolink.KnowledgeLevels()
	agentTypes      = biolink.AgentTypes()
)

// ValidKnowledgeLevel reports whether k is a Biolink knowledge level.
func ValidKnowledgeLevel(k KnowledgeLevel) bool { return slices.Contains(knowledgeLevels, string(k)) }

// ValidAgentType reports whether a is a Biolink agent type.
func ValidAgentType(a AgentType) bool { return slices.Contains(agentTypes, string(a)) }
