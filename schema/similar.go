package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"pharmagraph/graph"
)

// maxSimilar is the most hits similar returns, and maxNeighbours the most
// neighbours neighbourhood shows in a group.
const (
	maxSimilar    = 100
	maxNeighbours = 1000
)

var similarByEnum = graphql.NewEnum(graphql.EnumConfig{
	Name:        "SimilarBy",
	Description: "What two drugs are compared by: the neighbours each has under one relation.",
	Values: graphql.EnumValueConfigMap{
		string(graph.ByEffects):      {Value: graph.ByEffects, Description: "The effects each has (has_adverse_event), in any context."},
		string(graph.ByIndications):  {Value: graph.ByIndications, Description: "The conditions each treats, with any status."},
		string(graph.ByTargets):      {Value: graph.ByTargets, Description: "The genes each binds."},
		string(graph.ByClasses):      {Value: graph.ByClasses, Description: "The classes each is a member of, and their superclasses: two benzodiazepines share benzodiazepine and every class above it."},
		string(graph.ByInteractions): {Value: graph.ByInteractions, Description: "The drugs a source says each interacts with (stated interactions, not inferred ones)."},
	},
})

func (b *builder) similarField() *graphql.Field {
	h := func(p graphql.ResolveParams) graph.Similarity { return p.Source.(graph.Similarity) }
	hit := graphql.NewObject(graphql.ObjectConfig{
		Name:        "SimilarDrug",
		Description: "A drug that shares neighbours with the one asked about.",
		Fields: graphql.Fields{
			"drug": {Type: nonNull(b.types[graph.Drug]), Resolve: func(p graphql.ResolveParams) (any, error) { return h(p).Drug, nil }},
			"count": {Type: nonNull(graphql.Int), Description: "How many neighbours the two share.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return len(h(p).Shared), nil }},
			"jaccard": {Type: nonNull(graphql.Float), Description: "The neighbours shared over the distinct neighbours of the two.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return h(p).Jaccard, nil }},
			"shared": {Type: list(b.node), Description: "The neighbours shared, by name.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return h(p).Shared, nil }},
		},
	})
	args := graphql.FieldConfigArgument{
		"drug":    {Type: graphql.NewNonNull(graphql.String)},
		"by":      {Type: graphql.NewNonNull(similarByEnum)},
		"first":   {Type: graphql.Int, DefaultValue: 20, Description: fmt.Sprintf("How many hits, 1 to %d.", maxSimilar)},
		"sources": sourcesArg(),
	}
	return &graphql.Field{Type: list(hit), Args: args,
		Description: "Other drugs ranked by the neighbours they share with a drug under one relation: by Jaccard index, then by the number shared, then by name and id. drug takes an id, a name or a synonym; it is never its own hit, and a drug with nothing in common is none.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			first, _ := p.Args["first"].(int)
			if first < 1 || first > maxSimilar {
				return nil, invalid("first must be between 1 and %d, not %d", maxSimilar, first)
			}
			d, err := b.r.Lookup(p.Context, p.Args["drug"].(string), graph.Drug)
			if err != nil {
				return nil, b.fail(p.Context, err)
			}
			hits, err := b.r.Similar(p.Context, d.ID, p.Args["by"].(graph.SimilarBy), first, graph.Scope{Sources: sourcesOf(p)})
			if err != nil {
				return nil, b.fail(p.Context, err)
			}
			return hits, nil
		}}
}

var directionEnum = graphql.NewEnum(graphql.EnumConfig{
	Name:        "Direction",
	Description: "Which end of a fact a node is.",
	Values: graphql.EnumValueConfigMap{
		"OUT": {Value: false, Description: "The node is the subject; its neighbours are the objects."},
		"IN":  {Value: true, Description: "The node is the object; its neighbours are the subjects."},
	},
})

func (b *builder) neighbourhoodField() *graphql.Field {
	g := func(p graphql.ResolveParams) graph.Neighbours { return p.Source.(graph.Neighbours) }
	neighbour := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Neighbour",
		Description: "A node at the other end of facts, with those facts.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return b.withEvidence(graphql.Fields{
				"node": {Type: nonNull(b.node), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Neighbour).Node, nil }},
			}, func(p graphql.ResolveParams) graph.Evidence { return p.Source.(graph.Neighbour).Evidence }, "the link")
		}),
	})
	group := graphql.NewObject(graphql.ObjectConfig{
		Name:        "NeighbourGroup",
		Description: "A node's neighbours under one predicate in one direction.",
		Fields: graphql.Fields{
			"predicate": {Type: nonNull(graphql.String), Description: "The predicate's CURIE.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return string(g(p).Predicate), nil }},
			"direction": {Type: nonNull(directionEnum), Resolve: func(p graphql.ResolveParams) (any, error) { return g(p).Incoming, nil }},
			"count": {Type: nonNull(graphql.Int), Description: "How many neighbours the group has; count less those shown is how many more there are.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return g(p).Count, nil }},
			"neighbours": {Type: list(neighbour), Description: "The first neighbours, by name.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return g(p).Nodes, nil }},
		},
	})
	return &graphql.Field{Type: list(group),
		Description: "A node's neighbours grouped by predicate and direction, ordered by predicate, outgoing first: for a graph view. Facts whose object is text link no neighbour.",
		Args: graphql.FieldConfigArgument{
			"id":         {Type: graphql.NewNonNull(graphql.ID)},
			"predicates": predicatesArg("Only these predicates"),
			"first":      {Type: graphql.Int, DefaultValue: 25, Description: fmt.Sprintf("How many neighbours each group shows, 0 to %d.", maxNeighbours)},
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			first, _ := p.Args["first"].(int)
			if first < 0 || first > maxNeighbours {
				return nil, invalid("first must be between 0 and %d, not %d", maxNeighbours, first)
			}
			preds, err := predicates(p)
			if err != nil {
				return nil, err
			}
			gs, err := b.r.Neighbourhood(p.Context, graph.ID(p.Args["id"].(string)), preds, first)
			if err != nil {
				return nil, b.fail(p.Context, err)
			}
			return gs, nil
		}}
}
