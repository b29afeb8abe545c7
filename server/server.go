// Package server is Pharmagraph's HTTP front: /graphql (with GraphiQL for a
// browser), the explorer's pages (/, /node/{CURIE}, /overlap), /export (bulk
// exports, streamed), /healthz and /readyz. Every
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
	"strconv"
	"sync/atomic"
	"time"

	"github.com/graphql-go/graphql"
	"github.com/graphql-go/graphql/gqlerrors"
	"github.com/graphql-go/graphql/language/ast"

	"pharmagraph/explorer"
	"pharmagraph/graph"
	"pharmagraph/schema"
)

// Options configures a Server. The zero value is usable; every field's
// zero means the default its comment gives, and the serve command has a
// flag for each (README: Limits).
type Options struct {
	QueryTimeout time.Duration // the most one query may run; zero means 10s
	MaxBodyBytes int64         // the largest request body; zero means 1 MiB
	Limits       Limits        // what one query may ask for
	MaxInFlight  int           // queries checked or run at once; zero means 4 per CPU
	QueueWait    time.Duration // how long a query waits for a place before a 503; zero means 1s
	Budget       Budget        // the cost each client may spend
	AnswerCache  int64         // bytes of encoded answers kept (answers.go); zero means 64 MiB, negative none
	Log          *slog.Logger  // zero means slog.Default()

	// CORSOrigins are the origins whose pages may read responses, such as
	// "https://example.org", or "*" for any. None (the default) lets no
	// other site's page read them.
	CORSOrigins []string

	// The timeouts of HTTPServer's connections: for the request's headers
	// (zero means 5s), the whole request (zero means 30s), writing the
	// response (zero means QueryTimeout+30s) and an idle keep-alive
	// connection (zero means 2m).
	ReadHeaderTimeout, ReadTimeout, WriteTimeout, IdleTimeout time.Duration

	// Admin is POST /admin/load; zero leaves it off.
	Admin Admin
}

// withDefaults returns o with every zero field set to its default.
func (o Options) withDefaults() Options {
	if o.QueryTimeout <= 0 {
		o.QueryTimeout = 10 * time.Second
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = 1 << 20
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	if o.MaxInFlight <= 0 {
		o.MaxInFlight = 4 * runtime.GOMAXPROCS(0)
	}
	if o.AnswerCache == 0 {
		o.AnswerCache = 64 << 20
	}
	if o.QueueWait <= 0 {
		o.QueueWait = time.Second
	}
	o.Limits = o.Limits.withDefaults()
	o.Budget = o.Budget.withDefaults()
	for _, d := range []struct {
		t   *time.Duration
		def time.Duration
	}{
		{&o.ReadHeaderTimeout, 5 * time.Second},
		{&o.ReadTimeout, 30 * time.Second},
		{&o.WriteTimeout, o.QueryTimeout + 30*time.Second},
		{&o.IdleTimeout, 2 * time.Minute},
	} {
		if *d.t <= 0 {
			*d.t = d.def
		}
	}
	return o
}

// Server answers HTTP requests. It serves /healthz at once, and /graphql,
// /export and a 200 from /readyz once Ready has been called.
type Server struct {
	opts    Options
	mux     *http.ServeMux
	api     atomic.Pointer[api]
	slots   chan struct{} // one token per query being checked or run
	pages   *explorer.Pages
	budgets *budgets
	metrics *metrics
}

// api is what Ready installs: the schema and what /export reads.
type api struct {
	store   Store // what /export reads
	schema  graphql.Schema
	docs    docCache     // valid documents of recent queries
	answers *answerCache // encoded answers; nil when off or the store has no generation
}

// New returns a Server that is not ready yet.
func New(opts Options) *Server {
	opts = opts.withDefaults()
	s := &Server{opts: opts, mux: http.NewServeMux(), slots: make(chan struct{}, opts.MaxInFlight),
		pages: explorer.New(explorer.Files()), budgets: newBudgets(opts.Budget)}
	s.metrics = newMetrics(s.gauges)
	s.mux.HandleFunc("/healthz", func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, "ok\n")
	})
	s.mux.HandleFunc("/readyz", func(w http.ResponseWriter, r *http.Request) {
		if s.api.Load() == nil {
			plainError(w, r, "not ready: the store is opening or the seeds are loading", http.StatusServiceUnavailable)
			return
		}
		// A store shared with other processes says when it has fallen
		// behind their loads or lost its database.
		if f, ok := s.api.Load().store.(interface{ Following() error }); ok {
			if err := f.Following(); err != nil {
				plainError(w, r, "not ready: "+err.Error(), http.StatusServiceUnavailable)
				return
			}
		}
		io.WriteString(w, "ready\n")
	})
	if opts.Admin.Token != "" && opts.Admin.Load != nil {
		s.mux.HandleFunc("/admin/load", s.adminLoad)
	}
	s.mux.HandleFunc("/graphql", s.graphql)
	s.mux.HandleFunc("/export", s.serveExport)
	s.mux.Handle("/metrics", s.metrics.handler())
	s.explorerRoutes()
	s.mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		plainError(w, r, "not found", http.StatusNotFound)
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
	stopAtDeadline(&sc)
	a := &api{store: r, schema: sc}
	if _, ok := r.(Generationer); ok && s.opts.AnswerCache > 0 {
		a.answers = newAnswerCache(s.opts.AnswerCache, s.metrics)
	}
	s.api.Store(a)
	return nil
}

