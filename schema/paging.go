package schema

import (
	"errors"
	"fmt"

	"github.com/graphql-go/graphql"

	"pharmagraph/graph"
)

// connection is one page of a list as a Relay connection resolves it.
type connection struct {
	edges []edge
	info  graph.PageInfo
}

// edge is one item of a page and its cursor.
type edge struct {
	node   any
	cursor string
}

// connectionOf makes the connection of a page's items.
func connectionOf[T any](items []T, info graph.PageInfo) connection {
	c := connection{edges: make([]edge, len(items)), info: info}
	for i, it := range items {
		c.edges[i] = edge{it, info.Cursors[i]}
	}
	return c
}

// pageInfo makes, once, the PageInfo type the Relay Cursor Connections
// specification names.
func (b *builder) pageInfo() *graphql.Object {
	if b.pageInfoType != nil {
		return b.pageInfoType
	}
	info := func(p graphql.ResolveParams) graph.PageInfo { return p.Source.(connection).info }
	end := func(p graphql.ResolveParams, last bool) any {
		cs := info(p).Cursors
		switch {
		case len(cs) == 0:
			return nil
		case last:
			return cs[len(cs)-1]
		}
		return cs[0]
	}
	b.pageInfoType = graphql.NewObject(graphql.ObjectConfig{
		Name:        "PageInfo",
		Description: "Where a page lies in its list.",
		Fields: graphql.Fields{
			"hasNextPage": {Type: nonNull(graphql.Boolean), Description: "True when items follow the page: ask again with after: endCursor.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return info(p).HasNext, nil }},
			"hasPreviousPage": {Type: nonNull(graphql.Boolean), Description: "True when items come before the page.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return info(p).HasPrevious, nil }},
			"startCursor": {Type: graphql.String, Description: "The cursor of the page's first item; null when the page is empty.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return end(p, false), nil }},
			"endCursor": {Type: graphql.String, Description: "The cursor of the page's last item; null when the page is empty.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return end(p, true), nil }},
		},
	})
	return b.pageInfoType
}

// connectionType makes the Relay connection type of node: NodeConnection,
// whose edges are NodeEdge.
func (b *builder) connectionType(node *graphql.Object) *graphql.Object {
	e := graphql.NewObject(graphql.ObjectConfig{
		Name:        node.Name() + "Edge",
		Description: "One item of a page of " + node.Name() + ", with its cursor.",
		Fields: graphql.Fields{
			"cursor": {Type: nonNull(graphql.String), Description: "Opaque: pass it as after to start a page after this item.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(edge).cursor, nil }},
			"node": {Type: nonNull(node), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(edge).node, nil }},
		},
	})
	return graphql.NewObject(graphql.ObjectConfig{
		Name:        node.Name() + "Connection",
		Description: "One page of a list of " + node.Name() + ", in the list's order.",
		Fields: graphql.Fields{
			"edges": {Type: list(e), Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(connection).edges, nil }},
			"pageInfo": {Type: nonNull(b.pageInfo()),
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source, nil }},
			"totalCount": {Type: nonNull(graphql.Int), Description: "How many items the whole list has.",
				Resolve: func(p graphql.ResolveParams) (any, error) { return p.Source.(connection).info.Total, nil }},
		},
	})
}

// pagedField makes a field that answers one page of a list with read: args
// and the arguments first and after.
func (b *builder) pagedField(conn *graphql.Object, desc string, args graphql.FieldConfigArgument, read func(graphql.ResolveParams, graph.Page) (connection, error)) *graphql.Field {
	args["first"] = &graphql.ArgumentConfig{Type: graphql.Int, DefaultValue: graph.DefaultPage,
		Description: fmt.Sprintf("How many items, 1 to %d.", graph.MaxPage)}
	args["after"] = &graphql.ArgumentConfig{Type: graphql.String,
		Description: "Start after the item with this cursor (a page's endCursor); at the start when absent."}
	return &graphql.Field{Type: nonNull(conn), Description: desc, Args: args,
		Resolve: func(p graphql.ResolveParams) (any, error) {
			first, _ := p.Args["first"].(int)
			if first < 1 || first > graph.MaxPage {
				return nil, invalid("first must be between 1 and %d, not %d", graph.MaxPage, first)
			}
			after, _ := p.Args["after"].(string)
			c, err := read(p, graph.Page{First: first, After: after})
			if errors.Is(err, graph.ErrInvalid) {
				return nil, invalid("after is not a cursor of this list: %q", after)
			}
			if err != nil {
				return nil, b.fail(p.Context, err)
			}
			return c, nil
		}}
}

// effectPage adapts a read of a page of effect edges to pagedField.
func effectPage(read func(graphql.ResolveParams, graph.Page) (graph.EffectPage, error)) func(graphql.ResolveParams, graph.Page) (connection, error) {
	return func(p graphql.ResolveParams, pg graph.Page) (connection, error) {
		ep, err := read(p, pg)
		return connectionOf(ep.Edges, ep.PageInfo), err
	}
}

// indicationPage adapts a read of a page of indications to pagedField.
func indicationPage(read func(graphql.ResolveParams, graph.Page) (graph.IndicationPage, error)) func(graphql.ResolveParams, graph.Page) (connection, error) {
	return func(p graphql.ResolveParams, pg graph.Page) (connection, error) {
		ip, err := read(p, pg)
		return connectionOf(ip.Indications, ip.PageInfo), err
	}
}
