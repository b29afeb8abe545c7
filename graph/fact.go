package graph

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"pharmagraph/graph/biolink"
)

// ErrNotFound is returned when a node, name or source is not in the store.
var ErrNotFound = errors.New("not found")

// ErrInvalid is returned when a fact, node or source breaks the data model.
var ErrInvalid = errors.New("invalid")

// Source is a document or data set that facts come from. Its JSON form is
// how an export's manifest lists it and a load reads it back.
type Source struct {
	ID             ID             `json:"id"`
	Name           string         `json:"name"`
	Author         string         `json:"author,omitempty"` // empty where the source names none
	KnowledgeLevel KnowledgeLevel `json:"knowledge_level"`
	AgentType      AgentType      `json:"agent_type"`
	Description    string         `json:"description,omitempty"`
}

// Provenance says where one fact comes from.
type Provenance struct {
	Source         ID
	Section        string         // the part of the source, e.g. "Withdrawal"; may be empty
	KnowledgeLevel KnowledgeLevel // empty means the source's
	AgentType      AgentType      // empty means the source's
	// Aggregators are the sources the fact came through from its source
	// (KGX's aggregator_knowledge_source), sorted; usually none. Nodes
	// have none.
	Aggregators []ID
}

// Node is a thing in the graph: a drug, an effect, a condition and so on.
type Node struct {
	ID          ID
	Category    Category
	Name        string
	Synonyms    []string // sorted
	Xrefs       []ID     // the same thing in other vocabularies, sorted
	Description string
}

// NodeFact states a node and the source that names it.
type NodeFact struct {
	Node
	Provenance
}

// Fact is one edge: a subject, a predicate and either an object node or,
// for a literal predicate, text; with its qualifiers and its provenance.
type Fact struct {
	Subject    ID
	Predicate  Predicate
	Object     ID     // for node predicates
	Text       string // for literal predicates
	Qualifiers map[Qualifier]string
	Provenance
}

// Batch is a set of sources, nodes and facts written together: all of it or
// none of it lands.
type Batch struct {
	Sources []Source
	Nodes   []NodeFact
	Facts   []Fact
}

// modelError is an error of the data model: it matches ErrInvalid.
type modelError struct{ msg string }

func (e *modelError) Error() string        { return e.msg }
func (e *modelError) Is(target error) bool { return target == ErrInvalid }

func invalidf(format string, args ...any) error {
	return &modelError{fmt.Sprintf(format, args...)}
}

// CheckSource reports what is wrong with s, or nil.
func CheckSource(s Source) error {
	switch {
	case s.ID == "":
		return invalidf("source without an id")
	case !validCURIE(s.ID):
		return invalidf("source id %q is not a CURIE (PREFIX:local)", s.ID)
	case s.Name == "":
		return invalidf("source %s has no name", s.ID)
	case !ValidKnowledgeLevel(s.KnowledgeLevel):
		return invalidf("source %s: knowledge_level %q is not a Biolink knowledge level", s.ID, s.KnowledgeLevel)
	case !ValidAgentType(s.AgentType):
		return invalidf("source %s: agent_type %q is not a Biolink agent type", s.ID, s.AgentType)
	}
	return nil
}

// CheckNode reports what is wrong with n, or nil.
func CheckNode(n NodeFact) error {
	switch {
	case !validCURIE(n.ID):
		return invalidf("node id %q is not a CURIE (PREFIX:local)", n.ID)
	case !validCURIE(ID(n.Category)):
		return invalidf("node %s: category %q is not a CURIE", n.ID, n.Category)
	case strings.TrimSpace(n.Name) == "":
		return invalidf("node %s has no name", n.ID)
	case n.Source == "":
		return invalidf("node %s names no source", n.ID)
	}
	for _, x := range n.Xrefs {
		if !validCURIE(x) {
			return invalidf("node %s: xref %q is not a CURIE", n.ID, x)
		}
	}
	if len(n.Aggregators) > 0 {
		return invalidf("node %s: aggregator sources are stated of facts only", n.ID)
	}
	return checkProvenance(n.Provenance)
}

