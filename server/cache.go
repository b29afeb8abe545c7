package server

import (
	"errors"
	"sync"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
)

// checked is a query that passed checkQuery: its document and cost, and
// the errors of graphql-go's validation, if it failed it.
type checked struct {
	doc  *ast.Document
	cost Cost
	errs []gqlerrors.FormattedError
}

// check checks query against lim and validates it against a's schema, or
// takes both from the cache of queries that passed them before.
func (a *api) check(query string, lim Limits) (*checked, *QueryError) {
	if q := a.docs.get(query); q != nil {
		return q, nil
	}
	doc, cost, err := checkQuery(query, lim)
	if err != nil {
		var qe *QueryError
		if !errors.As(err, &qe) {
			qe = &QueryError{Message: err.Error(), Err: errSyntax}
		}
		return nil, qe
	}
	q := &checked{doc: doc, cost: cost}
	if v := graphql.ValidateDocument(&a.schema, doc, nil); !v.IsValid {
		q.errs = v.Errors
		return q, nil
	}
	a.docs.put(query, q)
	return q, nil
}

// docCache keeps the checked documents of recent queries that passed the
// checks and validation, so that a query sent again, as research tools do
// with the same text and new variables, skips both. Validation is about a
// third of graphql-go's cost for a small query.
type docCache struct {
	mu    sync.Mutex
	docs  map[string]*checked
	bytes int // the length of the query texts held
}

// cacheBytes bounds the query text a docCache holds; when a new query would
// pass it, the cache starts again empty.
const cacheBytes = 4 << 20

func (c *docCache) get(query string) *checked {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.docs[query]
}

func (c *docCache) put(query string, q *checked) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.docs == nil || c.bytes+len(query) > cacheBytes {
		c.docs, c.bytes = map[string]*checked{}, 0
	}
	if _, ok := c.docs[query]; !ok {
		c.docs[query] = q
		c.bytes += len(query)
	}
}
