package graph

import (
	"errors"
	"fmt"

	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/nquads"
)

// The vocabulary of the store's quads (quads.go), for code that reads them
// back from N-Quads, as the loader does. A node statement is described by
// quads of the Node* predicates, labelled by its annotation; an annotation,
// named AnnotationPrefix and a hash, by unlabelled quads of the Annotation*
// predicates and one QualifierPrefix+name quad for each qualifier; a source
// by unlabelled quads of the Source* predicates.
const (
	NodeCategory    = string(hasCategory)
	NodeName        = string(hasName)
	NodeSynonym     = string(hasSynonym)
	NodeXref        = string(hasXref)
	NodeDescription = string(hasDesc)

	AnnotationPrefix         = annPrefix
	AnnotationSource         = pSource
	AnnotationSection        = pSection
	AnnotationKnowledgeLevel = pKL
	AnnotationAgentType      = pAT
	AnnotationAggregator     = pAggr // one quad for each aggregator source
	QualifierPrefix          = qualifier

	SourceName           = string(hasName)
	SourceKnowledgeLevel = pKL
	SourceAgentType      = pAT
	SourceAuthor         = pAuthor
	SourceDescription    = string(hasDesc)
)

// NQuad is one N-Quads statement with the kinds of values the store's quads
// hold: IRIs, and plain strings as objects.
type NQuad struct {
	Subject, Predicate, Object string
	ObjectIsText               bool   // the object is a string, not an IRI
	Label                      string // empty for a statement without one
}

// ParseNQuad reads one line of N-Quads. A value of another kind (a blank
// node, a typed or language-tagged literal) is an error: the store holds
// none. With such an error the statement still holds the values that were
// of the right kind, so that a caller can say what the line stated.
func ParseNQuad(line string) (NQuad, error) {
	raw, err := nquads.Parse(line)
	if err != nil {
		return NQuad{}, fmt.Errorf("not an N-Quad: %v", err)
	}
	var q NQuad
	s, sok := raw.Subject.(quad.IRI)
	p, pok := raw.Predicate.(quad.IRI)
	l, lok := raw.Label.(quad.IRI)
	q.Subject, q.Predicate, q.Label = string(s), string(p), string(l)
	switch o := raw.Object.(type) {
	case quad.IRI:
		q.Object = string(o)
	case quad.String:
		q.Object, q.ObjectIsText = string(o), true
	default:
		if sok && pok {
			return q, fmt.Errorf("object %s is neither an IRI nor a plain string", raw.Object)
		}
	}
	switch {
	case !sok || !pok:
		return q, errors.New("subject and predicate must be IRIs")
	case raw.Label != nil && !lok:
		return q, fmt.Errorf("label %s is not an IRI", raw.Label)
	}
	return q, nil
}
