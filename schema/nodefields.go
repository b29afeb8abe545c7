package schema

import (
	"github.com/graphql-go/graphql"

	"pharmagraph/graph"
)

func (b *builder) effectFields() graphql.Fields {
	return graphql.Fields{
		"drugs": {Type: list(b.effectEdge), Description: "The drugs that have this effect, by context, then name.",
			Args: graphql.FieldConfigArgument{"context": {Type: contextEnum, Description: "Only this context."},
				"sources": sourcesArg()},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				es, err := b.r.EffectOf(p.Context, id(p), listScope(p))
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return es, nil
			}},
		"drugsPage": b.pagedField(b.effectConnection, "The drugs that have this effect, by context, then name, one page at a time.",
			graphql.FieldConfigArgument{"context": {Type: contextEnum, Description: "Only this context."}, "sources": sourcesArg()},
			effectPage(func(p graphql.ResolveParams, pg graph.Page) (graph.EffectPage, error) {
				return b.r.EffectOfPage(p.Context, id(p), scope(p), pg)
			})),
	}
}

func (b *builder) conditionFields() graphql.Fields {
	return graphql.Fields{
		"treatments": {Type: list(b.indication), Description: "The drugs used for this condition.",
			Args: graphql.FieldConfigArgument{"status": {Type: statusEnum, Description: "Only this status."},
				"sources": sourcesArg()},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				is, err := b.r.Treatments(p.Context, id(p), listScope(p))
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return is, nil
			}},
		"treatmentsPage": b.pagedField(b.indicationConnection, "The drugs used for this condition, by status (none last), then drug name, one page at a time.",
			graphql.FieldConfigArgument{"status": {Type: statusEnum, Description: "Only this status."}, "sources": sourcesArg()},
			indicationPage(func(p graphql.ResolveParams, pg graph.Page) (graph.IndicationPage, error) {
				return b.r.TreatmentsPage(p.Context, id(p), scope(p), pg)
			})),
	}
}

func (b *builder) classFields() graphql.Fields {
	classEffect := graphql.NewObject(graphql.ObjectConfig{
		Name:        "ClassEffect",
		Description: "An effect found among the drugs of a class.",
		Fields: graphql.Fields{
			"effect": {Type: nonNull(b.types[graph.Effect]),
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.ClassEffect).Effect, nil }},
			"drugs": {Type: list(b.types[graph.Drug]), Description: "The class's drugs that have it.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.ClassEffect).Drugs, nil }},
			"share": {Type: nonNull(graphql.Float), Description: "The fraction of the class's drugs that have it; 1 means all.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.ClassEffect).Share, nil }},
		},
	})
	classEffects := func(p graphql.ResolveParams) ([]graph.ClassEffect, error) {
		es, err := b.r.ClassEffects(p.Context, id(p), contexts(p, "context")...)
		if err != nil {
			return nil, b.fail(p.Context, err)
		}
		return es, nil
	}
	nodes := func(f func(graphql.ResolveParams) ([]graph.Node, error)) graphql.FieldResolveFn {
		return func(p graphql.ResolveParams) (any, error) {
			ns, err := f(p)
			if err != nil {
				return nil, b.fail(p.Context, err)
			}
			return ns, nil
		}
	}
	contextArg := graphql.FieldConfigArgument{"context": {Type: contextEnum, Description: "Only this context."}}
	return graphql.Fields{
		"members": {Type: list(b.types[graph.Drug]), Description: "The drugs in the class.",
			Args: graphql.FieldConfigArgument{"transitive": {Type: graphql.Boolean, DefaultValue: true,
				Description: "Include the drugs of subclasses."}},
			Resolve: nodes(func(p graphql.ResolveParams) ([]graph.Node, error) {
				transitive, _ := p.Args["transitive"].(bool)
				return b.r.Members(p.Context, id(p), transitive)
			})},
		"membersPage": b.pagedField(b.connectionType(b.types[graph.Drug]), "The drugs in the class, by name, one page at a time.",
			graphql.FieldConfigArgument{"transitive": {Type: graphql.Boolean, DefaultValue: true,
				Description: "Include the drugs of subclasses."}},
			func(p graphql.ResolveParams, pg graph.Page) (connection, error) {
				transitive, _ := p.Args["transitive"].(bool)
				np, err := b.r.MembersPage(p.Context, id(p), transitive, pg)
				return connectionOf(np.Nodes, np.PageInfo), err
			}),
		"superclasses": {Type: list(b.types[graph.DrugClass]), Description: "The classes this one is a direct subclass of.",
			Resolve: nodes(func(p graphql.ResolveParams) ([]graph.Node, error) { return b.r.Superclasses(p.Context, id(p)) })},
		"subclasses": {Type: list(b.types[graph.DrugClass]), Description: "The direct subclasses.",
			Resolve: nodes(func(p graphql.ResolveParams) ([]graph.Node, error) { return b.r.Subclasses(p.Context, id(p)) })},
		"effects": {Type: list(classEffect), Args: contextArg,
			Description: "The effects of the class's drugs (subclasses included), most shared first.",
			Resolve:     func(p graphql.ResolveParams) (any, error) { return classEffects(p) }},
		"sharedEffects": {Type: list(b.types[graph.Effect]), Args: contextArg,
			Description: "The effects every drug of the class has.",
			Resolve: func(p graphql.ResolveParams) (any, error) {
				es, err := classEffects(p)
				if err != nil {
					return nil, err
				}
				out := []graph.Node{}
				for _, e := range es {
					if e.Share == 1 {
						out = append(out, e.Effect)
					}
				}
				return out, nil
			}},
	}
}
