package schema_test

import (
	"encoding/json"
	"fmt"
	"reflect"
	"testing"
)

// TestPageCursors follows endCursor from page to page of each paged list
// field, and checks that the pages add up to the whole list field, in its
// order, with totalCount its length.
func TestPageCursors(t *testing.T) {
	s := build(t, seeded(t))
	type item = map[string]any
	type page struct {
		TotalCount int
		Edges      []struct {
			Cursor string
			Node   item
		}
		PageInfo struct {
			HasNextPage, HasPreviousPage bool
			EndCursor                    *string
		}
	}
	tests := []struct {
		name, node, list, paged, args, fields string // args: the arguments of paged but first and after
	}{
		{"baclofen's effects", `drug(name: "baclofen")`, "effects", "effectsPage", "", "effect { name } drug { name } context"},
		{"the drugs of seizures", `effect(name: "seizures")`, "drugs", "drugsPage", "", "effect { name } drug { name } context"},
		{"baclofen's indications", `drug(name: "baclofen")`, "indications", "indicationsPage", "", "condition { name } status"},
		{"the CNS depressants", `drugClass(name: "CNS depressant")`, "members", "membersPage", "", "id name"},
		{"a source's facts", "", `facts(sources: ["pgsrc:baclofen-withdrawal"], first: 1000)`, "factsPage", `sources: ["pgsrc:baclofen-withdrawal"], `,
			"subject { id } predicate object { id } text context source { section }"},
	}
	// in asks for a field of the node, or of the query when there is none,
	// and returns its answer.
	in := func(node, field string, answer any) {
		t.Helper()
		var res map[string]json.RawMessage
		if node == "" {
			decode(t, s, "{ answer: "+field+" }", &res)
		} else {
			var outer map[string]map[string]json.RawMessage
			decode(t, s, fmt.Sprintf("{ node: %s { answer: %s } }", node, field), &outer)
			res = outer["node"]
		}
		if err := json.Unmarshal(res["answer"], answer); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []item
			in(tt.node, fmt.Sprintf("%s { %s }", tt.list, tt.fields), &want)
			var got []item
			after := `""`
			for n := 0; ; n++ {
				arg := ""
				if n > 0 {
					arg = ", after: " + after
				}
				var pg page
				in(tt.node, fmt.Sprintf("%s(%sfirst: 5%s) { totalCount edges { cursor node { %s } } pageInfo { hasNextPage hasPreviousPage endCursor } }",
					tt.paged, tt.args, arg, tt.fields), &pg)
				if pg.TotalCount != len(want) || len(pg.Edges) > 5 || pg.PageInfo.HasPreviousPage != (n > 0) {
					t.Fatalf("page %d: totalCount %d of %d, %d edges, hasPreviousPage %v", n, pg.TotalCount, len(want), len(pg.Edges), pg.PageInfo.HasPreviousPage)
				}
				for _, e := range pg.Edges {
					got = append(got, e.Node)
				}
				if !pg.PageInfo.HasNextPage {
					break
				}
				if pg.PageInfo.EndCursor == nil || *pg.PageInfo.EndCursor != pg.Edges[len(pg.Edges)-1].Cursor {
					t.Fatalf("page %d: endCursor %v is not the last edge's cursor", n, pg.PageInfo.EndCursor)
				}
				after = fmt.Sprintf("%q", *pg.PageInfo.EndCursor)
			}
			if len(want) <= 5 || !reflect.DeepEqual(got, want) {
				t.Errorf("pages add up to %d items, want the %d of %s, in order (and more than one page)", len(got), len(want), tt.list)
			}
		})
	}
}
