package graph

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"
)

// How facts become quads. A node's properties and every edge are quads whose
// label is an annotation node: the fact's provenance and qualifiers. Facts
// with the same provenance and qualifiers share one annotation, so an edge
// costs one quad. Annotations and sources are described by quads without a
// label.
const (
	annPrefix = "pgann:"

	pSource   = "pg:source"
	pSection  = "pg:section"
	pKL       = "biolink:knowledge_level"
	pAT       = "biolink:agent_type"
	pAuthor   = "pg:author"
	pAggr     = "biolink:aggregator_knowledge_source"
	qualifier = "pg:" // + the qualifier's name
)

// annotation is the decoded label of a fact.
type annotation struct {
	prov       Provenance // with KnowledgeLevel and AgentType filled in
	qualifiers qualifierList
}

// qualifierValue is a qualifier and its value.
type qualifierValue struct {
	q Qualifier
	v string
}

// qualifierList holds qualifiers as pairs sorted by qualifier, one pair a
// qualifier. A graph has many annotations of a few qualifiers each, for
// which a map would cost hundreds of bytes.
type qualifierList []qualifierValue

// qualifiersOf returns the qualifiers of m as a list.
func qualifiersOf(m map[Qualifier]string) qualifierList {
	var l qualifierList
	for q, v := range m {
		l = l.with(q, v)
	}
	return l
}

// get returns the value of the qualifier q, or "".
func (l qualifierList) get(q Qualifier) string {
	if i, ok := l.find(q); ok {
		return l[i].v
	}
	return ""
}

// with returns the list with q set to v. It may change l's own array.
func (l qualifierList) with(q Qualifier, v string) qualifierList {
	i, ok := l.find(q)
	if ok {
		l[i].v = v
		return l
	}
	return slices.Insert(l, i, qualifierValue{q, v})
}

func (l qualifierList) find(q Qualifier) (int, bool) {
	return slices.BinarySearchFunc(l, q, func(qv qualifierValue, q Qualifier) int { return strings.Compare(string(qv.q), string(q)) })
}

// asMap returns the qualifiers as a map of their own, or nil for none.
func (l qualifierList) asMap() map[Qualifier]string {
	if len(l) == 0 {
		return nil
	}
	m := make(map[Qualifier]string, len(l))
	for _, qv := range l {
		m[qv.q] = qv.v
	}
	return m
}

func iri(id ID) quad.IRI { return quad.IRI(id) }

// annotationID names the annotation of a fact: a hash of its content, so that
// writing the same fact twice gives the same quads.
func annotationID(a annotation) ID {
	h := sha256.New()
	for _, s := range []string{string(a.prov.Source), a.prov.Section, string(a.prov.KnowledgeLevel), string(a.prov.AgentType)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, qv := range a.qualifiers {
		h.Write([]byte(qv.q))
		h.Write([]byte{1})
		h.Write([]byte(qv.v))
		h.Write([]byte{0})
	}
	// After the rest, so that the annotations of facts without aggregators
	// keep the ids they had before aggregators were stored.
	for _, x := range a.prov.Aggregators {
		h.Write([]byte{2})
		h.Write([]byte(x))
	}
	return ID(annPrefix + hex.EncodeToString(h.Sum(nil)[:16]))
}

func sortedQualifiers(m map[Qualifier]string) []Qualifier {
	qs := make([]Qualifier, 0, len(m))
	for q := range m {
		qs = append(qs, q)
	}
	sort.Slice(qs, func(i, j int) bool { return qs[i] < qs[j] })
	return qs
}

func annotationQuads(id ID, a annotation) []quad.Quad {
	s := iri(id)
	qs := []quad.Quad{
		{Subject: s, Predicate: quad.IRI(pSource), Object: iri(a.prov.Source)},
		{Subject: s, Predicate: quad.IRI(pKL), Object: quad.String(a.prov.KnowledgeLevel)},
		{Subject: s, Predicate: quad.IRI(pAT), Object: quad.String(a.prov.AgentType)},
	}
	if a.prov.Section != "" {
		qs = append(qs, quad.Quad{Subject: s, Predicate: quad.IRI(pSection), Object: quad.String(a.prov.Section)})
	}
	for _, x := range a.prov.Aggregators {
		qs = append(qs, quad.Quad{Subject: s, Predicate: quad.IRI(pAggr), Object: iri(x)})
	}
	for _, qv := range a.qualifiers {
		qs = append(qs, quad.Quad{Subject: s, Predicate: quad.IRI(qualifier + string(qv.q)), Object: quad.String(qv.v)})
	}
	return qs
}

func sourceQuads(src Source) []quad.Quad {
	s := iri(src.ID)
	qs := []quad.Quad{
		{Subject: s, Predicate: quad.IRI(hasName), Object: quad.String(src.Name)},
		{Subject: s, Predicate: quad.IRI(pKL), Object: quad.String(src.KnowledgeLevel)},
		{Subject: s, Predicate: quad.IRI(pAT), Object: quad.String(src.AgentType)},
	}
	if src.Author != "" {
		qs = append(qs, quad.Quad{Subject: s, Predicate: quad.IRI(pAuthor), Object: quad.String(src.Author)})
	}
	if src.Description != "" {
		qs = append(qs, quad.Quad{Subject: s, Predicate: quad.IRI(hasDesc), Object: quad.String(src.Description)})
	}
	return qs
}

func nodeQuads(n Node, label ID) []quad.Quad {
	s, l := iri(n.ID), iri(label)
	qs := []quad.Quad{
		{Subject: s, Predicate: quad.IRI(hasCategory), Object: quad.IRI(n.Category), Label: l},
		{Subject: s, Predicate: quad.IRI(hasName), Object: quad.String(n.Name), Label: l},
	}
	for _, syn := range n.Synonyms {
		qs = append(qs, quad.Quad{Subject: s, Predicate: quad.IRI(hasSynonym), Object: quad.String(syn), Label: l})
	}
	for _, x := range n.Xrefs {
		qs = append(qs, quad.Quad{Subject: s, Predicate: quad.IRI(hasXref), Object: iri(x), Label: l})
	}
	if n.Description != "" {
		qs = append(qs, quad.Quad{Subject: s, Predicate: quad.IRI(hasDesc), Object: quad.String(n.Description), Label: l})
	}
	return qs
}

func factQuad(f Fact, label ID) quad.Quad {
	var o quad.Value = iri(f.Object)
	if f.Predicate.Literal() {
		o = quad.String(f.Text)
	}
	return quad.Quad{Subject: iri(f.Subject), Predicate: quad.IRI(f.Predicate), Object: o, Label: iri(label)}
}

// text returns the string form of an IRI or a string value.
func text(v quad.Value) string {
	switch v := v.(type) {
	case quad.IRI:
		return string(v)
	case quad.String:
		return string(v)
	case nil:
		return ""
	}
	return v.String()
}

func isAnnotation(id string) bool { return strings.HasPrefix(id, annPrefix) }
