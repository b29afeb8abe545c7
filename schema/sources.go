package schema

import (
	"slices"

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

// bySource keeps the items with a fact from one of sources, each with only
// those sources' provenance. provs returns an item's provenance list for
// reading and writing.
func bySource[T any](items []T, sources []graph.ID, provs func(*T) *[]graph.Provenance) []T {
	if len(sources) == 0 {
		return items
	}
	out := make([]T, 0, len(items))
	for _, it := range items {
		ps := provs(&it)
		keep := make([]graph.Provenance, 0, len(*ps))
		for _, p := range *ps {
			if slices.Contains(sources, p.Source) {
				keep = append(keep, p)
			}
		}
		if len(keep) > 0 {
			*ps = keep
			out = append(out, it)
		}
	}
	return out
}