// CheckFact reports what is wrong with f, or nil. category tells the
// category of a node id, and false for an unknown one.
func CheckFact(f Fact, category func(ID) (Category, bool)) error {
	sc, ok := category(f.Subject)
	if !ok {
		return invalidf("unknown subject %s", f.Subject)
	}
	r, ok := rules[f.Predicate]
	if !ok {
		return checkGeneric(f, category)
	}
	if f.Predicate.Literal() {
		if sc != Drug {
			return invalidf("%s takes a Drug subject, not %s %s", f.Predicate.Short(), sc.Name(), f.Subject)
		}
		if strings.TrimSpace(f.Text) == "" || f.Object != "" {
			return invalidf("%s takes text as its object", f.Predicate.Short())
		}
	} else {
		oc, ok := category(f.Object)
		if !ok {
			return invalidf("unknown object %s", f.Object)
		}
		// The model's pairs stand as they are (its Drug is any substance,
		// broader than biolink:Drug); a pair it allows by sameness, between
		// categories it does not name, must fit the Biolink Model too.
		switch {
		case slices.Contains(r.pairs, [2]Category{sc, oc}):
		case r.same && sc == oc:
			if err := checkBiolink(f, sc, oc); err != nil {
				return err
			}
		default:
			return invalidf("%s does not link %s %s to %s %s", f.Predicate.Short(), sc.Name(), f.Subject, oc.Name(), f.Object)
		}
		if f.Subject == f.Object && !(f.Predicate == InteractsWith && sc == DrugClass) {
			// a class may interact with itself: two CNS depressants do
			return invalidf("%s links %s to itself", f.Predicate.Short(), f.Subject)
		}
	}
	if r.required != "" && f.Qualifiers[r.required] == "" {
		return invalidf("%s needs a %s qualifier", f.Predicate.Short(), r.required)
	}
	for _, q := range sortedQualifiers(f.Qualifiers) {
		v := f.Qualifiers[q]
		if q != r.required && !slices.Contains(r.allowed, q) {
			return invalidf("%s takes no %s qualifier", f.Predicate.Short(), q)
		}
		if vs := r.valid[q]; vs != nil && !slices.Contains(vs, v) {
			return invalidf("%s %q is not one of %s", q, v, strings.Join(vs, ", "))
		}
		if strings.TrimSpace(v) == "" {
			return invalidf("empty %s qualifier", q)
		}
	}
	return checkProvenance(f.Provenance)
}

// checkGeneric checks an edge whose predicate the model does not know: a
// Biolink predicate between nodes its domain and range allow (see
// checkBiolink), or a predicate of another vocabulary between any two
// nodes; with the model's qualifiers.
func checkGeneric(f Fact, category func(ID) (Category, bool)) error {
	if !validCURIE(ID(f.Predicate)) {
		return invalidf("predicate %q is not a CURIE", f.Predicate)
	}
	if err := checkVocabulary(f.Predicate); err != nil {
		return invalidf("%v", err)
	}
	if f.Text != "" || f.Object == "" {
		return invalidf("%s takes a node as its object", f.Predicate)
	}
	oc, ok := category(f.Object)
	if !ok {
		return invalidf("unknown object %s", f.Object)
	}
	sc, _ := category(f.Subject)
	if err := checkBiolink(f, sc, oc); err != nil {
		return err
	}
	for _, q := range sortedQualifiers(f.Qualifiers) {
		if _, err := ParseQualifier(string(q)); err != nil {
			return invalidf("%v", err)
		}
		if strings.TrimSpace(f.Qualifiers[q]) == "" {
			return invalidf("empty %s qualifier", q)
		}
	}
	return checkProvenance(f.Provenance)
}

// checkBiolink checks the ends of a Biolink predicate against its domain
// and range in the Biolink Model, the hierarchy and mixins included. A node
// of a general category (NamedThing) may be of any category below it, and
// the model says nothing of categories outside it (pg:DrugClass), so an
// edge is refused only when the node's category is a Biolink class that no
// Biolink class shares with the domain or range: a Gene subject of
// has_active_ingredient (domain Drug), say.
func checkBiolink(f Fact, sc, oc Category) error {
	p := string(f.Predicate)
	if d := biolink.Domain(p); !biolink.Overlap(string(sc), d) {
		return invalidf("%s takes a subject that can be a %s, not %s %s", f.Predicate, d, sc.Name(), f.Subject)
	}
	if r := biolink.Range(p); !biolink.Overlap(string(oc), r) {
		return invalidf("%s takes an object that can be a %s, not %s %s", f.Predicate, r, oc.Name(), f.Object)
	}
	return nil
}

func checkProvenance(p Provenance) error {
	switch {
	case p.Source == "":
		return invalidf("no source")
	case p.KnowledgeLevel != "" && !ValidKnowledgeLevel(p.KnowledgeLevel):
		return invalidf("knowledge_level %q is not a Biolink knowledge level", p.KnowledgeLevel)
	case p.AgentType != "" && !ValidAgentType(p.AgentType):
		return invalidf("agent_type %q is not a Biolink agent type", p.AgentType)
	case !slices.IsSorted(p.Aggregators) || len(slices.Compact(slices.Clone(p.Aggregators))) != len(p.Aggregators):
		return invalidf("aggregator sources %q are not sorted and distinct", p.Aggregators)
	}
	for _, a := range p.Aggregators {
		if !validCURIE(a) {
			return invalidf("aggregator source %q is not a CURIE", a)
		}
	}
	return nil
}

// validCURIE reports whether id has a prefix, a colon and a local part, with
// no white space or characters that cannot stand in an IRI.
func validCURIE(id ID) bool {
	prefix, local, ok := strings.Cut(string(id), ":")
	return ok && prefix != "" && local != "" && !strings.ContainsAny(string(id), " \t\n<>\"{}|\\^`")
}
