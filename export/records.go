package export

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"

	"pharmagraph/graph"
)

// nodeRecord is a node as the KGX formats and CSV write it.
type nodeRecord struct {
	ID          graph.ID         `json:"id"`
	Category    []graph.Category `json:"category"`
	Name        string           `json:"name,omitempty"`
	Synonym     []string         `json:"synonym,omitempty"`
	Xref        []graph.ID       `json:"xref,omitempty"`
	Description string           `json:"description,omitempty"`
	ProvidedBy  []graph.ID       `json:"provided_by"`
	Provenance  []provenance     `json:"provenance,omitempty"` // see setProvenance
}

// provenance is one source's statement of a node. The knowledge level and
// agent type are left out where they are the source's.
type provenance struct {
	Source         graph.ID             `json:"source"`
	Section        string               `json:"section,omitempty"`
	KnowledgeLevel graph.KnowledgeLevel `json:"knowledge_level,omitempty"`
	AgentType      graph.AgentType      `json:"agent_type,omitempty"`
}

func newNodeRecord(n graph.Node, provs []graph.Provenance) nodeRecord {
	r := nodeRecord{ID: n.ID, Category: []graph.Category{n.Category}, Name: n.Name, Synonym: n.Synonyms,
		Xref: n.Xrefs, Description: n.Description}
	for _, p := range provs {
		if !slices.Contains(r.ProvidedBy, p.Source) {
			r.ProvidedBy = append(r.ProvidedBy, p.Source)
		}
	}
	return r
}

// setProvenance lists the node's provenance, unless provided_by tells it all:
// one statement from each source, with no section and the source's knowledge
// level and agent type, as every node of a seed file has.
func (r *nodeRecord) setProvenance(provs []graph.Provenance, sources map[graph.ID]graph.Source) {
	ps := make([]provenance, len(provs))
	plain := len(provs) == len(r.ProvidedBy)
	for i, p := range provs {
		src := sources[p.Source]
		ps[i] = provenance{Source: p.Source, Section: p.Section}
		if p.KnowledgeLevel != src.KnowledgeLevel {
			ps[i].KnowledgeLevel = p.KnowledgeLevel
		}
		if p.AgentType != src.AgentType {
			ps[i].AgentType = p.AgentType
		}
		plain = plain && ps[i] == provenance{Source: p.Source}
	}
	if !plain {
		r.Provenance = ps
	}
}

// sourceMap returns every source of the store by id.
func sourceMap(ctx context.Context, r Reader) (map[graph.ID]graph.Source, error) {
	all, err := r.Sources(ctx)
	if err != nil {
		return nil, err
	}
	m := make(map[graph.ID]graph.Source, len(all))
	for _, s := range all {
		m[s.ID] = s
	}
	return m, nil
}

// edgeRecord is a fact as the KGX formats and CSV write it.
type edgeRecord struct {
	ID         string          `json:"id"`
	Subject    graph.ID        `json:"subject"`
	Predicate  graph.Predicate `json:"predicate"`
	Object     graph.ID        `json:"object,omitempty"`
	ObjectText string          `json:"object_text,omitempty"`
	factProps
}

// factProps is what every edge format writes of a fact beyond its ends:
// its provenance and qualifiers. Embedded, its JSON fields stand inline.
type factProps struct {
	PrimaryKnowledgeSource    graph.ID             `json:"primary_knowledge_source"`
	AggregatorKnowledgeSource []graph.ID           `json:"aggregator_knowledge_source,omitempty"`
	KnowledgeLevel            graph.KnowledgeLevel `json:"knowledge_level"`
	AgentType                 graph.AgentType      `json:"agent_type"`
	Section                   string               `json:"section,omitempty"`
	Context                   string               `json:"context,omitempty"`
	Status                    string               `json:"status,omitempty"`
	Frequency                 string               `json:"frequency,omitempty"`
	Severity                  string               `json:"severity,omitempty"`
	Mechanism                 string               `json:"mechanism,omitempty"`
	Description               string               `json:"description,omitempty"`
	Storage                   string               `json:"storage,omitempty"`
	Action                    string               `json:"action,omitempty"`
}

// qualifiers are the graph's edge qualifiers in column order.
var qualifiers = []graph.Qualifier{graph.QContext, graph.QStatus, graph.QFrequency, graph.QSeverity,
	graph.QMechanism, graph.QDescription, graph.QStorage, graph.QAction}

func (r *factProps) qualifier(q graph.Qualifier) *string {
	switch q {
	case graph.QContext:
		return &r.Context
	case graph.QStatus:
		return &r.Status
	case graph.QFrequency:
		return &r.Frequency
	case graph.QSeverity:
		return &r.Severity
	case graph.QMechanism:
		return &r.Mechanism
	case graph.QDescription:
		return &r.Description
	case graph.QStorage:
		return &r.Storage
	case graph.QAction:
		return &r.Action
	}
	return nil
}

// newEdgeRecord describes f, or fails for a qualifier that has no column:
// leaving it out would lose part of the fact.
func newEdgeRecord(f graph.Fact) (edgeRecord, error) {
	r := edgeRecord{ID: edgeID(f), Subject: f.Subject, Predicate: f.Predicate, Object: f.Object, ObjectText: f.Text,
		factProps: factProps{PrimaryKnowledgeSource: f.Source, AggregatorKnowledgeSource: f.Aggregators,
			KnowledgeLevel: f.KnowledgeLevel, AgentType: f.AgentType, Section: f.Section}}
	for q, v := range f.Qualifiers {
		p := r.qualifier(q)
		if p == nil {
			return r, fmt.Errorf("fact %s %s %s: qualifier %q has no column", f.Subject, f.Predicate, f.Object, q)
		}
		*p = v
	}
	return r, nil
}

// edgeID names a fact by a hash of everything it states, so that every
// export of the same fact gives it the same id.
func edgeID(f graph.Fact) string {
	h := sha256.New()
	for _, s := range []string{string(f.Subject), string(f.Predicate), string(f.Object), f.Text,
		string(f.Source), f.Section, string(f.KnowledgeLevel), string(f.AgentType)} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	for _, q := range qualifiers {
		if v, ok := f.Qualifiers[q]; ok {
			h.Write([]byte(q))
			h.Write([]byte{1})
			h.Write([]byte(v))
			h.Write([]byte{0})
		}
	}
	// Last, so that a fact without aggregators keeps the id it had before
	// they were exported.
	for _, x := range f.Aggregators {
		h.Write([]byte{2})
		h.Write([]byte(x))
	}
	return "pgedge:" + hex.EncodeToString(h.Sum(nil)[:16])
}
