package loader

import (
	"context"

	"pharmagraph/graph"
)

// The Translator Information Resource Registry ids of the public data sets
// the loader reads (biolink/information-resource-registry, infores_catalog.yaml).
const (
	hetionetSource graph.ID = "infores:hetionet"
	siderSource    graph.ID = "infores:sider"
	drugbankSource graph.ID = "infores:drugbank"
)

// dataSources describes the data sets the loader knows, by id. A data set
// is one source however it reaches us: the DrugBank vocabulary and the
// ogbl-ddi interactions (whose edges name infores:drugbank) share one row,
// which the store must see the same each time.
var dataSources = map[graph.ID]graph.Source{
	hetionetSource: {ID: hetionetSource, Name: "Hetionet v1.0", Author: "Himmelstein et al.",
		KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.NotProvidedAgent,
		Description: "Hetionet v1.0, an integrative network of biomedical knowledge built for Project Rephetio (het.io)."},
	siderSource: {ID: siderSource, Name: "SIDER 4.1", Author: "Kuhn et al.",
		KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.TextMiningAgent,
		Description: "SIDER 4.1, the Side Effect Resource: side effects, their frequencies and indications mined from drug labels."},
	drugbankSource: {ID: drugbankSource, Name: "DrugBank",
		KnowledgeLevel: graph.KnowledgeAssertion, AgentType: graph.ManualAgent,
		Description: "DrugBank, a curated database of drugs, their names, identifiers, targets and interactions."},
}

// useSource notes that a row names the source id without defining it: the
// store's or a defining row's when there is one, else the known data set's
// or, for an id the loader does not know, a source named by its id that
// leaves knowledge level and agent type to each row.
func (p *parsed) useSource(ctx context.Context, at pos, id graph.ID) {
	if _, ok := p.implied[id]; ok {
		return
	}
	s, ok := dataSources[id]
	if !ok {
		s = graph.Source{ID: id, Name: string(id), KnowledgeLevel: graph.NotProvided, AgentType: graph.NotProvidedAgent}
	}
	p.implySource(ctx, at, s)
}

// implySource notes s as the source of rows that name it without defining
// it, the first at at, unless the store has its id. check writes s only
// when a row it accepts uses it, and rejects the rows that use it when s is
// invalid: a rejected row writes nothing, its source included.
func (p *parsed) implySource(ctx context.Context, at pos, s graph.Source) {
	if _, ok := p.implied[s.ID]; ok || p.w.HasSource(ctx, s.ID) {
		return
	}
	p.implied[s.ID] = impliedSource{s, at}
}

// impliedSource is a source that rows name without defining it, and the
// first row that names it.
type impliedSource struct {
	graph.Source
	at pos
}

// defineSource adds the source s, which a file defines (a manifest, a dump
// of a store), unless the store or an earlier row of the load has its id: a
// source is defined once.
func (p *parsed) defineSource(ctx context.Context, at pos, s graph.Source) {
	seen, _ := p.state["sources"].(map[graph.ID]bool)
	if seen == nil {
		seen = map[graph.ID]bool{}
		p.state["sources"] = seen
	}
	if seen[s.ID] {
		return
	}
	seen[s.ID] = true
	if !p.w.HasSource(ctx, s.ID) {
		p.addSource(at, s)
	}
}
