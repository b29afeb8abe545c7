package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"pharmagraph/graph"
)

// maxCheck is the most drugs interactionCheck takes: 190 pairs.
const maxCheck = 20

// drugList resolves the names or ids of the list argument arg to drugs, in
// order. It takes 2 to most of them, each a drug, none twice.
func (b *builder) drugList(p graphql.ResolveParams, arg string, most int) ([]graph.ID, error) {
	refs, _ := p.Args[arg].([]any)
	if len(refs) < 2 || len(refs) > most {
		return nil, invalid("%s takes 2 to %d drugs, not %d", arg, most, len(refs))
	}
	ids := make([]graph.ID, len(refs))
	for i, v := range refs {
		ref, _ := v.(string)
		n, err := b.r.Lookup(p.Context, ref, "")
		if err != nil {
			return nil, b.fail(p.Context, err)
		}
		if n.Category != graph.Drug {
			return nil, invalid("%s takes drugs: %q is a %s", arg, ref, n.Category.Name())
		}
		for j, id := range ids[:i] {
			if id == n.ID {
				return nil, invalid("%s names %s (%s) twice: %q and %q", arg, n.Name, n.ID, refs[j], ref)
			}
		}
		ids[i] = n.ID
	}
	return ids, nil
}

func (b *builder) interactionCheckField() *graphql.Field {
	added := evidenceType(b, "AddedEffect", "An effect both drugs of a pair have while taken or in overdose, so that taken together it adds up.",
		"the effect in both drugs (each fact's subject says which)",
		func(a *graph.AddedEffect) graph.Evidence { return a.Evidence },
		func(a func(graphql.ResolveParams) *graph.AddedEffect) graphql.Fields {
			return graphql.Fields{
				"effect": {Type: nonNull(b.types[graph.Effect]), Resolve: func(p graphql.ResolveParams) (any, error) { return &a(p).Effect, nil }},
				"contextsA": {Type: list(contextEnum), Description: "The contexts in which the first drug has it.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return contextList(a(p).ContextsA), nil }},
				"contextsB": {Type: list(contextEnum), Description: "The contexts in which the second drug has it.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return contextList(a(p).ContextsB), nil }},
				"severity": {Type: graphql.String, Description: "How serious, as the facts of both drugs say it; null when none does or they differ.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(a(p).Severity), nil }},
				"sources": {Type: list(b.source), Resolve: func(p graphql.ResolveParams) (any, error) { return a(p).Sources, nil }},
			}
		})
	f := func(p graphql.ResolveParams) graph.Finding { return p.Source.(graph.Finding) }
	finding := graphql.NewObject(graphql.ObjectConfig{
		Name:        "InteractionFinding",
		Description: "What is known of taking two drugs of a medication list together.",
		Fields: graphql.Fields{
			"a": {Type: nonNull(b.types[graph.Drug]), Resolve: func(p graphql.ResolveParams) (any, error) { return f(p).A, nil }},
			"b": {Type: nonNull(b.types[graph.Drug]), Resolve: func(p graphql.ResolveParams) (any, error) { return f(p).B, nil }},
			"interaction": {Type: b.interaction,
				Description: "The interaction of a with b (with is b): stated for the pair, or inferred from a fact about their classes (then inferred is true and impliedBy gives the facts); null when no fact states or implies one.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					if it := f(p).Interaction; it != nil {
						return *it, nil
					}
					return nil, nil
				}},
			"added": {Type: list(added),
				Description: "The effects both drugs have in the ADVERSE or OVERDOSE context (either side in either), by name: taken together they add up, as drowsiness and slowed breathing do for two CNS depressants. Withdrawal signs are left out, as they come from stopping a drug.",
				Resolve:     func(p graphql.ResolveParams) (any, error) { return f(p).Added, nil }},
			"severity": {Type: graphql.String, Description: "The interaction's severity where its facts agree on one; null otherwise (an added effect may still give one).",
				Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(f(p).Severity), nil }},
			"explanation": {Type: nonNull(graphql.String), Description: "What the finding rests on, in a sentence or two: the interaction's facts and sources, and the effects that add up with theirs.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return f(p).Explanation(), nil }},
		},
	})
	return &graphql.Field{Type: list(finding),
		Description: fmt.Sprintf("Checks a medication list of 2 to %d drugs (ids, names or synonyms, each once): every pair, the first drug with each later one, then the second..., with its interaction and the effects that add up.", maxCheck),
		Args: graphql.FieldConfigArgument{
			"drugs":   {Type: graphql.NewNonNull(graphql.NewList(graphql.NewNonNull(graphql.String)))},
			"sources": sourcesArg(),
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			ids, err := b.drugList(p, "drugs", maxCheck)
			if err != nil {
				return nil, err
			}
			fs, err := b.r.CheckInteractions(p.Context, ids, graph.Scope{Sources: sourcesOf(p)})
			if err != nil {
				return nil, b.fail(p.Context, err)
			}
			return fs, nil
		}}
}
