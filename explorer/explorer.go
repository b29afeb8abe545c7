// Package explorer serves the browser explorer and the GraphiQL page: the
// files that web/ builds into dist/ (npm ci && npm run build), embedded so
// that the binary needs nothing else and a browser loads nothing from
// another host.
package explorer

import (
	"embed"
	"io/fs"
	"net/http"
	"strings"
)

//go:embed dist
var dist embed.FS

// CSP is the Content-Security-Policy the pages are made for, and which the
// server sends with every response (security headers are the server's,
// set once for all routes): scripts, styles, fonts and connections come from this server
// alone, with no inline script or style; images and fonts may also be data:
// URLs (GraphiQL's stylesheet carries its fonts so) and images blob: URLs
// (a graph view's download).
const CSP = "default-src 'self'; img-src 'self' data: blob:; font-src 'self' data:; " +
	"object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"

// Files returns the built files: index.html, graphiql.html and assets/.
func Files() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // the embedded folder is named above
	}
	return sub
}

// Pages serves the explorer's pages and their assets from files (Files()
// in the binary). Every path of the explorer (/, /node/..., /overlap) gets
// index.html, whose script shows the view the address names; graphiql.html
// is served by GraphiQL; /assets/ holds files whose names carry a hash of
// their content, so they may be kept for good.
type Pages struct {
	files  fs.FS
	assets http.Handler
}

// New returns the Pages of files.
func New(files fs.FS) *Pages {
	return &Pages{files: files, assets: http.FileServerFS(files)}
}

// Explorer answers with the explorer's page: the start page, a node's page
// or an overlap, as the address says.
func (p *Pages) Explorer(w http.ResponseWriter, r *http.Request) {
	p.page(w, r, "index.html")
}

// GraphiQL answers with the GraphiQL page, which queries /graphql.
func (p *Pages) GraphiQL(w http.ResponseWriter, r *http.Request) {
	p.page(w, r, "graphiql.html")
}

// Assets answers a request under /assets/.
func (p *Pages) Assets(w http.ResponseWriter, r *http.Request) {
	if strings.HasSuffix(r.URL.Path, "/") {
		http.NotFound(w, r) // no listings
		return
	}
	w.Header().Set("Cache-Control", "public, max-age=31536000, immutable")
	p.assets.ServeHTTP(w, r)
}

func (p *Pages) page(w http.ResponseWriter, r *http.Request, name string) {
	b, err := fs.ReadFile(p.files, name)
	if err != nil {
		http.Error(w, "the explorer is not built: run npm ci && npm run build in explorer/web", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-cache")
	if r.Method != http.MethodHead {
		w.Write(b)
	}
}
