// Package biolink is what the knowledge graph needs of the Biolink Model
// (https://biolink.github.io/biolink-model/): its classes with their
// parents and mixins, its predicates with their parents, domains, ranges
// and inverses, and the values of knowledge_level and agent_type. The
// table in table.go is generated from the model's LinkML YAML, so that the
// binary needs no file at run time; a new Biolink version is a go generate
// away:
//
//	go generate ./graph/biolink
//
// Every name is a CURIE: biolink:Drug for the class "drug",
// biolink:treats for the slot "treats".
package biolink

//go:generate go run ./internal/gen/biolinkgen ../../../shared/data/biolink/biolink_model.yaml table.go

import "slices"

// class is a Biolink class: its parent and its mixins.
type class struct {
	isA    string
	mixins []string
	mixin  bool
}

// predicate is a Biolink predicate: a slot below biolink:related_to. A
// domain or range left empty is its parent's.
type predicate struct {
	isA       string
	domain    string
	rng       string
	inverse   string
	symmetric bool
}

// ancestors holds, for each class, the class itself and every class it is
// a kind of, through is_a and mixins.
var ancestors = func() map[string][]string {
	m := make(map[string][]string, len(classes))
	var walk func(c string, into []string) []string
	walk = func(c string, into []string) []string {
		if c == "" || slices.Contains(into, c) {
			return into
		}
		into = append(into, c)
		k := classes[c]
		into = walk(k.isA, into)
		for _, x := range k.mixins {
			into = walk(x, into)
		}
		return into
	}
	for c := range classes {
		m[c] = walk(c, nil)
	}
	return m
}()

// IsClass reports whether c is a Biolink class.
func IsClass(c string) bool {
	_, ok := classes[c]
	return ok
}

// IsA reports whether c is a kind of ancestor: c is ancestor, or descends
// from it through is_a or mixins. Both must be Biolink classes.
func IsA(c, ancestor string) bool { return slices.Contains(ancestors[c], ancestor) }

// Depth is how many classes c is a kind of, itself included, through is_a
// and mixins: the more specific class of two related ones is the deeper.
// It is 0 for a name that is not a Biolink class.
func Depth(c string) int { return len(ancestors[c]) }

// Overlap reports whether a thing can be both an a and a b: some Biolink
// class that is not a mixin is a kind of both. A node typed by a general
// class (NamedThing) may be of any class below it, so it overlaps with all
// of them; a Gene and a Disease never overlap, nor a Gene and
// ChemicalOrDrugOrTreatment, a mixin no kind of gene takes. Names that are
// not Biolink classes overlap with everything: the model says nothing of
// them.
func Overlap(a, b string) bool {
	if !IsClass(a) || !IsClass(b) {
		return true
	}
	for c, as := range ancestors {
		if !classes[c].mixin && slices.Contains(as, a) && slices.Contains(as, b) {
			return true
		}
	}
	return false
}

// IsPredicate reports whether p is a Biolink predicate.
func IsPredicate(p string) bool {
	_, ok := predicates[p]
	return ok
}

// Domain returns the class of a predicate's subjects, its own or its
// nearest parent's; empty when p is not a predicate.
func Domain(p string) string {
	return inherited(p, func(x predicate) string { return x.domain })
}

// Range returns the class of a predicate's objects, its own or its
// nearest parent's; empty when p is not a predicate.
func Range(p string) string {
	return inherited(p, func(x predicate) string { return x.rng })
}

func inherited(p string, field func(predicate) string) string {
	for seen := 0; p != "" && seen < len(predicates); seen++ {
		x, ok := predicates[p]
		if !ok {
			return ""
		}
		if v := field(x); v != "" {
			return v
		}
		p = x.isA
	}
	return ""
}

// Inverse returns the predicate that states p the other way round, or
// empty when the model names none. The model names it on one side only, so
// both sides are looked up.
func Inverse(p string) string {
	if inv := predicates[p].inverse; inv != "" {
		return inv
	}
	for q, x := range predicates {
		if x.inverse == p {
			return q
		}
	}
	return ""
}

// Symmetric reports whether p holds both ways.
func Symmetric(p string) bool { return predicates[p].symmetric }

// KnowledgeLevels returns the values of knowledge_level, in the model's order.
func KnowledgeLevels() []string { return slices.Clone(knowledgeLevels) }

// AgentTypes returns the values of agent_type, in the model's order.
func AgentTypes() []string { return slices.Clone(agentTypes) }
