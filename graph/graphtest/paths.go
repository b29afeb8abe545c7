package graphtest

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"pharmagraph/graph"
)

// pathLine writes a path as its nodes' names, each step with its links:
// predicate, "<" for a backward one, and its number of facts.
func pathLine(p graph.Path) string {
	var b strings.Builder
	for i, st := range p.Steps {
		if i == 0 {
			b.WriteString(st.From.Name)
		}
		var links []string
		for _, l := range st.Links {
			dir := ""
			if l.Backward {
				dir = "<"
			}
			links = append(links, fmt.Sprintf("%s%s(%d)", dir, l.Predicate, len(l.Facts)))
		}
		fmt.Fprintf(&b, " -%s- %s", strings.Join(links, ","), st.To.Name)
	}
	return b.String()
}

func testPaths(t *testing.T, b Backend) {
	s := loaded(t, b)
	ctx := context.Background()
	tests := []struct {
		name, from, to string
		opts           graph.PathOptions
		want           []string
	}{
		{"shortest first, then by name", "TEST:alpha", "TEST:beta", graph.PathOptions{}, []string{
			"alpha -biolink:has_adverse_event(1)- seizure -<biolink:has_adverse_event(1)- beta",
			"alpha -biolink:has_adverse_event(2)- sleepiness -<biolink:has_adverse_event(1)- beta",
			"alpha -biolink:member_of(1)- sub-depressant -biolink:subclass_of(1)- depressant -<biolink:member_of(1)- beta",
		}},
		{"the other way round", "TEST:beta", "TEST:alpha", graph.PathOptions{MaxHops: 2}, []string{
			"beta -biolink:has_adverse_event(1)- seizure -<biolink:has_adverse_event(1)- alpha",
			"beta -biolink:has_adverse_event(1)- sleepiness -<biolink:has_adverse_event(2)- alpha",
		}},
		{"first stops the search", "TEST:alpha", "TEST:beta", graph.PathOptions{First: 1}, []string{
			"alpha -biolink:has_adverse_event(1)- seizure -<biolink:has_adverse_event(1)- beta",
		}},
		{"too short", "TEST:alpha", "TEST:beta", graph.PathOptions{MaxHops: 1}, []string{}},
		{"some predicates", "TEST:alpha", "TEST:beta", graph.PathOptions{Predicates: []graph.Predicate{graph.MemberOf, graph.SubclassOf}}, []string{
			"alpha -biolink:member_of(1)- sub-depressant -biolink:subclass_of(1)- depressant -<biolink:member_of(1)- beta",
		}},
		{"some sources", "TEST:alpha", "TEST:beta", graph.PathOptions{Scope: graph.Scope{Sources: []graph.ID{"pgsrc:test-b"}}}, []string{}},
		{"a fact followed backwards", "TEST:alpha", "TEST:gamma", graph.PathOptions{MaxHops: 1}, []string{
			"alpha -<biolink:interacts_with(1)- gamma",
		}},
		{"four hops, no node twice", "TEST:gamma", "TEST:beta", graph.PathOptions{MaxHops: 4}, []string{
			"gamma -biolink:interacts_with(1)- alpha -biolink:has_adverse_event(1)- seizure -<biolink:has_adverse_event(1)- beta",
			"gamma -biolink:interacts_with(1)- alpha -biolink:has_adverse_event(2)- sleepiness -<biolink:has_adverse_event(1)- beta",
			"gamma -biolink:interacts_with(1)- alpha -biolink:member_of(1)- sub-depressant -biolink:subclass_of(1)- depressant -<biolink:member_of(1)- beta",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := s.Paths(ctx, graph.ID(tt.from), graph.ID(tt.to), tt.opts)
			if err != nil {
				t.Fatal(err)
			}
			got := []string{}
			for _, p := range c.Paths {
				got = append(got, pathLine(p))
			}
			eq(t, "Paths", got, tt.want)
			if c.Truncated {
				t.Errorf("Paths(%s, %s) truncated on the fixture", tt.from, tt.to)
			}
		})
	}

	// The bound on half paths: beta's 4 neighbours and alpha's 8 reach
	// the paths of two steps; the third step needs 3 more.
	for _, tt := range []struct {
		visits, paths int
		truncated     bool
	}{{3, 0, true}, {12, 2, true}, {15, 3, false}} {
		c, err := s.Paths(ctx, "TEST:alpha", "TEST:beta", graph.PathOptions{Visits: tt.visits})
		if err != nil || len(c.Paths) != tt.paths || c.Truncated != tt.truncated {
			t.Errorf("Paths(alpha, beta, Visits %d) = %d paths, truncated %v, %v; want %d, %v",
				tt.visits, len(c.Paths), c.Truncated, err, tt.paths, tt.truncated)
		}
	}

	c, err := s.Paths(ctx, "TEST:alpha", "TEST:sleepy", graph.PathOptions{MaxHops: 1})
	if err != nil {
		t.Fatal(err)
	}
	if facts := c.Paths[0].Steps[0].Links[0].Facts; len(facts) != 2 || facts[0].Source == facts[1].Source {
		t.Errorf("Paths(alpha, sleepiness) step facts = %+v, want one from each source", facts)
	}

	errs := []struct {
		name, from, to string
		opts           graph.PathOptions
		want           error
	}{
		{"unknown from", "TEST:nobody", "TEST:beta", graph.PathOptions{}, graph.ErrNotFound},
		{"unknown to", "TEST:alpha", "TEST:nobody", graph.PathOptions{}, graph.ErrNotFound},
		{"to itself", "TEST:alpha", "TEST:alpha", graph.PathOptions{}, graph.ErrInvalid},
		{"too many hops", "TEST:alpha", "TEST:beta", graph.PathOptions{MaxHops: graph.MaxPathHops + 1}, graph.ErrInvalid},
		{"negative hops", "TEST:alpha", "TEST:beta", graph.PathOptions{MaxHops: -1}, graph.ErrInvalid},
		{"too many paths", "TEST:alpha", "TEST:beta", graph.PathOptions{First: graph.MaxPaths + 1}, graph.ErrInvalid},
		{"negative first", "TEST:alpha", "TEST:beta", graph.PathOptions{First: -1}, graph.ErrInvalid},
	}
	for _, tt := range errs {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := s.Paths(ctx, graph.ID(tt.from), graph.ID(tt.to), tt.opts); !errors.Is(err, tt.want) {
				t.Errorf("Paths(%s, %s, %+v) error = %v, want %v", tt.from, tt.to, tt.opts, err, tt.want)
			}
		})
	}
}
