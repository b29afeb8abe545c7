package server

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/language/ast"

	"pharmagraph/schema"
)

// graphql-go v0.8.1's Execute runs the query in a goroutine of its own and
// selects on that goroutine's result and on its Context's Done channel.
// When the deadline passes first, Execute returns at once, but nothing
// stops the goroutine: it goes on resolving every remaining field, and the
// caller, which has given back its in-flight place, no longer bounds it.
//
// Two things make a query past its deadline stop instead:
//
//   - Execute is given an undone context: the request's context with its
//     Done channel hidden (Done returns nil, which never fires). Its select
//     can then only end with the goroutine's result, so Execute returns once
//     the goroutine has finished, and the in-flight place is held until then.
//   - Every field's resolver is wrapped (stopAtDeadline) so that it first
//     checks the request's real context and returns its error once the
//     deadline has passed, without calling the resolver, and otherwise calls
//     the resolver with the real context, so the store's reads see the
//     deadline too. graphql-go turns that error into a null for the field,
//     skipping its selections, so the rest of the query unwinds in time
//     proportional to the fields already started, not to the whole answer.
//
// Default resolvers (fields read from a struct or map) are wrapped too, so
// completing a long list of objects stops at its next field.

// undone hides the Done channel of a request's context from graphql-go's
// Execute; see above. Err and Value still answer for the context.
type undone struct{ context.Context }

// Done returns nil: a channel that never closes.
func (undone) Done() <-chan struct{} { return nil }

// requestContext returns the context a resolver must honour: the request's
// own, unwrapped from undone.
func requestContext(ctx context.Context) context.Context {
	if u, ok := ctx.(undone); ok {
		return u.Context
	}
	return ctx
}

// stopAtDeadline wraps the resolver of every field of every object type in
// sc, as described above. It must run once for a schema, before the schema
// answers anything.
func stopAtDeadline(sc *graphql.Schema) {
	for _, t := range sc.TypeMap() {
		obj, ok := t.(*graphql.Object)
		if !ok {
			continue
		}
		for _, f := range obj.Fields() {
			resolve := f.Resolve
			if resolve == nil {
				resolve = graphql.DefaultResolveFn
			}
			f.Resolve = func(p graphql.ResolveParams) (any, error) {
				ctx := requestContext(p.Context)
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				p.Context = ctx
				return resolve(p)
			}
		}
	}
}

// execute runs a checked and validated query under ctx and returns only
// once graphql-go has stopped working on it.
func execute(ctx context.Context, sc graphql.Schema, doc *ast.Document, p params) *graphql.Result {
	return graphql.Execute(graphql.ExecuteParams{
		Schema:        sc,
		AST:           doc,
		OperationName: p.OperationName,
		Args:          p.Variables,
		Context:       undone{ctx},
	})
}

// run answers q under ctx: the JSON of its data when it has no errors,
// else graphql-go's result, which has them. schema.Execute answers what it
// can, and graphql-go the rest; the data is the same either way, the bytes
// encoding/json gives for graphql-go's. The data may be held in buf, which
// run resets first.
func run(ctx context.Context, a *api, doc *ast.Document, p params, buf *bytes.Buffer) ([]byte, *graphql.Result) {
	buf.Reset()
	if schema.Execute(ctx, a.schema, doc, p.OperationName, p.Variables, buf) {
		return buf.Bytes(), nil
	}
	res := execute(ctx, a.schema, doc, p)
	if !executed(res) || len(res.Errors) > 0 || ctx.Err() != nil {
		return nil, res
	}
	data, err := json.Marshal(res.Data)
	if err != nil {
		return nil, res
	}
	return data, nil
}

// writeData answers with the data of a query without errors and its cost
// report, the bytes writeResult would send for them with extensions of the
// report alone.
func writeData(w http.ResponseWriter, media string, data []byte, report costReport) {
	head := []byte(`{"data":`)
	tail := report.appendJSON(append(make([]byte, 0, 512), `,"extensions":{"cost":`...))
	tail = append(tail, "}}\n"...) // as json.Encoder ends a response
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(head)+len(data)+len(tail))) // a big answer is sent as it is, not in chunks
	w.WriteHeader(http.StatusOK)
	for _, b := range [][]byte{head, data, tail} {
		w.Write(b)
	}
}

// buffers holds the buffers schema.Execute writes answers to, and request
// bodies are read into; one of a hub drug's page grows to half a megabyte,
// a cost to pay once, not per answer.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// pooled returns an empty buffer from buffers, and the function that
// gives it back once nothing reads it any more.
func pooled() (*bytes.Buffer, func()) {
	buf := buffers.Get().(*bytes.Buffer)
	buf.Reset()
	return buf, func() {
		if buf.Cap() <= maxPooled {
			buffers.Put(buf)
		}
	}
}

// maxPooled is the largest buffer buffers keeps.
const maxPooled = 4 << 20