// graphql answers a GraphQL request over HTTP as the GraphQL-over-HTTP
// specification says (see request.go), within the limits of s.opts.
func (s *Server) graphql(w http.ResponseWriter, r *http.Request) {
	a := s.api.Load()
	media := responseType(r)
	if a == nil {
		w.Header().Set("Retry-After", "1")
		s.writeError(w, r, media, http.StatusServiceUnavailable, "not ready: the store is opening or the seeds are loading", nil)
		return
	}
	switch r.Method {
	case http.MethodGet, http.MethodPost:
	default:
		w.Header().Set("Allow", "GET, POST")
		s.writeError(w, r, media, http.StatusMethodNotAllowed, "use GET or POST", nil)
		return
	}
	if wantsPage(r) {
		s.pages.GraphiQL(w, r)
		return
	}
	p, err := s.readParams(w, r)
	if err != nil {
		var re *requestError
		errors.As(err, &re)
		s.writeError(w, r, media, re.Status, re.Msg, nil)
		return
	}
	if !s.acquire(r.Context()) {
		s.refuse(r, "max-in-flight")
		w.Header().Set("Retry-After", "1")
		s.writeError(w, r, media, http.StatusServiceUnavailable, "busy: too many queries at once; try again", nil)
		return
	}
	defer s.release()
	q, qerr := a.check(p.Query, s.opts.Limits)
	if qerr != nil {
		s.metrics.gqlErrors.WithLabelValues("request").Inc()
		if qerr.Limit != "" {
			s.refuse(r, qerr.Limit)
		}
		s.writeResult(w, r, media, requestStatus(media), &graphql.Result{Errors: []gqlerrors.FormattedError{qerr.formatted()}}, nil)
		return
	}
	if t := operationType(q.doc, p.OperationName); r.Method == http.MethodGet && t != "" && t != ast.OperationTypeQuery {
		// A GET must not change anything: a link or an image can send one.
		w.Header().Set("Allow", "POST")
		s.writeError(w, r, media, http.StatusMethodNotAllowed, "only queries may be sent with GET; send a "+t+" with POST", nil)
		return
	}
	if q.errs != nil {
		s.metrics.gqlErrors.WithLabelValues("request").Inc()
		s.writeResult(w, r, media, requestStatus(media), &graphql.Result{Errors: q.errs}, nil)
		return
	}
	noteOf(r.Context()).cost = q.cost.Fields
	report := s.costReport(q.cost, nil)
	if s.budgets.on() {
		th, wait, ok := s.budgets.spend(s.budgets.client(r), q.cost.Fields)
		report = s.costReport(q.cost, &th)
		if !ok {
			s.refuse(r, "budget")
			w.Header().Set("Retry-After", strconv.Itoa(max(1, int((wait+time.Second-1)/time.Second))))
			s.writeResult(w, r, media, http.StatusTooManyRequests, &graphql.Result{Errors: []gqlerrors.FormattedError{{
				Message:    fmt.Sprintf("cost budget spent: this query costs %d and %d of %d points are left; %.0f come back each second", q.cost.Fields, th.CurrentlyAvailable, th.MaximumAvailable, th.RestoreRate),
				Extensions: map[string]any{"code": "BUDGET_SPENT"},
			}}}, map[string]any{"cost": report})
			return
		}
	}
	s.metrics.cost.Observe(float64(q.cost.Fields))
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.QueryTimeout)
	defer cancel()
	buf, release := pooled()
	defer release()
	data, res := s.respond(ctx, a, q.doc, p, media, buf)
	if data != nil {
		writeData(w, media, data, report)
		return
	}
	ext := map[string]any{"cost": report}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		s.refuse(r, "query-timeout")
		s.writeError(w, r, media, http.StatusGatewayTimeout, fmt.Sprintf("query exceeded its time limit of %v", s.opts.QueryTimeout), ext)
		return
	}
	status := http.StatusOK
	switch {
	case !executed(res):
		// The variables did not fit their types, or no operation had the
		// name asked for.
		s.metrics.gqlErrors.WithLabelValues("request").Inc()
		status = requestStatus(media)
	case len(res.Errors) > 0:
		s.metrics.gqlErrors.WithLabelValues("field").Inc()
		if res.Data == nil {
			// A non-null field failed and took the whole answer with it:
			// the response says "data": null, as one that ran must.
			res.Data = json.RawMessage("null")
		}
	}
	s.writeResult(w, r, media, status, res, ext)
}

