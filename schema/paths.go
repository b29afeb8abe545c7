package schema

import (
	"fmt"

	"github.com/graphql-go/graphql"

	"pharmagraph/graph"
)

func (b *builder) pathsField() *graphql.Field {
	link := evidenceType(b, "PathLink", "The facts under one predicate that link a step's two nodes in one direction.", "the link",
		func(l *graph.Link) graph.Evidence { return l.Evidence },
		func(l func(graphql.ResolveParams) *graph.Link) graphql.Fields {
			return graphql.Fields{
				"predicate": {Type: nonNull(graphql.String), Description: "The predicate's CURIE.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return string(l(p).Predicate), nil }},
				"direction": {Type: nonNull(directionEnum), Description: "OUT when the step's from is the facts' subject, IN when the path follows them backwards.",
					Resolve: func(p graphql.ResolveParams) (any, error) { return l(p).Backward, nil }},
			}
		})
	step := graphql.NewObject(graphql.ObjectConfig{
		Name:        "PathStep",
		Description: "One hop of a path: two nodes and every fact that links them.",
		Fields: graphql.Fields{
			"from": {Type: nonNull(b.node), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Step).From, nil }},
			"to":   {Type: nonNull(b.node), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Step).To, nil }},
			"links": {Type: list(link), Description: "By predicate, forward (OUT) before backward (IN).",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Step).Links, nil }},
		},
	})
	path := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Path",
		Description: "A chain of steps between two nodes that passes through no node twice.",
		Fields: graphql.Fields{
			"length": {Type: nonNull(graphql.Int), Description: "How many steps.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return len(p.Source.(graph.Path).Steps), nil }},
			"nodes": {Type: list(b.node), Description: "The nodes along the path, both ends included.",
				Resolve: func(p graphql.ResolveParams) (any, error) {
					steps := p.Source.(graph.Path).Steps
					out := []graph.Node{steps[0].From}
					for _, st := range steps {
						out = append(out, st.To)
					}
					return out, nil
				}},
			"steps": {Type: list(step), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(graph.Path).Steps, nil }},
		},
	})
	c := func(p graphql.ResolveParams) graph.Connections { return p.Source.(graph.Connections) }
	paths := graphql.NewObject(graphql.ObjectConfig{
		Name:        "Paths",
		Description: "The shortest paths between two nodes.",
		Fields: graphql.Fields{
			"paths": {Type: list(path), Description: "By length, then by the names of the nodes along them.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return c(p).Paths, nil }},
			"truncated": {Type: nonNull(graphql.Boolean),
				Description: fmt.Sprintf("True when the search stopped at %d half paths before it found first paths: paths holds every path shorter than the length it stopped at, and longer ones may exist.", graph.MaxPathVisit),
				Resolve:     func(p graphql.ResolveParams) (any, error) { return c(p).Truncated, nil }},
		},
	})
	return &graphql.Field{Type: nonNull(paths),
		Description: "How two nodes are connected: the shortest chains of facts between them, each fact followed either way, searched from both ends. from and to take an id, a name or a synonym. Facts whose object is text are never steps.",
		Args: graphql.FieldConfigArgument{
			"from":       {Type: graphql.NewNonNull(graphql.String)},
			"to":         {Type: graphql.NewNonNull(graphql.String)},
			"maxHops":    {Type: graphql.Int, DefaultValue: 3, Description: fmt.Sprintf("The most steps a path takes, 1 to %d.", graph.MaxPathHops)},
			"predicates": predicatesArg("Only steps under these predicates"),
			"first":      {Type: graphql.Int, DefaultValue: 10, Description: fmt.Sprintf("How many paths, 1 to %d.", graph.MaxPaths)},
			"sources":    sourcesArg(),
		},
		Resolve: func(p graphql.ResolveParams) (any, error) {
			hops, _ := p.Args["maxHops"].(int)
			if hops < 1 || hops > graph.MaxPathHops {
				return nil, invalid("maxHops must be between 1 and %d, not %d", graph.MaxPathHops, hops)
			}
			first, _ := p.Args["first"].(int)
			if first < 1 || first > graph.MaxPaths {
				return nil, invalid("first must be between 1 and %d, not %d", graph.MaxPaths, first)
			}
			preds, err := predicates(p)
			if err != nil {
				return nil, err
			}
			var ends [2]graph.ID
			for i, arg := range []string{"from", "to"} {
				n, err := b.r.Lookup(p.Context, p.Args[arg].(string), "")
				if err != nil {
					return nil, b.fail(p.Context, err)
				}
				ends[i] = n.ID
			}
			if ends[0] == ends[1] {
				return nil, invalid("from and to are the same node, %s", ends[0])
			}
			c, err := b.r.Paths(p.Context, ends[0], ends[1], graph.PathOptions{
				MaxHops: hops, First: first, Predicates: preds, Scope: graph.Scope{Sources: sourcesOf(p)}})
			if err != nil {
				return nil, b.fail(p.Context, err)
			}
			return c, nil
		}}
}
