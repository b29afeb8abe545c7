package schema_test

import (
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
		name, node, list, paged, fields string
	}{
		{"baclofen's effects", `drug(name: "baclofen")`, "effects", "effectsPage", "effect { name } drug { name } context"},
		{"the drugs of seizures", `effect(name: "seizures")`, "drugs", "drugsPage", "effect { name } drug { name } context"},
		{"baclofen's indications", `drug(name: "baclofen")`, "indications", "indicationsPage", "condition { name } status"},
		{"the CNS depressants", `drugClass(name: "CNS depressant")`, "members", "membersPage", "id name"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var whole map[string]map[string][]item
			decode(t, s, fmt.Sprintf("{ %s { %s { %s } } }", tt.node, tt.list, tt.fields), &whole)
			var want []item
			for _, v := range whole {
				want = v[tt.list]
			}
			var got []item
			after := `""`
			for n := 0; ; n++ {
				arg := ""
				if n > 0 {
					arg = ", after: " + after
				}
				var res map[string]map[string]page
				decode(t, s, fmt.Sprintf("{ %s { %s(first: 5%s) { totalCount edges { cursor node { %s } } pageInfo { hasNextPage hasPreviousPage endCursor } } } }",
					tt.node, tt.paged, arg, tt.fields), &res)
				var pg page
				for _, v := range res {
					pg = v[tt.paged]
				}
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
