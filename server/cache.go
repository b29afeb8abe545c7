package server

import (
	"sync"

	"github.com/graphql-go/graphql/language/ast"
)

// docCache keeps the parsed documents of recent queries that passed the
// checks and validation, so that a query sent again, as research tools do
// with the same text and new variables, skips both. Validation is about a
// third of graphql-go's cost for a small query.
type docCache struct {
	mu    sync.Mutex
	docs  map[string]*ast.Document
	bytes int // the length of the query texts held
}

// cacheBytes bounds the query text a docCache holds; when a new query would
// pass it, the cache starts again empty.
const cacheBytes = 4 << 20

func (c *docCache) get(query string) *ast.Document {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.docs[query]
}

func (c *docCache) put(query string, doc *ast.Document) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.docs == nil || c.bytes+len(query) > cacheBytes {
		c.docs, c.bytes = map[string]*ast.Document{}, 0
	}
	if _, ok := c.docs[query]; !ok {
		c.docs[query] = doc
		c.bytes += len(query)
	}
}
