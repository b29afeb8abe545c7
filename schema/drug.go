package schema

import (
	"github.com/graphql-go/graphql"

	"pharmagraph/graph"
)

var contextEnum = graphql.NewEnum(graphql.EnumConfig{
	Name:        "EffectContext",
	Description: "When an effect occurs.",
	Values: graphql.EnumValueConfigMap{
		string(graph.Adverse):    {Value: string(graph.Adverse), Description: "While the drug is taken."},
		string(graph.Withdrawal): {Value: string(graph.Withdrawal), Description: "On stopping the drug, above all abruptly."},
		string(graph.Overdose):   {Value: string(graph.Overdose), Description: "When too much is taken."},
	},
})

var statusEnum = graphql.NewEnum(graphql.EnumConfig{
	Name:        "IndicationStatus",
	Description: "How firmly a drug is used for a condition.",
	Values: graphql.EnumValueConfigMap{
		string(graph.Approved):        {Value: string(graph.Approved), Description: "A labelled indication."},
		string(graph.OffLabel):        {Value: string(graph.OffLabel), Description: "Used beyond the label."},
		string(graph.Investigational): {Value: string(graph.Investigational), Description: "Under study."},
	},
})

// contexts returns the contexts an optional EffectContext argument asks for.
func contexts(p graphql.ResolveParams, arg string) []graph.Context {
	if c, ok := p.Args[arg].(string); ok {
		return []graph.Context{graph.Context(c)}
	}
	return nil
}

func id(p graphql.ResolveParams) graph.ID { return p.Source.(graph.Node).ID }

// edgeTypes makes the types of the drug's edges.
func (b *builder) edgeTypes() {
	b.effectEdge = graphql.NewObject(graphql.ObjectConfig{
		Name:        "EffectEdge",
		Description: "An effect of a drug in one context, with every source that states it.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			e := func(p graphql.ResolveParams) graph.EffectEdge { return p.Source.(graph.EffectEdge) }
			return graphql.Fields{
				"drug":   {Type: nonNull(b.types[graph.Drug]), Resolve: func(p graphql.ResolveParams) (any, error) { return e(p).Drug, nil }},
				"effect": {Type: nonNull(b.types[graph.Effect]), Resolve: func(p graphql.ResolveParams) (any, error) { return e(p).Effect, nil }},
				"context": {Type: nonNull(contextEnum),
					Resolve: func(p graphql.ResolveParams) (any, error) { return string(e(p).Context), nil }},
				"frequency": {Type: graphql.String, Description: "How often, as the source says it.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(e(p).Frequency), nil }},
				"severity": {Type: graphql.String, Description: "How serious, e.g. life-threatening.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(e(p).Severity), nil }},
				"sources": {Type: list(b.source), Resolve: func(p graphql.ResolveParams) (any, error) { return e(p).Sources, nil }},
			}
		}),
	})
	b.indication = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Indication",
		Description: "A condition a drug is used for, and how firmly.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			in := func(p graphql.ResolveParams) graph.Indication { return p.Source.(graph.Indication) }
			return graphql.Fields{
				"drug":      {Type: nonNull(b.types[graph.Drug]), Resolve: func(p graphql.ResolveParams) (any, error) { return in(p).Drug, nil }},
				"condition": {Type: nonNull(b.types[graph.Condition]), Resolve: func(p graphql.ResolveParams) (any, error) { return in(p).Condition, nil }},
				"status":    {Type: nonNull(statusEnum), Resolve: func(p graphql.ResolveParams) (any, error) { return string(in(p).Status), nil }},
				"description": {Type: graphql.String,
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(in(p).Description), nil }},
				"sources": {Type: list(b.source), Resolve: func(p graphql.ResolveParams) (any, error) { return in(p).Sources, nil }},
			}
		}),
	})
	b.interaction = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Interaction",
		Description: "What is known of taking a drug with another.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			in := func(p graphql.ResolveParams) graph.Interaction { return p.Source.(graph.Interaction) }
			return graphql.Fields{
				"with": {Type: nonNull(b.types[graph.Drug]), Resolve: func(p graphql.ResolveParams) (any, error) { return in(p).With, nil }},
				"severity": {Type: graphql.String,
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(in(p).Severity), nil }},
				"mechanism": {Type: graphql.String, Description: "How the interaction comes about, e.g. additive CNS depression.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(in(p).Mechanism), nil }},
				"description": {Type: graphql.String,
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(in(p).Description), nil }},
				"sources": {Type: list(b.source), Description: "The sources that state the interaction or, when it is inferred, the class-level interaction it follows from.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return in(p).Sources, nil }},
				"inferred": {Type: nonNull(graphql.Boolean), Description: "True when no source states it for the pair and it follows from the drugs' classes.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return in(p).Inferred, nil }},
				"impliedBy": {Type: list(b.types[graph.DrugClass]), Description: "The drug's classes whose interactions imply this one.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return in(p).ImpliedBy, nil }},
			}
		}),
	})
}

