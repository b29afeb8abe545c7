package schema

import (
	"errors"
	"fmt"

	"github.com/graphql-go/graphql"

	"pharmagraph/graph"
)

// maxFacts is the most facts one facts query returns.
const maxFacts = 1000

// errEnough stops a walk over the facts once a page is full.
var errEnough = errors.New("page full")

// factType makes the type of one fact: one claim of one source.
func (b *builder) factType() {
	f := func(p graphql.ResolveParams) graph.Fact { return p.Source.(graph.Fact) }
	node := func(id graph.ID, p graphql.ResolveParams) (any, error) {
		if id == "" {
			return nil, nil
		}
		n, err := b.r.Node(p.Context, id)
		if err != nil {
			return nil, b.fail(p.Context, err)
		}
		return n, nil
	}
	b.fact = graphql.NewObject(graphql.ObjectConfig{
		Name:        "Fact",
		Description: "One statement of one source: an edge with its qualifiers and provenance. A qualifier the source does not give is null.",
		Fields: graphql.FieldsThunk(func() graphql.Fields {
			fields := graphql.Fields{
				"subject": {Type: nonNull(b.node), Resolve: func(p graphql.ResolveParams) (any, error) { return node(f(p).Subject, p) }},
				"predicate": {Type: nonNull(graphql.String), Description: "The predicate's CURIE.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return string(f(p).Predicate), nil }},
				"object": {Type: b.node, Description: "The node the fact points at; null for a fact whose object is text.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return node(f(p).Object, p) }},
				"text": {Type: graphql.String, Description: "The object of a fact in words (mechanism, starting dose, warning).",
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(f(p).Text), nil }},
				"source": {Type: nonNull(b.source), Resolve: func(p graphql.ResolveParams) (any, error) { return f(p).Provenance, nil }},
			}
			for _, q := range []graph.Qualifier{graph.QContext, graph.QStatus, graph.QFrequency, graph.QSeverity,
				graph.QMechanism, graph.QDescription, graph.QStorage, graph.QAction} {
				fields[string(q)] = &graphql.Field{Type: graphql.String,
					Resolve: func(p graphql.ResolveParams) (any, error) { return nullable(f(p).Qualifiers[q]), nil }}
			}
			return fields
		}),
	})
}

// factsField lists facts one by one, each with its single source: the way
// to see everything one source states.
func (b *builder) factsField() *graphql.Field {
	return &graphql.Field{Type: list(b.fact),
		Description: fmt.Sprintf("Facts one at a time, ordered by subject, predicate and object: all of them or those of some sources or predicates. At most %d a page; offset pages on, passing over the facts before it, so this is for the first facts of a list: factsPage pages through all of them at the cost of each page.", maxFacts),
		Args: graphql.FieldConfigArgument{
			"sources":    sourcesArg(),
			"predicates": predicatesArg("Only these predicates"),
			"first":      {Type: graphql.Int, DefaultValue: 100, Description: fmt.Sprintf("How many facts, 1 to %d.", maxFacts)},
			"offset":     {Type: graphql.Int, DefaultValue: 0, Description: "How many to pass over first."},
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			first, _ := p.Args["first"].(int)
			offset, _ := p.Args["offset"].(int)
			if first < 1 || first > maxFacts {
				return nil, invalid("first must be between 1 and %d, not %d", maxFacts, first)
			}
			if offset < 0 {
				return nil, invalid("offset must not be negative, not %d", offset)
			}
			preds, err := predicates(p)
			if err != nil {
				return nil, err
			}
			filter := graph.Filter{Sources: sourcesOf(p), Predicates: preds}
			out := []graph.Fact{}
			err = b.r.EachFact(p.Context, filter, func(f graph.Fact) error {
				if offset > 0 {
					offset--
					return nil
				}
				out = append(out, f)
				if len(out) == first {
					return errEnough
				}
				return nil
			})
			if err != nil && !errors.Is(err, errEnough) {
				return nil, b.fail(p.Context, err)
			}
			return out, nil
		}}
}

// factsPageField pages through the facts that facts lists, in its order,
// by cursor: a page costs what its facts do, however deep it starts.
func (b *builder) factsPageField() *graphql.Field {
	return b.pagedField(b.connectionType(b.fact),
		"Facts one at a time in the order of facts, all of them or those of some sources or predicates, a page at a time: each page starts where its cursor points, without passing over the facts before it.",
		graphql.FieldConfigArgument{"sources": sourcesArg(), "predicates": predicatesArg("Only these predicates")},
		func(p graphql.ResolveParams, pg graph.Page) (connection, error) {
			preds, err := predicates(p)
			if err != nil {
				return connection{}, err
			}
			fp, err := b.r.FactsPage(p.Context, graph.Filter{Sources: sourcesOf(p), Predicates: preds}, pg)
			return connectionOf(fp.Facts, fp.PageInfo), err
		})
}

// predicatesArg is the argument that limits a read to some predicates,
// which predicates parses; what says what it limits.
func predicatesArg(what string) *graphql.ArgumentConfig {
	return &graphql.ArgumentConfig{
		Type:        graphql.NewList(graphql.NewNonNull(graphql.String)),
		Description: what + ", by CURIE or short name.",
	}
}

// predicates returns the predicates a field's predicates argument names, by
// CURIE or short name; nil when it names none.
func predicates(p graphql.ResolveParams) ([]graph.Predicate, error) {
	args, _ := p.Args["predicates"].([]any)
	var out []graph.Predicate
	for _, v := range args {
		pred, err := graph.PredicateOf(fmt.Sprint(v))
		if err != nil {
			return nil, invalid("%v", err)
		}
		out = append(out, pred)
	}
	return out, nil
}
