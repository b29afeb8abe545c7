package schema

import (
	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

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

func id(p graphql.ResolveParams) graph.ID { return source[graph.Node](p).ID }

// scope returns the scope a list field's arguments ask for: its sources,
// its context and its status.
func scope(p graphql.ResolveParams) graph.Scope {
	sc := graph.Scope{Sources: sourcesOf(p), Contexts: contexts(p, "context")}
	if s, ok := p.Args["status"].(string); ok {
		sc.Statuses = []graph.Status{graph.Status(s)}
	}
	return sc
}

// listScope is scope for a list field of grouped answers (effects,
// indications, interactions): it omits what the field's selection does not
// show (see graph.Omission). The facts, when it names neither facts nor
// impliedBy; what they agree on, when it names no field but the answer's
// ends, context, status and inferred; the details of the nodes at the
// ends, when their selections name no synonyms, xrefs or description. A
// fragment keeps everything at its level.
func listScope(p graphql.ResolveParams) graph.Scope {
	sc := scope(p)
	sc.Omit = graph.OmitFacts | graph.OmitSummary | graph.OmitDetails
	for _, f := range p.Info.FieldASTs {
		if f.SelectionSet == nil {
			continue
		}
		for _, s := range f.SelectionSet.Selections {
			fd, ok := s.(*ast.Field)
			if !ok {
				sc.Omit = 0
				return sc
			}
			switch fd.Name.Value {
			case "facts", "impliedBy":
				sc.Omit &^= graph.OmitFacts
			case "drug", "effect", "condition", "with":
				if detailed(fd) {
					sc.Omit &^= graph.OmitDetails
				}
			case "context", "status", "inferred", "__typename":
			default: // sources, disputed and the qualifiers the facts agree on
				sc.Omit &^= graph.OmitSummary
			}
		}
	}
	return sc
}

// detailed reports whether the selection of a node field may show more of
// the node than its id, category and name: a fragment, or a field that
// reads its synonyms, xrefs or description.
func detailed(f *ast.Field) bool {
	if f.SelectionSet == nil {
		return false
	}
	for _, s := range f.SelectionSet.Selections {
		fd, ok := s.(*ast.Field)
		if !ok {
			return true
		}
		switch fd.Name.Value {
		case "synonyms", "xrefs", "description":
			return true
		}
	}
	return false
}

// withEvidence adds to fields the facts behind a grouped answer and the
// qualifiers on which they disagree.
func (b *builder) withEvidence(fields graphql.Fields, ev func(p graphql.ResolveParams) graph.Evidence, what string) graphql.Fields {
	fields["facts"] = &graphql.Field{Type: list(b.fact),
		Description: "The facts behind " + what + ", one claim of one source each, with that source's qualifiers only.",
		Resolve:     func(p graphql.ResolveParams) (any, error) { return ev(p).Facts, nil }}
	fields["disputed"] = &graphql.Field{Type: list(graphql.String),
		Description: "The qualifiers to which the facts give different values, e.g. severity; each such field above is then null, and facts shows who says what.",
		Resolve: func(p graphql.ResolveParams) (any, error) {
			out := []string{}
			for _, q := range ev(p).Disputed {
				out = append(out, string(q))
			}
			return out, nil
		}}
	return fields
}

// evidenceType makes the object type of a grouped answer of Go type T, with
// the fields that fields makes from a getter of the source and the facts
// behind it (see withEvidence).
func evidenceType[T any](b *builder, name, desc, what string, ev func(*T) graph.Evidence, fields func(get func(graphql.ResolveParams) *T) graphql.Fields) *graphql.Object {
	get := source[T]
	return graphql.NewObject(graphql.ObjectConfig{Name: name, Description: desc,
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			return b.withEvidence(fields(get), func(p graphql.ResolveParams) graph.Evidence { return ev(get(p)) }, what)
		})})
}