// respond answers a query that passed the checks and was charged to its
// client's budget, from the answer cache when it is on and the operation
// is a query: the JSON of its data when it has no errors, else graphql-go's
// result. The data may be held in buf (see run).
func (s *Server) respond(ctx context.Context, a *api, doc *ast.Document, p params, media string, buf *bytes.Buffer) ([]byte, *graphql.Result) {
	if a.answers == nil || operationType(doc, p.OperationName) != ast.OperationTypeQuery {
		return run(ctx, a, doc, p, buf)
	}
	key, ok := answerKey(media, p)
	if !ok {
		return run(ctx, a, doc, p, buf)
	}
	var res *graphql.Result
	data := a.answers.get(ctx, key, a.store.(Generationer).Generation(), func() ([]byte, bool) {
		var data []byte
		data, res = run(ctx, a, doc, p, buf)
		return bytes.Clone(data), data != nil // the cache keeps it
	})
	switch {
	case data != nil:
		return data, nil
	case res != nil:
		return nil, res
	}
	// The answer this request waited for had errors, or its deadline came
	// first: it makes its own.
	return run(ctx, a, doc, p, buf)
}

// executed reports whether graphql-go ran res's operation: it has data,
// or an error at a field's path. Without either, the request failed before
// execution began.
func executed(res *graphql.Result) bool {
	if res.Data != nil {
		return true
	}
	for _, e := range res.Errors {
		if len(e.Path) > 0 {
			return true
		}
	}
	return false
}

// readParams reads the parameters of a GET or POST request, refusing a
// body over MaxBodyBytes with a 413.
func (s *Server) readParams(w http.ResponseWriter, r *http.Request) (params, error) {
	if r.Method == http.MethodGet {
		return parseGet(r.URL.Query())
	}
	// Nothing of the body outlives parsePost, which copies what it keeps,
	// so the body is read into a pooled buffer.
	buf, release := pooled()
	defer release()
	_, err := buf.ReadFrom(http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			s.refuse(r, "max-body-bytes")
			return params{}, &requestError{Status: http.StatusRequestEntityTooLarge,
				Msg: fmt.Sprintf("request body exceeds %d bytes", s.opts.MaxBodyBytes)}
		}
		return params{}, badRequest("reading request body: %v", err)
	}
	return parsePost(r.Header.Get("Content-Type"), buf.Bytes())
}

// requestStatus is the status of a request that did not execute: 400 for
// a client that accepts application/graphql-response+json, 200 for one
// that may not read the body of another status.
func requestStatus(media string) int {
	if media == mediaGraphQLResponse {
		return http.StatusBadRequest
	}
	return http.StatusOK
}

// operationType returns the type of the operation name picks in doc (the
// only one, when name is empty), or "" when there is none such, and
// execution will say so.
func operationType(doc *ast.Document, name string) string {
	var found *ast.OperationDefinition
	for _, d := range doc.Definitions {
		op, ok := d.(*ast.OperationDefinition)
		if !ok {
			continue
		}
		if name == "" || op.Name != nil && op.Name.Value == name {
			if found != nil && name == "" {
				return ""
			}
			found = op
		}
	}
	if found == nil {
		return ""
	}
	return found.Operation
}

// costReport is the cost a response's extensions carry: what the query
// asks for, the limits it was measured against, and its client's budget
// after it (nil when budgets are off). Its fields are in the order of
// their keys, as encoding/json writes a map's: the report was one, and a
// struct encodes in a fraction of the time.
type costReport struct {
	Aliases            int        `json:"aliases"`
	Depth              int        `json:"depth"`
	Fields             int        `json:"fields"`
	Limits             costLimits `json:"limits"`
	RequestedQueryCost int        `json:"requestedQueryCost"`
	ThrottleStatus     *throttle  `json:"throttleStatus,omitempty"`
}