// relationType makes the type of an edge read with Relations: the node at
// the other end under endField, and the given qualifiers as string fields.
func (b *builder) relationType(name, desc, endField string, end graph.Category, qualifiers ...graph.Qualifier) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        name,
		Description: desc,
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			r := func(p graphql.ResolveParams) graph.Relation { return p.Source.(graph.Relation) }
			fs := graphql.Fields{
				"sources": {Type: list(b.source), Resolve: func(p graphql.ResolveParams) (any, error) { return r(p).Sources, nil }},
			}
			if end != "" {
				fs[endField] = &graphql.Field{Type: nonNull(b.types[end]),
					Resolve: func(p graphql.ResolveParams) (any, error) { return r(p).Node, nil }}
			} else {
				fs[endField] = &graphql.Field{Type: nonNull(graphql.String),
					Resolve: func(p graphql.ResolveParams) (any, error) { return r(p).Text, nil }}
			}
			for _, q := range qualifiers {
				fs[string(q)] = &graphql.Field{Type: graphql.String,
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(r(p).Qualifiers[q]), nil }}
			}
			return fs
		}),
	})
}

// relations resolves a list field with Relations.
func (b *builder) relations(t *graphql.Object, pred graph.Predicate, desc string) *graphql.Field {
	return &graphql.Field{Type: list(t), Description: desc,
		Resolve: func(p graphql.ResolveParams) (any, error) {
			rs, err := b.r.Relations(p.Context, id(p), pred)
			if err != nil {
				return nil, b.fail(p.Context, err)
			}
			return rs, nil
		}}
}

func (b *builder) drugFields() graphql.Fields {
	statement := b.relationType("Statement", "A statement about a drug, in words.", "text", "")
	return graphql.Fields{
		"effects": {Type: list(b.effectEdge), Description: "The drug's effects, by context, then name.",
			Args: graphql.FieldConfigArgument{"context": {Type: contextEnum, Description: "Only effects in this context."},
				"sources": sourcesArg()},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				es, err := b.r.Effects(p.Context, id(p), contexts(p, "context")...)
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return bySource(es, sourcesOf(p), func(e *graph.EffectEdge) *[]graph.Provenance { return &e.Sources }), nil
			}},
		"indications": {Type: list(b.indication), Description: "The conditions the drug is used for.",
			Args: graphql.FieldConfigArgument{"status": {Type: statusEnum, Description: "Only indications with this status."},
				"sources": sourcesArg()},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				var st []graph.Status
				if s, ok := p.Args["status"].(string); ok {
					st = append(st, graph.Status(s))
				}
				is, err := b.r.Indications(p.Context, id(p), st...)
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return bySource(is, sourcesOf(p), func(i *graph.Indication) *[]graph.Provenance { return &i.Sources }), nil
			}},
		"interactions": {Type: list(b.interaction), Description: "Interactions with other drugs, stated and inferred from classes.",
			Args: graphql.FieldConfigArgument{"inferred": {Type: graphql.Boolean, DefaultValue: true,
				Description: "Include interactions implied by interactions between the drugs' classes."},
				"sources": sourcesArg()},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				inferred, _ := p.Args["inferred"].(bool)
				is, err := b.r.Interactions(p.Context, id(p), inferred)
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return bySource(is, sourcesOf(p), func(i *graph.Interaction) *[]graph.Provenance { return &i.Sources }), nil
			}},
		"classes": {Type: list(b.types[graph.DrugClass]), Description: "The drug's classes.",
			Args: graphql.FieldConfigArgument{"transitive": {Type: graphql.Boolean, DefaultValue: true,
				Description: "Include the classes those classes belong to."}},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				transitive, _ := p.Args["transitive"].(bool)
				cs, err := b.r.Classes(p.Context, id(p), transitive)
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return cs, nil
			}},
		"targets": b.relations(b.relationType("Target", "A gene product the drug acts on.", "gene", graph.Gene, graph.QAction),
			graph.Binds, "The gene products the drug binds."),
		"doseForms": b.relations(b.relationType("DoseFormUse", "A form the drug comes in, and how to keep it.", "doseForm", graph.DoseForm, graph.QStorage),
			graph.HasDoseForm, "The forms the drug comes in."),
		"misuseRoutes": b.relations(b.relationType("MisuseRoute", "A way the drug is misused.", "route", graph.Route, graph.QDescription),
			graph.MisusedBy, "Ways the drug is misused."),
		"cautions": b.relations(b.relationType("Caution", "A condition in which the drug needs care or may do harm.", "condition", graph.Condition, graph.QSeverity, graph.QDescription),
			graph.CautionIn, "Conditions in which to use the drug with caution."),
		"excretion": b.relations(b.relationType("Excretion", "An organ through which the drug leaves the body.", "organ", graph.Anatomy, graph.QDescription),
			graph.ExcretedVia, "How the drug leaves the body."),
		"mechanism":    b.relations(statement, graph.Mechanism, "How the drug acts."),
		"startingDose": b.relations(statement, graph.StartingDose, "The usual first dose."),
		"warnings":     b.relations(statement, graph.Warning, "Advice on safe use."),
	}
}
