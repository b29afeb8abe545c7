package server

import (
	"net/http"
	"strings"
)

// explorerRoutes serves the browser explorer: its pages at / (exactly),
// /node/{CURIE} and /overlap, and their files under /assets/. GraphiQL is
// served by graphql, to browsers.
func (s *Server) explorerRoutes() {
	for _, p := range []string{"GET /{$}", "GET /node/", "GET /overlap"} {
		s.mux.HandleFunc(p, s.pages.Explorer)
	}
	s.mux.HandleFunc("GET /assets/", s.pages.Assets)
}

// wantsPage reports whether r is a browser opening /graphql, which gets
// GraphiQL (with the query of ?query= in its editor) rather than an answer:
// a GET that accepts HTML before JSON. API clients ask for JSON, or for
// anything (*/*), and get answers as before.
func wantsPage(r *http.Request) bool {
	if r.Method != http.MethodGet {
		return false
	}
	accept := r.Header.Get("Accept")
	html := strings.Index(accept, "text/html")
	json := strings.Index(accept, "application/json")
	return html >= 0 && (json < 0 || html < json)
}
