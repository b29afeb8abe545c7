package graphtest

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"pharmagraph/graph"
)

func testNeighbourhood(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	tests := []struct {
		name, id string
		preds    []graph.Predicate
		first    int
		want     []string // predicate, direction, count: the neighbours shown, each with its number of facts
	}{
		{"every predicate", "TEST:alpha", nil, 2, []string{
			"biolink:affects out 1: a pathway(1)",
			"biolink:has_adverse_event out 3: nausea(1) seizure(1)",
			"biolink:interacts_with in 1: gamma(1)",
			"biolink:member_of out 1: sub-depressant(1)",
			"biolink:treats out 1: spasm(1)",
			"pg:has_dose_form out 1: tablet(1)",
		}},
		{"some predicates", "TEST:alpha", []graph.Predicate{graph.HasAdverseEvent, graph.Treats}, 5, []string{
			"biolink:has_adverse_event out 3: nausea(1) seizure(1) sleepiness(2)",
			"biolink:treats out 1: spasm(1)",
		}},
		{"counts only", "TEST:sleepy", nil, 0, []string{
			"biolink:has_adverse_event in 2:",
		}},
		{"both ways, itself included", "TEST:dep", nil, 5, []string{
			"biolink:interacts_with out 1: depressant(1)",
			"biolink:interacts_with in 1: depressant(1)",
			"biolink:member_of in 1: beta(1)",
			"biolink:subclass_of in 1: sub-depressant(1)",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups, err := s.Neighbourhood(ctx, graph.ID(tt.id), tt.preds, tt.first)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, g := range groups {
				dir := "out"
				if g.Incoming {
					dir = "in"
				}
				line := fmt.Sprintf("%s %s %d:", g.Predicate, dir, g.Count)
				for _, n := range g.Nodes {
					line += fmt.Sprintf(" %s(%d)", n.Node.Name, len(n.Facts))
				}
				got = append(got, line)
			}
			eq(t, "Neighbourhood", got, tt.want)
		})
	}
	if _, err := s.Neighbourhood(ctx, "TEST:nobody", nil, 5); !errors.Is(err, graph.ErrNotFound) {
		t.Errorf("Neighbourhood(TEST:nobody) error = %v, want %v", err, graph.ErrNotFound)
	}
}
