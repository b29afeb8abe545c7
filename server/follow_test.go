package server_test

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"pharmagraph/graph"
	"pharmagraph/server"
)

// behind is a store that has lost its database.
type behind struct{ *graph.Store }

func (behind) Following() error { return errors.New("graph: behind the database: last in step 9s ago") }

// TestReadyBehind checks that /readyz fails for a store that says it has
// fallen behind its database, and passes for one that keeps up.
func TestReadyBehind(t *testing.T) {
	for _, tt := range []struct {
		name  string
		store server.Store
		want  int
	}{
		{"keeps up", seeded(t), http.StatusOK},
		{"behind", behind{seeded(t)}, http.StatusServiceUnavailable},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv := server.New(server.Options{Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
			if err := srv.Ready(tt.store); err != nil {
				t.Fatal(err)
			}
			rec := httptest.NewRecorder()
			srv.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/readyz", nil))
			if rec.Code != tt.want {
				t.Errorf("/readyz: %d %s, want %d", rec.Code, rec.Body, tt.want)
			}
		})
	}
}
