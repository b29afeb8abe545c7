package schema

import (
	"github.com/graphql-go/graphql"

	"pharmagraph/graph"
)

// list is [t!]!.
func list(t graphql.Type) graphql.Output {
	return graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(t)))
}

func nonNull(t graphql.Type) graphql.Output { return graphql.NewNonNull(t) }

// nodeFields are the fields every node type has, the Node interface's.
func (b *builder) nodeFields() graphql.Fields {
	node := source[graph.Node]
	return graphql.Fields{
		"id": {Type: graphql.NewNonNull(graphql.ID), Description: "The node's CURIE, e.g. DRUGBANK:DB00181.",
			Resolve: func(p graphql.ResolveParams) (any, error) { return string(node(p).ID), nil }},
		"name": {Type: nonNull(graphql.String), Description: "The preferred name.",
			Resolve: func(p graphql.ResolveParams) (any, error) { return &node(p).Name, nil }}, // no copy to box
		"category": {Type: nonNull(graphql.String), Description: "The node's category: Drug, DrugClass, Effect, Condition, Gene, DoseForm, Route or Anatomy.",
			Resolve: func(p graphql.ResolveParams) (any, error) { return node(p).Category.Name(), nil }},
		"biolinkCategory": {Type: nonNull(graphql.String), Description: "The category as a Biolink (or pg:) CURIE.",
			Resolve: func(p graphql.ResolveParams) (any, error) { return string(node(p).Category), nil }},
		"synonyms": {Type: list(graphql.String), Description: "Other names, sorted.",
			Resolve: func(p graphql.ResolveParams) (any, error) { return node(p).Synonyms, nil }},
		"xrefs": {Type: list(graphql.ID), Description: "The same thing in other vocabularies, as CURIEs.",
			Resolve: func(p graphql.ResolveParams) (any, error) {
				out := make([]string, len(node(p).Xrefs))
				for i, x := range node(p).Xrefs {
					out[i] = string(x)
				}
				return out, nil
			}},
		"description": {Type: graphql.String,
			Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(node(p).Description), nil }},
		"sources": {Type: list(b.source), Description: "The sources that name the node.",
			Resolve: func(p graphql.ResolveParams) (any, error) {
				ps, err := b.r.NodeSources(p.Context, node(p).ID)
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return ps, nil
			}},
		"namesakes": {Type: list(b.node),
			Description: "Other nodes that this node's preferred name fits as well, such as one symptom in two vocabularies. A lookup by that name answers the node with the most facts; these are the others.",
			Resolve: func(p graphql.ResolveParams) (any, error) {
				ns, err := b.r.Namesakes(p.Context, node(p).ID)
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return ns, nil
			}},
		"exactMatches": {Type: list(b.match),
			Description: "The same concept in other vocabularies: the nodes that biolink:exact_match facts link to this one, with those facts as evidence.",
			Resolve: func(p graphql.ResolveParams) (any, error) {
				ms, err := b.r.Matches(p.Context, node(p).ID)
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return ms, nil
			}},
	}
}

// nullable returns nil for an empty string, which GraphQL shows as null.
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// nodeTypes makes the Node interface and one object type per category.
func (b *builder) nodeTypes() {
	b.node = graphql.NewInterface(graphql.InterfaceConfig{
		Name:        "Node",
		Description: "A thing in the graph.",
		Fields:      graphql.FieldsThunk(b.nodeFields), // late: the fields refer to the interface
		ResolveType: func(p graphql.ResolveTypeParams) *graphql.Object {
			if t := b.types[sourceOf[graph.Node](p.Value).Category]; t != nil {
				return t
			}
			return b.other
		},
	})
	b.types = map[graph.Category]*graphql.Object{}
	descriptions := map[graph.Category]string{
		graph.Drug:      "A substance taken into the body: a medicine, alcohol, a neurotransmitter.",
		graph.DrugClass: "A pharmacological or therapeutic class of drugs. Classes nest.",
		graph.Effect:    "A clinical effect: a side effect, withdrawal symptom or overdose sign.",
		graph.Condition: "A disease or indication.",
		graph.Gene:      "A gene whose product a drug acts on.",
		graph.DoseForm:  "A form in which a drug is made: tablet, oral solution, cream.",
		graph.Route:     "A way a substance is taken.",
		graph.Anatomy:   "An organ or tissue.",
	}
	b.other = graphql.NewObject(graphql.ObjectConfig{
		Name:        "NamedThing",
		Description: "A node of a category outside the model, brought by an import: a biological process, a pathway.",
		Interfaces:  []*graphql.Interface{b.node},
		Fields:      b.nodeFields(),
	})
	for _, c := range graph.Categories() {
		fields := b.nodeFields()
		extra := b.categoryFields(c)
		b.types[c] = graphql.NewObject(graphql.ObjectConfig{
			Name:        c.Name(),
			Description: descriptions[c],
			Interfaces:  []*graphql.Interface{b.node},
			Fields: graphql.FieldsThunk(func() graphql.Fields {
				for k, f := range extra() {
					fields[k] = f
				}
				return fields
			}),
		})
	}
}

// categoryFields returns the fields one category adds to those of Node,
// made late because they refer to types made after it.
func (b *builder) categoryFields(c graph.Category) func() graphql.Fields {
	switch c {
	case graph.Drug:
		return b.drugFields
	case graph.Effect:
		return b.effectFields
	case graph.Condition:
		return b.conditionFields
	case graph.DrugClass:
		return b.classFields
	}
	return func() graphql.Fields { return graphql.Fields{} }
}

// sourceType describes the provenance of one fact.
func (b *builder) sourceType() {
	prov := source[graph.Provenance]
	info := func(p graphql.ResolveParams) (graph.Source, error) {
		s, err := b.r.Source(p.Context, prov(p).Source)
		if err != nil {
			return s, b.fail(p.Context, err)
		}
		return s, nil
	}
	b.source = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Source",
		Description: "Where a fact comes from: a document or data set, the part of it, and the Biolink knowledge level and agent type of the fact.",
		Fields: graphql.Fields{
			"id": {Type: graphql.NewNonNull(graphql.ID),
				Resolve: func(p graphql.ResolveParams) (any, error) { return string(prov(p).Source), nil }},
			"name": {Type: nonNull(graphql.String),
				Resolve: func(p graphql.ResolveParams) (any, error) {
					s, err := info(p)
					return s.Name, err
				}},
			"author": {Type: graphql.String,
				Resolve: func(p graphql.ResolveParams) (any, error) {
					s, err := info(p)
					return nullable(s.Author), err
				}},
			"section": {Type: graphql.String, Description: "The part of the source the fact comes from.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(prov(p).Section), nil }},
			"knowledgeLevel": {Type: nonNull(graphql.String), Description: "The Biolink knowledge_level.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return string(prov(p).KnowledgeLevel), nil }},
			"agentType": {Type: nonNull(graphql.String), Description: "The Biolink agent_type.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return string(prov(p).AgentType), nil }},
			"aggregators": {Type: list(graphql.ID),
				Description: "The sources the fact came through on its way from this one (Biolink aggregator_knowledge_source), as infores ids; empty when it came directly.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					out := make([]string, len(prov(p).Aggregators))
					for i, a := range prov(p).Aggregators {
						out[i] = string(a)
					}
					return out, nil
				}},
		},
	})
}
