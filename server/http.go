package server

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"strings"
	"time"

	"pharmagraph/explorer"
	"pharmagraph/schema"
)

// securityHeaders sets the headers every response carries.
func securityHeaders(h http.Header) {
	h.Set("Content-Security-Policy", explorer.CSP) // no host but the server's own, no inline script, no framing
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY") // frame-ancestors, for browsers that predate it
	h.Set("Referrer-Policy", "no-referrer")
}

// cors answers for the origins in Options.CORSOrigins. With none (the
// default) it adds nothing, so a browser lets no other site read a
// response, and a preflight OPTIONS request gets the route's 405. For an
// allowed origin it lets the page read responses, and answers a preflight
// for GET and POST with JSON; it never allows credentials, since nothing
// here rests on cookies. It reports whether it answered the request.
func (s *Server) cors(w http.ResponseWriter, r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || len(s.opts.CORSOrigins) == 0 {
		return false
	}
	h := w.Header()
	h.Add("Vary", "Origin")
	if !slices.Contains(s.opts.CORSOrigins, "*") && !slices.Contains(s.opts.CORSOrigins, origin) {
		return false
	}
	h.Set("Access-Control-Allow-Origin", origin)
	h.Set("Access-Control-Expose-Headers", "X-Request-Id, Retry-After")
	if r.Method != http.MethodOptions || r.Header.Get("Access-Control-Request-Method") == "" {
		return false
	}
	h.Set("Access-Control-Allow-Methods", "GET, POST")
	h.Set("Access-Control-Allow-Headers", "Content-Type, Accept, Authorization")
	h.Set("Access-Control-Max-Age", "600")
	w.WriteHeader(http.StatusNoContent)
	return true
}

// recorder notes what a handler wrote, for the access log and metrics.
type recorder struct {
	http.ResponseWriter
	status int
	bytes  int64
}

func (rec *recorder) WriteHeader(status int) {
	if rec.status == 0 {
		rec.status = status
	}
	rec.ResponseWriter.WriteHeader(status)
}

func (rec *recorder) Write(b []byte) (int, error) {
	if rec.status == 0 {
		rec.status = http.StatusOK
	}
	n, err := rec.ResponseWriter.Write(b)
	rec.bytes += int64(n)
	return n, err
}

// Unwrap lets http.ResponseController reach the connection's writer, for
// the deadlines and flushes of a streamed export.
func (rec *recorder) Unwrap() http.ResponseWriter { return rec.ResponseWriter }

// outcome is what the handler of a request tells the access log beyond
// its status: the query's cost and the limit that refused it, if one did.
type outcome struct {
	cost  int
	limit string
}

type outcomeKey struct{}

// noteOf returns the request's outcome to fill in; a request served
// outside ServeHTTP gets one that nobody reads.
func noteOf(ctx context.Context) *outcome {
	if o, ok := ctx.Value(outcomeKey{}).(*outcome); ok {
		return o
	}
	return &outcome{}
}

// refuse records that limit refused the request.
func (s *Server) refuse(r *http.Request, limit string) {
	noteOf(r.Context()).limit = limit
	s.metrics.refusals.WithLabelValues(limit).Inc()
}

// ServeHTTP answers one request: it gives it a request id (the
// X-Request-Id header, and every error's), sets the security headers,
// answers CORS, turns a panic into a 500, and logs one line and counts the
// request once it is answered.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	start := time.Now()
	id := schema.NewRequestID()
	rec := &recorder{ResponseWriter: w}
	w = rec
	w.Header().Set("X-Request-Id", id)
	securityHeaders(w.Header())
	out := &outcome{}
	r = r.WithContext(context.WithValue(schema.WithRequestID(r.Context(), id), outcomeKey{}, out))
	defer func() {
		v := recover()
		if v == http.ErrAbortHandler {
			panic(v)
		}
		if v != nil {
			s.opts.Log.Error("panic serving request", "request", id, "path", r.URL.Path, "panic", v)
			if rec.status == 0 {
				s.writeError(w, r, mediaJSON, http.StatusInternalServerError, "internal error (request "+id+")", nil)
			}
		}
		status := rec.status
		if status == 0 {
			status = http.StatusOK
		}
		took := time.Since(start)
		s.metrics.observe(route(r.URL.Path), status, took.Seconds())
		attrs := []slog.Attr{
			slog.String("request", id),
			slog.String("method", r.Method),
			slog.String("path", r.URL.Path),
			slog.Int("status", status),
			slog.Float64("ms", float64(took.Microseconds())/1000),
			slog.Int64("bytes", rec.bytes),
			slog.String("client", clientAddr(r)),
		}
		if out.cost > 0 {
			attrs = append(attrs, slog.Int("cost", out.cost))
		}
		if out.limit != "" {
			attrs = append(attrs, slog.String("refused", out.limit))
		}
		s.opts.Log.LogAttrs(r.Context(), slog.LevelInfo, "request", attrs...)
	}()
	if s.cors(w, r) {
		return
	}
	s.mux.ServeHTTP(w, r)
}

// plainError answers with a text error that ends with the request's id,
// as every error a client sees does.
func plainError(w http.ResponseWriter, r *http.Request, msg string, status int) {
	http.Error(w, msg+" (request "+schema.RequestID(r.Context())+")", status)
}

// clientAddr returns the host of r's remote address.
func clientAddr(r *http.Request) string {
	host := r.RemoteAddr
	if i := strings.LastIndexByte(host, ':'); i >= 0 {
		host = host[:i]
	}
	return strings.Trim(host, "[]")
}

// HTTPServer returns an http.Server for s on addr with the timeouts of its
// Options, so that a client that sends its request slowly, or reads the
// answer slowly, or keeps an idle connection, does not hold the server's
// resources for longer than they allow.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: s.opts.ReadHeaderTimeout,
		ReadTimeout:       s.opts.ReadTimeout,
		WriteTimeout:      s.opts.WriteTimeout,
		IdleTimeout:       s.opts.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(s.opts.Log.Handler(), slog.LevelWarn),
	}
}
