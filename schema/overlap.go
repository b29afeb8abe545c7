package schema

import (
	"fmt"

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

func (b *builder) overlapAllField() *graphql.Field {
	subset := graphql.NewObject(graphql.ObjectConfig{
		Name:        "OverlapSubset",
		Description: "A combination of the compared drugs and the effects that they, and none of the other compared drugs, have.",
		Fields: graphql.Fields{
			"drugs": {Type: list(b.types[graph.Drug]), Description: "In the order asked for.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Subset).Drugs, nil }},
			"effects": {Type: list(b.types[graph.Effect]), Description: "By name.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Subset).Effects, nil }},
		},
	})
	o := func(p graphql.ResolveParams) graph.OverlapSet { return p.Source.(graph.OverlapSet) }
	set := graphql.NewObject(graphql.ObjectConfig{
		Name:        "OverlapSet",
		Description: "The effects of several drugs, each in the one combination of drugs that has it, as an UpSet plot shows them.",
		Fields: graphql.Fields{
			"drugs": {Type: list(b.types[graph.Drug]), Description: "The drugs compared, in the order asked for.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return o(p).Drugs, nil }},
			"all": {Type: list(b.types[graph.Effect]), Description: "The effects every drug has, by name.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return o(p).All, nil }},
			"subsets": {Type: list(subset),
				Description: "Every combination of drugs that has at least one effect exactly those drugs have: the largest first, then by the drugs' places in the list.",
				Resolve:     func(p graphql.ResolveParams) (any, error) { return o(p).Subsets, nil }},
			"only": {Type: list(subset), Description: "One entry per drug, in the order asked for: the effects that drug alone has (none, possibly).",
				Resolve: func(p graphql.ResolveParams) (any, error) { return o(p).Only, nil }},
		},
	})
	return &graphql.Field{Type: nonNull(set),
		Description: fmt.Sprintf("Which effects 2 to %d drugs (ids, names or synonyms, each once) share, and in which combinations; overlap compares two with more detail.", graph.MaxOverlapDrugs),
		Args: graphql.FieldConfigArgument{
			"drugs":   {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String)))},
			"context": {Type: contextEnum, Description: "Only effects in this context."},
			"sources": sourcesArg(),
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			ids, err := b.drugList(p, "drugs", graph.MaxOverlapDrugs)
			if err != nil {
				return nil, err
			}
			set, err := b.r.OverlapAll(p.Context, ids, scope(p))
			if err != nil {
				return nil, b.fail(p.Context, err)
			}
			return set, nil
		}}
}
