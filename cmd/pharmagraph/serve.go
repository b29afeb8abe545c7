package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"pharmagraph/graph"
	"pharmagraph/loader"
	"pharmagraph/server"
)

func serve(ctx context.Context, sf storeFlags, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "pharmagraph serve [flags]")
	sf.register(fs)
	addr := fs.String("addr", env("PHARMAGRAPH_ADDR", "127.0.0.1:8080"), "the address to listen on (env PHARMAGRAPH_ADDR)")
	timeout := fs.Duration("query-timeout", 10*time.Second, "the most one GraphQL query may run")
	token := fs.String("admin-token", env("PHARMAGRAPH_ADMIN_TOKEN", ""), "turns on POST /admin/load (pharmagraph load --server) for requests bearing this token (env PHARMAGRAPH_ADMIN_TOKEN)")
	maxUpload := fs.Int64("admin-max-upload", 2<<30, "the most bytes one /admin/load request may send")
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("serve: takes no arguments, got %q", rest)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	var s *graph.Store // set before the server is ready, and so before any load
	srv := server.New(server.Options{QueryTimeout: *timeout, Log: log, Admin: server.Admin{
		Token:     *token,
		MaxUpload: *maxUpload,
		Load: func(ctx context.Context, format string, paths []string, w io.Writer) (int, error) {
			rep, err := loader.Load(ctx, s, loader.Options{Format: format}, paths...)
			if err != nil {
				return 0, err
			}
			printReport(w, rep)
			return rep.RejectedRows, nil
		},
	}})
	hs := &http.Server{
		Handler:           srv,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      *timeout + 30*time.Second,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		return err
	}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	log.Info("listening", "addr", "http://"+ln.Addr().String()+"/graphql")

	s, err = sf.open(ctx)
	if err != nil {
		hs.Close()
		return err
	}
	// Close the store only after every request under way has ended.
	defer s.Close()
	if err := srv.Ready(s); err != nil {
		hs.Close()
		return err
	}
	log.Info("ready", "backend", sf.backend)

	select {
	case err := <-served:
		return fmt.Errorf("serve: %w", err)
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), *timeout+5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// probe gets one URL, such as a server's /readyz, and fails unless it
// answers 200 within 5 s: docker-compose's health checks run it, as the
// image has no shell or curl.
func probe(ctx context.Context, args []string, stdout io.Writer) error {
	fs := newFlags("probe", "pharmagraph probe URL")
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) != 1 {
		return usagef("probe: name one URL")
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rest[0], nil)
	if err != nil {
		return usagef("probe: %v", err)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("probe: %w", err)
	}
	defer res.Body.Close()
	msg, _ := io.ReadAll(io.LimitReader(res.Body, 4<<10))
	if res.StatusCode != http.StatusOK {
		return fmt.Errorf("probe: %s answered %s: %s", rest[0], res.Status, bytes.TrimSpace(msg))
	}
	return nil
}