// edgeTypes makes the types of the drug's edges.
func (b *builder) edgeTypes() {
	b.effectEdge = evidenceType(b, "EffectEdge", "An effect of a drug in one context, with every fact that states it.", "the effect",
		func(e *graph.EffectEdge) graph.Evidence { return e.Evidence },
		func(e func(graphql.ResolveParams) *graph.EffectEdge) graphql.Fields {
			return graphql.Fields{
				"drug":   {Type: nonNull(b.types[graph.Drug]), Resolve: func(p graphql.ResolveParams) (any, error) { return &e(p).Drug, nil }},
				"effect": {Type: nonNull(b.types[graph.Effect]), Resolve: func(p graphql.ResolveParams) (any, error) { return &e(p).Effect, nil }},
				"context": {Type: nonNull(contextEnum),
					Resolve: func(p graphql.ResolveParams) (any, error) { return string(e(p).Context), nil }},
				"frequency": {Type: graphql.String, Description: "How often, as the sources say it; null when none does or they differ.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(e(p).Frequency), nil }},
				"severity": {Type: graphql.String, Description: "How serious, e.g. life-threatening, as the sources say it; null when none does or they differ.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(e(p).Severity), nil }},
				"sources": {Type: list(b.source), Resolve: func(p graphql.ResolveParams) (any, error) { return e(p).Sources, nil }},
			}
		})
	b.effectConnection = b.connectionType(b.effectEdge)
	b.indication = evidenceType(b, "Indication", "A condition a drug is used for, and how firmly: the facts of one drug, condition and status.", "the indication",
		func(in *graph.Indication) graph.Evidence { return in.Evidence },
		func(in func(graphql.ResolveParams) *graph.Indication) graphql.Fields {
			return graphql.Fields{
				"drug":      {Type: nonNull(b.types[graph.Drug]), Resolve: func(p graphql.ResolveParams) (any, error) { return &in(p).Drug, nil }},
				"condition": {Type: nonNull(b.types[graph.Condition]), Resolve: func(p graphql.ResolveParams) (any, error) { return &in(p).Condition, nil }},
				"status": {Type: statusEnum, Description: "How firmly, as the sources say it; null when they give no status.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(string(in(p).Status)), nil }},
				"description": {Type: graphql.String, Description: "As the sources say it; null when none does or they differ.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(in(p).Description), nil }},
				"sources": {Type: list(b.source), Resolve: func(p graphql.ResolveParams) (any, error) { return in(p).Sources, nil }},
			}
		})
	b.indicationConnection = b.connectionType(b.indication)
	b.interaction = evidenceType(b, "Interaction", "What is known of taking a drug with another: stated for the pair by a source, or implied by a fact about the drugs' classes.",
		"the interaction: those that state it or, when it is inferred, those that imply it",
		func(in *graph.Interaction) graph.Evidence { return in.Evidence },
		func(in func(graphql.ResolveParams) *graph.Interaction) graphql.Fields {
			return graphql.Fields{
				"with": {Type: nonNull(b.types[graph.Drug]), Resolve: func(p graphql.ResolveParams) (any, error) { return &in(p).With, nil }},
				"severity": {Type: graphql.String, Description: "As the facts say it (those that state it, or when it is inferred those that imply it); null when none does or they differ.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(in(p).Severity), nil }},
				"mechanism": {Type: graphql.String, Description: "How the interaction comes about, e.g. additive CNS depression; likewise.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(in(p).Mechanism), nil }},
				"description": {Type: graphql.String, Description: "Likewise.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(in(p).Description), nil }},
				"sources": {Type: list(b.source), Description: "The sources of the facts that state the interaction or, when it is inferred, of those that imply it.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return in(p).Sources, nil }},
				"inferred": {Type: nonNull(graphql.Boolean), Description: "True when no source (of those asked for) states it for the pair, so that it rests on impliedBy alone.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return in(p).Inferred, nil }},
				"impliedBy": {Type: list(b.fact), Description: "The facts that imply the interaction, on stated and inferred interactions alike: each states an interaction between a class of one drug (or the drug itself) and a class of the other, which holds for every drug of the class. Nothing is implied between a drug and itself, or between a combination product and its ingredients. Empty when no such fact applies.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return in(p).ImpliedBy, nil }},
			}
		})
	b.interactionConnection = b.connectionType(b.interaction)
}

// namedThing, Biolink's root class, is the end of a relation that may be a
// node of any category.
const namedThing graph.Category = "biolink:NamedThing"

// relationType makes the type of an edge read with Relations: the node at
// the other end under endField (a node of the category end, of any
// category for namedThing, text for none), and the given qualifiers as
// string fields.
func (b *builder) relationType(name, desc, endField string, end graph.Category, qualifiers ...graph.Qualifier) *graphql.Object {
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        name,
		Description: desc,
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			r := func(p graphql.ResolveParams) graph.Relation { return p.Source.(graph.Relation) }
			fs := b.withEvidence(graphql.Fields{
				"sources": {Type: list(b.source), Resolve: func(p graphql.ResolveParams) (any, error) { return r(p).Sources, nil }},
			}, func(p graphql.ResolveParams) graph.Evidence { return r(p).Evidence }, "it")
			switch end {
			case namedThing:
				fs[endField] = &graphql.Field{Type: nonNull(b.node),
					Resolve: func(p graphql.ResolveParams) (any, error) { return r(p).Node, nil }}
			case "":
				fs[endField] = &graphql.Field{Type: nonNull(graphql.String),
					Resolve: func(p graphql.ResolveParams) (any, error) { return r(p).Text, nil }}
			default:
				fs[endField] = &graphql.Field{Type: nonNull(b.types[end]),
					Resolve: func(p graphql.ResolveParams) (any, error) { return r(p).Node, nil }}
			}
			for _, q := range qualifiers {
				fs[string(q)] = &graphql.Field{Type: graphql.String, Description: "As the sources say it; null when none does or they differ.",
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
				es, err := b.r.Effects(p.Context, id(p), listScope(p))
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return es, nil
			}},
		"effectsPage": b.pagedField(b.effectConnection, "The drug's effects, by context, then name, one page at a time.",
			graphql.FieldConfigArgument{"context": {Type: contextEnum, Description: "Only effects in this context."}, "sources": sourcesArg()},
			effectPage(func(p graphql.ResolveParams, pg graph.Page) (graph.EffectPage, error) {
				return b.r.EffectsPage(p.Context, id(p), scope(p), pg)
			})),
		"indications": {Type: list(b.indication), Description: "The conditions the drug is used for.",
			Args: graphql.FieldConfigArgument{"status": {Type: statusEnum, Description: "Only indications with this status."},
				"sources": sourcesArg()},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				is, err := b.r.Indications(p.Context, id(p), listScope(p))
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return is, nil
			}},
		"indicationsPage": b.pagedField(b.indicationConnection, "The conditions the drug is used for, by status (none last), then name, one page at a time.",
			graphql.FieldConfigArgument{"status": {Type: statusEnum, Description: "Only indications with this status."}, "sources": sourcesArg()},
			indicationPage(func(p graphql.ResolveParams, pg graph.Page) (graph.IndicationPage, error) {
				return b.r.IndicationsPage(p.Context, id(p), scope(p), pg)
			})),
		"interactions": {Type: list(b.interaction), Description: "Interactions with other drugs, stated and inferred from classes.",
			Args: graphql.FieldConfigArgument{"inferred": {Type: graphql.Boolean, DefaultValue: true,
				Description: "Include interactions that only facts about the drugs' classes imply."},
				"sources": sourcesArg()},
			Resolve: func(p graphql.ResolveParams) (any, error) {
				inferred, _ := p.Args["inferred"].(bool)
				is, err := b.r.Interactions(p.Context, id(p), inferred, listScope(p))
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				return is, nil
			}},
		"interactionsPage": b.pagedField(b.interactionConnection, "The drug's interactions, by the other drug's name, one page at a time.",
			graphql.FieldConfigArgument{"inferred": {Type: graphql.Boolean, DefaultValue: true,
				Description: "Include interactions that only facts about the drugs' classes imply."}, "sources": sourcesArg()},
			func(p graphql.ResolveParams, pg graph.Page) (connection, error) {
				inferred, _ := p.Args["inferred"].(bool)
				ip, err := b.r.InteractionsPage(p.Context, id(p), inferred, scope(p), pg)
				return connectionOf(ip.Interactions, ip.PageInfo), err
			}),
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
