package schema

import (
	"github.com/graphql-go/graphql"

	"pharmagraph/graph"
)

// contextList returns contexts as the values of the EffectContext enum.
func contextList(cs []graph.Context) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = string(c)
	}
	return out
}

func (b *builder) overlapField() *graphql.Field {
	o := func(p graphql.ResolveParams) graph.Overlap { return p.Source.(graph.Overlap) }
	shared := graphql.NewObject(graphql.ObjectConfig{
		Name:        "SharedEffect",
		Description: "An effect both drugs have, with the contexts in which each has it.",
		Fields: graphql.Fields{
			"effect": {Type: nonNull(b.types[graph.Effect]),
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.SharedEffect).Effect, nil }},
			"contextsA": {Type: list(contextEnum),
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return contextList(p.Source.(graph.SharedEffect).ContextsA), nil
				}},
			"contextsB": {Type: list(contextEnum),
				Resolve: func(p graphql.ResolveParams) (any, error) {
					return contextList(p.Source.(graph.SharedEffect).ContextsB), nil
				}},
		},
	})
	effects := func(f func(graph.Overlap) []graph.Node) graphql.FieldResolveFn {
		return func(p graphql.ResolveParams) (any, error) { return f(o(p)), nil }
	}
	overlap := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Overlap",
		Description: "The effects two drugs share and those only one of them has.",
		Fields: graphql.Fields{
			"a": {Type: nonNull(b.node), Resolve: func(p graphql.ResolveParams) (any, error) { return o(p).A, nil }},
			"b": {Type: nonNull(b.node), Resolve: func(p graphql.ResolveParams) (any, error) { return o(p).B, nil }},
			"shared": {Type: list(b.types[graph.Effect]), Description: "Effects of both, by name.",
				Resolve: effects(func(o graph.Overlap) []graph.Node {
					out := make([]graph.Node, len(o.Shared))
					for i, s := range o.Shared {
						out[i] = s.Effect
					}
					return out
				})},
			"sharedDetail": {Type: list(shared), Description: "Effects of both, with the contexts of each side.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return o(p).Shared, nil }},
			"onlyA": {Type: list(b.types[graph.Effect]), Resolve: effects(func(o graph.Overlap) []graph.Node { return o.OnlyA })},
			"onlyB": {Type: list(b.types[graph.Effect]), Resolve: effects(func(o graph.Overlap) []graph.Node { return o.OnlyB })},
			"jaccard": {Type: nonNull(graphql.Float), Description: "Shared effects over all distinct effects of the two; 0 when neither has any.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return o(p).Jaccard, nil }},
		},
	})
	return &graphql.Field{Type: nonNull(overlap),
		Description: "Which effects two drugs share. a and b take an id, a name or a synonym; a context narrows one side.",
		Args: graphql.FieldConfigArgument{
			"a":        {Type: graphql.NewNonNull(graphql.String)},
			"b":        {Type: graphql.NewNonNull(graphql.String)},
			"contextA": {Type: contextEnum},
			"contextB": {Type: contextEnum},
			"sources":  sourcesArg(),
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			var ids [2]graph.ID
			for i, arg := range []string{"a", "b"} {
				n, err := b.r.Lookup(p.Context, p.Args[arg].(string), "")
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				if n.Category != graph.Drug {
					return nil, invalid("overlap compares drugs: %s %q is a %s", arg, p.Args[arg], n.Category.Name())
				}
				ids[i] = n.ID
			}
			ov, err := b.r.Overlap(p.Context, ids[0], ids[1], graph.OverlapOptions{
				ContextsA: contexts(p, "contextA"), ContextsB: contexts(p, "contextB"), Sources: sourcesOf(p)})
			if err != nil {
				return nil, b.fail(p.Context, err)
			}
			return ov, nil
		}}
}
