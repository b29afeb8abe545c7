// Package server is Pharmagraph's HTTP front: /graphql (with GraphiQL for a
// browser), /export (bulk exports, streamed), /healthz and /readyz. Every
// GraphQL request is bounded in size, checked against query limits before
// graphql-go sees it, validated, and executed under a deadline.
package server

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"
	"github.com/graphql-go/handler"

	"pharmagraph/schema"
)

// Options configures a Server. The zero value is usable.
type Options struct {
	QueryTimeout time.Duration // the most one query may run; zero means 10s
	MaxBodyBytes int64         // the largest request body; zero means 1 MiB
	Limits       Limits        // what one query may ask for
	MaxInFlight  int           // queries checked or run at once; zero means 4 per CPU
	Log          *slog.Logger  // zero means slog.Default()
}

// queueWait is how long a query waits for one of the MaxInFlight places
// before it is turned away with a 503.
const queueWait = time.Second

// Server answers HTTP requests. It serves /healthz at once, and /graphql,
// /export and a 200 from /readyz once Ready has been called.
type Server struct {
	opts  Options
	mux   *http.ServeMux
	api   atomic.Pointer[api]
	slots chan struct{} // one token per query being checked or run
}

// api is what Ready installs: the schema and the GraphiQL page over it.
type api struct {
	store    Store // what /export reads
	schema   graphql.Schema
	graphiql http.Handler
	docs     docCache // valid documents of recent queries
}

// New returns a Server that is not ready yet.
func New(opts Options) *Server {
	if opts.QueryTimeout <= 0 {
		opts.QueryTimeout = 10 * time.Second
	}
	if opts.MaxBodyBytes <= 0 {
		opts.MaxBodyBytes = 1 << 20
	}
	if opts.Log == nil {
		opts.Log = slog.Default()
	}
	if opts.MaxInFlight <= 0 {
		opts.MaxInFlight = 4 * runtime.GOMAXPROCS(0)
	}
	s := &Server{opts: opts, mux: http.NewServeMux(), slots: make(chan struct{}, opts.MaxInFlight)}
	s.mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok\n")
	})
	s.mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		if s.api.Load() == nil {
			http.Error(w, "not ready: the store is opening or the seeds are loading", http.StatusServiceUnavailable)
			return
		}
		io.WriteString(w, "ready\n")
	})
	s.mux.HandleFunc("/graphql", s.graphql)
	s.mux.HandleFunc("/export", s.serveExport)
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		http.Redirect(w, r, "/graphql", http.StatusFound)
	})
	return s
}

// Ready builds the GraphQL schema over r and starts answering queries and
// exports.
func (s *Server) Ready(r Store) error {
	sc, err := schema.New(r, s.opts.Log)
	if err != nil {
		return fmt.Errorf("server: %w", err)
	}
	s.api.Store(&api{store: r, schema: sc, graphiql: handler.New(&handler.Config{Schema: &sc, GraphiQL: true})})
	return nil
}

// ServeHTTP answers one request, turning a panic into a 500.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := schema.NewRequestID()
	w.Header().Set("X-Request-Id", id)
	r = r.WithContext(schema.WithRequestID(r.Context(), id))
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.opts.Log.Error("panic serving request", "request", id, "path", r.URL.Path, "panic", v)
			writeErrors(w, http.StatusInternalServerError, "internal error (request "+id+")")
		}
	}()
	s.mux.ServeHTTP(w, r)
}

func (s *Server) graphql(w http.ResponseWriter, r *http.Request) {
	a := s.api.Load()
	if a == nil {
		w.Header().Set("Retry-After", "1")
		writeErrors(w, http.StatusServiceUnavailable, "not ready: the store is opening or the seeds are loading")
		return
	}
	switch r.Method {
	case http.MethodGet, http.MethodPost:
	default:
		w.Header().Set("Allow", "GET, POST")
		writeErrors(w, http.StatusMethodNotAllowed, "use GET or POST")
		return
	}
	if r.Method == http.MethodGet && r.URL.Query().Get("query") == "" && strings.Contains(r.Header.Get("Accept"), "text/html") {
		a.graphiql.ServeHTTP(w, r)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeErrors(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds %d bytes", s.opts.MaxBodyBytes))
			return
		}
		writeErrors(w, http.StatusBadRequest, "reading request body: "+err.Error())
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !s.acquire(r.Context()) {
		w.Header().Set("Retry-After", "1")
		writeErrors(w, http.StatusServiceUnavailable, "busy: too many queries at once; try again")
		return
	}
	defer func() { <-s.slots }()
	req := handler.NewRequestOptions(r)
	if strings.TrimSpace(req.Query) == "" {
		writeErrors(w, http.StatusBadRequest, "no query: send {\"query\": ...} as JSON, or ?query=")
		return
	}
	doc := a.docs.get(req.Query)
	if doc == nil {
		if doc, err = checkQuery(req.Query, s.opts.Limits); err != nil {
			var qe *QueryError
			if errors.As(err, &qe) {
				writeJSON(w, http.StatusBadRequest, map[string]any{"errors": []*QueryError{qe}})
				return
			}
			writeErrors(w, http.StatusBadRequest, err.Error())
			return
		}
		if v := graphql.ValidateDocument(&a.schema, doc, nil); !v.IsValid {
			writeJSON(w, http.StatusBadRequest, &graphql.Result{Errors: v.Errors})
			return
		}
		a.docs.put(req.Query, doc)
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.QueryTimeout)
	defer cancel()
	if s.answer(ctx, w, a, doc, req.OperationName, req.Variables) {
		return
	}
	res := graphql.Execute(graphql.ExecuteParams{
		Schema:        a.schema,
		AST:           doc,
		OperationName: req.OperationName,
		Args:          req.Variables,
		Context:       ctx,
	})
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		writeErrors(w, http.StatusGatewayTimeout, fmt.Sprintf("query exceeded its time limit of %v", s.opts.QueryTimeout))
		return
	}
	writeJSON(w, http.StatusOK, res)
}

// answer answers a query that schema.Execute can run, reporting false
// for one it cannot, which graphql-go then answers the same.
func (s *Server) answer(ctx context.Context, w http.ResponseWriter, a *api, doc *ast.Document, operation string, vars map[string]any) bool {
	buf := buffers.Get().(*bytes.Buffer)
	defer func() {
		if buf.Cap() <= maxPooled {
			buffers.Put(buf)
		}
	}()
	buf.Reset()
	buf.WriteString(`{"data":`)
	if !schema.Execute(ctx, a.schema, doc, operation, vars, buf) {
		return false
	}
	buf.WriteString("}\n") // as json.Encoder ends a graphql.Result
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	w.Write(buf.Bytes())
	return true
}

// buffers holds the buffers answers are written to; one of a hub drug's
// page grows to half a megabyte, a cost to pay once, not per answer.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxPooled is the largest buffer buffers keeps.
const maxPooled = 4 << 20

// acquire waits for a place to run a query, up to queueWait.
func (s *Server) acquire(ctx context.Context) bool {
	select {
	case s.slots <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(queueWait)
	defer t.Stop()
	select {
	case s.slots <- struct{}{}:
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

// writeErrors answers with a GraphQL response holding one error.
func writeErrors(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, &graphql.Result{Errors: []gqlerrors.FormattedError{{Message: msg}}})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
