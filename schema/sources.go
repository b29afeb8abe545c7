package schema

import (
	"github.com/graphql-go/graphql"

	"pharmagraph/graph"
)

// sourcesArg is the argument that limits a list of facts to some sources.
func sourcesArg() *graphql.ArgumentConfig {
	return &graphql.ArgumentConfig{
		Type:        graphql.NewList(graphql.NewNonNull(graphql.ID)),
		Description: "Only facts from these sources, by id (e.g. pgsrc:baclofen-withdrawal); every source when absent.",
	}
}

// sourcesOf returns the sources a field's sources argument names; nil when
// it names none.
func sourcesOf(p graphql.ResolveParams) []graph.ID {
	list, _ := p.Args["sources"].([]any)
	var out []graph.ID
	for _, v := range list {
		if s, ok := v.(string); ok {
			out = append(out, graph.ID(s))
		}
	}
	return out
}