// costLimits are the limits a cost report names, in the order of their keys.
type costLimits struct {
	MaxAliases     int   `json:"maxAliases"`
	MaxDepth       int   `json:"maxDepth"`
	MaxFields      int   `json:"maxFields"`
	QueryTimeoutMs int64 `json:"queryTimeoutMs"`
}

// appendJSON appends to b the JSON that encoding/json gives r, in a
// fraction of its time: every answer carries a report.
func (r costReport) appendJSON(b []byte) []byte {
	if r.ThrottleStatus != nil { // budgets are on: the rarer case
		j, err := json.Marshal(r)
		if err != nil {
			panic(fmt.Sprintf("server: encode the cost report: %v", err)) // a cost report always encodes
		}
		return append(b, j...)
	}
	for _, f := range []struct {
		key string
		n   int64
	}{
		{`{"aliases":`, int64(r.Aliases)}, {`,"depth":`, int64(r.Depth)}, {`,"fields":`, int64(r.Fields)},
		{`,"limits":{"maxAliases":`, int64(r.Limits.MaxAliases)}, {`,"maxDepth":`, int64(r.Limits.MaxDepth)},
		{`,"maxFields":`, int64(r.Limits.MaxFields)}, {`,"queryTimeoutMs":`, r.Limits.QueryTimeoutMs},
		{`},"requestedQueryCost":`, int64(r.RequestedQueryCost)},
	} {
		b = strconv.AppendInt(append(b, f.key...), f.n, 10)
	}
	return append(b, '}')
}

// costReport returns the cost report of a query of cost c, whose client's
// budget is th after it (nil when budgets are off).
func (s *Server) costReport(c Cost, th *throttle) costReport {
	lim := s.opts.Limits
	return costReport{Aliases: c.Aliases, Depth: c.Depth, Fields: c.Fields, RequestedQueryCost: c.Fields, ThrottleStatus: th,
		Limits: costLimits{MaxAliases: lim.MaxAliases, MaxDepth: lim.MaxDepth, MaxFields: lim.MaxFields, QueryTimeoutMs: s.opts.QueryTimeout.Milliseconds()}}
}

// gauges reads the store's gauges, if it has them.
func (s *Server) gauges() (graph.Gauges, bool) {
	if a := s.api.Load(); a != nil {
		if g, ok := a.store.(Gauger); ok {
			return g.Gauges(), true
		}
	}
	return graph.Gauges{}, false
}

// acquire waits for a place to run a query, up to QueueWait.
func (s *Server) acquire(ctx context.Context) bool {
	select {
	case s.slots <- struct{}{}:
		s.metrics.inFlight.Inc()
		return true
	default:
	}
	t := time.NewTimer(s.opts.QueueWait)
	defer t.Stop()
	select {
	case s.slots <- struct{}{}:
		s.metrics.inFlight.Inc()
		return true
	case <-t.C:
	case <-ctx.Done():
	}
	return false
}

// release gives back the place acquire took.
func (s *Server) release() {
	s.metrics.inFlight.Dec()
	<-s.slots
}

// writeError answers with a GraphQL response holding one error.
func (s *Server) writeError(w http.ResponseWriter, r *http.Request, media string, status int, msg string, ext map[string]any) {
	s.writeResult(w, r, media, status, &graphql.Result{Errors: []gqlerrors.FormattedError{{Message: msg}}}, ext)
}

// response is a GraphQL response as the specification gives it: data is
// absent, not null, when the request did not execute.
type response struct {
	Data       any                        `json:"data,omitempty"`
	Errors     []gqlerrors.FormattedError `json:"errors,omitempty"`
	Extensions map[string]any             `json:"extensions,omitempty"`
}

// writeResult answers with res as media, each error carrying the
// request's id in its extensions, so that a client can quote it.
func (s *Server) writeResult(w http.ResponseWriter, r *http.Request, media string, status int, res *graphql.Result, ext map[string]any) {
	id := schema.RequestID(r.Context())
	errs := make([]gqlerrors.FormattedError, len(res.Errors))
	for i, e := range res.Errors {
		x := make(map[string]any, len(e.Extensions)+1)
		for k, v := range e.Extensions {
			x[k] = v
		}
		x["requestId"] = id
		e.Extensions = x
		errs[i] = e
	}
	w.Header().Set("Content-Type", media+"; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(response{Data: res.Data, Errors: errs, Extensions: ext})
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}
