package export

import (
	"fmt"

	"pharmagraph/graph"
)

// ParseFilter makes the filter of an export from the names a person gives:
// source ids, categories (a short name such as Drug, or a CURIE) and
// predicates (a short name such as has_adverse_event, or a CURIE). Each list
// may be empty, to select everything.
func ParseFilter(sources, categories, predicates []string) (graph.Filter, error) {
	var f graph.Filter
	for _, s := range sources {
		if s == "" {
			return f, fmt.Errorf("export: empty source id")
		}
		f.Sources = append(f.Sources, graph.ID(s))
	}
	for _, s := range categories {
		c, err := graph.CategoryOf(s)
		if err != nil {
			return f, fmt.Errorf("export: %w", err)
		}
		f.Categories = append(f.Categories, c)
	}
	for _, s := range predicates {
		p, err := graph.PredicateOf(s)
		if err != nil {
			return f, fmt.Errorf("export: %w", err)
		}
		f.Predicates = append(f.Predicates, p)
	}
	return f, nil
}
