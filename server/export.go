package server

import (
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
	"time"

	"pharmagraph/export"
	"pharmagraph/schema"
)

// Store is what the server reads: the GraphQL resolvers' reads and the bulk
// export's. *graph.Store has it.
type Store interface {
	schema.Reader
	export.Reader
}

// exportIdle is how long an export waits for a client that stops reading
// before it gives up; each write moves the deadline, so a long export that
// keeps going is not cut by the server's WriteTimeout.
const exportIdle = time.Minute

// serveExport streams one file of a bulk export:
//
//	GET /export?format=F[&part=P][&gzip=1][&source=S]...[&category=C]...[&predicate=P]...
//
// F is an export format (export.Formats). P picks the file: nodes or edges
// for the two-file formats (kgx-tsv, kgx-jsonl, csv), which need it; the
// single file for the others; or manifest, for every format, which answers
// the export's manifest as JSON (it runs the whole export to hash it).
// gzip=1 compresses the file: Content-Type application/gzip, the file name
// with ".gz". The filters repeat as the command's flags do.
func (s *Server) serveExport(w http.ResponseWriter, r *http.Request) {
	a := s.api.Load()
	if a == nil {
		w.Header().Set("Retry-After", "1")
		plainError(w, r, "not ready: the store is opening or the seeds are loading", http.StatusServiceUnavailable)
		return
	}
	if r.Method != http.MethodGet {
		w.Header().Set("Allow", "GET")
		plainError(w, r, "use GET", http.StatusMethodNotAllowed)
		return
	}
	o, p, err := exportRequest(r.URL.Query())
	if err != nil {
		plainError(w, r, err.Error(), http.StatusBadRequest)
		return
	}
	if !s.acquire(r.Context()) {
		s.refuse(r, "max-in-flight")
		w.Header().Set("Retry-After", "1")
		plainError(w, r, "busy: too many requests at once; try again", http.StatusServiceUnavailable)
		return
	}
	defer s.release()
	id := schema.RequestID(r.Context())
	if p.Name == "manifest" {
		m, err := export.Describe(r.Context(), a.store, o)
		if err != nil {
			s.opts.Log.Error("export manifest failed", "request", id, "format", o.Format, "err", err)
			http.Error(w, "internal error (request "+id+")", http.StatusInternalServerError)
			return
		}
		writeJSON(w, http.StatusOK, m)
		return
	}
	contentType := p.ContentType
	if o.Gzip {
		contentType = "application/gzip"
	}
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": p.File}))
	sw := &streamWriter{w: w, rc: http.NewResponseController(w)}
	f, err := export.Write(r.Context(), a.store, o, p.Name, sw)
	switch {
	case err == nil:
		s.opts.Log.Info("export", "request", id, "file", f.Name, "records", f.Records, "bytes", f.Bytes)
	case sw.n == 0:
		// Nothing sent: the status can still tell the client.
		s.opts.Log.Error("export failed", "request", id, "file", p.File, "err", err)
		w.Header().Del("Content-Disposition")
		http.Error(w, "internal error (request "+id+")", http.StatusInternalServerError)
	default:
		// The status is sent and cannot change: log, and cut the stream so
		// that the client sees a broken transfer rather than a short file.
		if r.Context().Err() != nil {
			s.opts.Log.Info("export ended by the client", "request", id, "file", p.File, "bytes", sw.n)
		} else {
			s.opts.Log.Error("export failed after its first bytes", "request", id, "file", p.File, "bytes", sw.n, "err", err)
		}
		panic(http.ErrAbortHandler)
	}
}

// exportRequest reads the options and part of an export from a query. The
// part named "manifest" stands for the export's manifest.
func exportRequest(q url.Values) (export.Options, export.Part, error) {
	var o export.Options
	for k := range q {
		switch k {
		case "format", "part", "gzip", "source", "category", "predicate":
		default:
			return o, export.Part{}, fmt.Errorf("unknown parameter %q (want format, part, gzip, source, category, predicate)", k)
		}
	}
	format, err := export.ParseFormat(q.Get("format"))
	if err != nil {
		return o, export.Part{}, err
	}
	o.Format = format
	switch q.Get("gzip") {
	case "", "0", "false":
	case "1", "true":
		o.Gzip = true
	default:
		return o, export.Part{}, fmt.Errorf("gzip=%q: want 1 or 0", q.Get("gzip"))
	}
	if o.Filter, err = export.ParseFilter(q["source"], q["category"], q["predicate"]); err != nil {
		return o, export.Part{}, err
	}
	parts, err := o.Parts()
	if err != nil {
		return o, export.Part{}, err
	}
	name := q.Get("part")
	switch {
	case name == "manifest":
		return o, export.Part{Name: name, File: o.ManifestFile(), ContentType: "application/json"}, nil
	case name == "" && len(parts) == 1:
		return o, parts[0], nil
	}
	p, err := o.Part(name)
	if err != nil {
		names := make([]string, 0, len(parts)+1)
		for _, p := range parts {
			names = append(names, "part="+p.Name)
		}
		names = append(names, "part=manifest")
		if name == "" {
			return o, p, fmt.Errorf("%s has %d files: ask for one with %s", format, len(parts), strings.Join(names, ", "))
		}
		return o, p, fmt.Errorf("%s has no part %q: ask for one of %s", format, name, strings.Join(names, ", "))
	}
	return o, p, nil
}

// streamWriter passes an export to the client, counting the bytes sent and
// moving the write deadline on as they go.
type streamWriter struct {
	w    io.Writer
	rc   *http.ResponseController
	n    int64
	last time.Time // when the deadline was last moved
}

func (s *streamWriter) Write(p []byte) (int, error) {
	if now := time.Now(); now.Sub(s.last) > time.Second {
		s.last = now
		s.rc.SetWriteDeadline(now.Add(exportIdle)) // an error means the writer has no deadlines to move
	}
	n, err := s.w.Write(p)
	s.n += int64(n)
	return n, err
}
