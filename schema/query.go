package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"pharmagraph/graph"
)

// maxSearch is the most hits search returns.
const maxSearch = 100

func (b *builder) query() *graphql.Object {
	b.sourceType()
	b.factType()
	b.match = b.relationType("Match", "A node that names the same concept in another vocabulary, with the facts that say so.", "node", namedThing)
	b.nodeTypes()
	b.edgeTypes()
	hit := b.searchHit()
	fields := graphql.Fields{
		"node": {Type: b.node, Description: "The node with this id, of any category.",
			Args: graphql.FieldConfigArgument{"id": {Type: graphql.NewNonNull(graphql.ID)}},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				n, err := b.r.Node(p.Context, graph.ID(p.Args["id"].(string)))
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return n, nil
			}},
		"search": {Type: list(hit), Description: "Nodes whose names, synonyms or ids match text, best first: exact, then prefixes, starts of words, substrings, then names one typo away (two from 8 letters) with the first letter as typed, whole or as a prefix; ties go to the shorter name, then the node with more facts.",
			Args: graphql.FieldConfigArgument{
				"text":  {Type: graphql.NewNonNull(graphql.String)},
				"first": {Type: graphql.Int, DefaultValue: 10, Description: fmt.Sprintf("How many hits, 1 to %d.", maxSearch)},
			},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				first, _ := p.Args["first"].(int)
				if first < 1 || first > maxSearch {
					return nil, invalid("first must be between 1 and %d, not %d", maxSearch, first)
				}
				hits, err := b.r.Search(p.Context, p.Args["text"].(string), first)
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return hits, nil
			}},
		"searchPage": b.pagedField(b.connectionType(hit), "Every node search finds, in its order, one page at a time.",
			graphql.FieldConfigArgument{"text": {Type: graphql.NewNonNull(graphql.String)}},
			func(p graphql.ResolveParams, pg graph.Page) (connection, error) {
				hp, err := b.r.SearchPage(p.Context, p.Args["text"].(string), pg)
				return connectionOf(hp.Hits, hp.PageInfo), err
			}),
		"overlap":          b.overlapField(),
		"overlapAll":       b.overlapAllField(),
		"interactionCheck": b.interactionCheckField(),
		"similar":          b.similarField(),
		"neighbourhood":    b.neighbourhoodField(),
		"paths":            b.pathsField(),
		"facts":            b.factsField(),
		"factsPage":        b.factsPageField(),
		"stats":            b.statsField(),
		"sources": {Type: list(b.source), Description: "Every source of facts in the graph.",
			Resolve: func(p graphql.ResolveParams) (any, error) {
				ss, err := b.r.Sources(p.Context)
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				out := make([]graph.Provenance, len(ss))
				for i, s := range ss {
					out[i] = graph.Provenance{Source: s.ID, KnowledgeLevel: s.KnowledgeLevel, AgentType: s.AgentType}
				}
				return out, nil
			}},
	}
	for name, c := range map[string]graph.Category{"drug": graph.Drug, "effect": graph.Effect,
		"condition": graph.Condition, "drugClass": graph.DrugClass} {
		fields[name] = b.lookupField(c)
	}
	return graphql.NewObject(graphql.ObjectConfig{Name: "Query", Fields: fields})
}

// lookupField finds one node of category c by id or by name.
func (b *builder) lookupField(c graph.Category) *graphql.Field {
	kind := c.Name()
	return &graphql.Field{Type: b.types[c],
		Description: fmt.Sprintf("The %s with this id, or this name or synonym (any case).", kind),
		Args: graphql.FieldConfigArgument{
			"id":   {Type: graphql.ID},
			"name": {Type: graphql.String},
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			id, hasID := p.Args["id"].(string)
			name, hasName := p.Args["name"].(string)
			var n graph.Node
			var err error
			switch {
			case hasID == hasName:
				return nil, invalid("give either id or name")
			case hasID:
				n, err = b.r.Node(p.Context, graph.ID(id))
				if err == nil && n.Category != c {
					return nil, notFound("%s is a %s, not a %s", id, n.Category.Name(), kind)
				}
			default:
				n, err = b.r.Lookup(p.Context, name, c)
			}
			if err != nil {
				return nil, b.fail(p.Context, err)
			}
			return n, nil
		}}
}

func (b *builder) searchHit() *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name: "SearchHit",
		Fields: graphql.Fields{
			"score": {Type: nonNull(graphql.Float), Description: "1 for an exact name; less for a weaker match.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Hit).Score, nil }},
			"node": {Type: nonNull(b.node),
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Hit).Node, nil }},
			"matched": {Type: nonNull(graphql.String), Description: "The name, synonym, id or cross-reference of the node that matched, as the node gives it.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Hit).Matched, nil }},
			"typos": {Type: nonNull(graphql.Int), Description: "How many edits (a letter added, dropped, changed, or two swapped) the text is from matched: 0 when it holds it as typed.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Hit).Typos, nil }},
		},
	})
}

func (b *builder) statsField() *graphql.Field {
	count := func(name, key string, pretty func(string) string) *graphql.Object {
		return graphql.NewObject(graphql.ObjectConfig{
			Name: name,
			Fields: graphql.Fields{
				key: {Type: nonNull(graphql.String),
					Resolve: func(p graphql.ResolveParams) (any, error) { return pretty(p.Source.(graph.Count).Key), nil }},
				"count": {Type: nonNull(graphql.Int),
					Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Count).Count, nil }},
			},
		})
	}
	categoryCount := count("CategoryCount", "category", func(k string) string { return graph.Category(k).Name() })
	predicateCount := count("PredicateCount", "predicate", func(k string) string { return k })
	sourceCount := count("SourceCount", "source", func(k string) string { return k })
	st := func(p graphql.ResolveParams) graph.Stats { return p.Source.(graph.Stats) }
	stats := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Stats",
		Description: "What the graph holds.",
		Fields: graphql.Fields{
			"nodes": {Type: nonNull(graphql.Int), Resolve: func(p graphql.ResolveParams) (any, error) { return st(p).Nodes, nil }},
			"edges": {Type: nonNull(graphql.Int), Description: "Facts between nodes or from a node to text; an edge stated by two sources counts twice.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return st(p).Edges, nil }},
			"sources":    {Type: nonNull(graphql.Int), Resolve: func(p graphql.ResolveParams) (any, error) { return st(p).Sources, nil }},
			"categories": {Type: list(categoryCount), Resolve: func(p graphql.ResolveParams) (any, error) { return st(p).Categories, nil }},
			"bySource": {Type: list(sourceCount), Description: "Edges by the source that states them.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return st(p).BySource, nil }},
			"predicates": {Type: list(predicateCount), Resolve: func(p graphql.ResolveParams) (any, error) { return st(p).Predicates, nil }},
		},
	})
	return &graphql.Field{Type: nonNull(stats), Description: "Counts of nodes by category and edges by predicate.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			s, err := b.r.Stats(p.Context)
			if err != nil {
				return nil, b.fail(p.Context, err)
			}
			return s, nil
		}}
}
