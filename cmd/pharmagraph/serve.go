package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"time"

	"pharmagraph/server"
)

func serve(ctx context.Context, sf storeFlags, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "pharmagraph serve [flags]")
	sf.register(fs)
	addr := fs.String("addr", env("PHARMAGRAPH_ADDR", "127.0.0.1:8080"), "the address to listen on (env PHARMAGRAPH_ADDR)")
	timeout := fs.Duration("query-timeout", 10*time.Second, "the most one GraphQL query may run")
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("serve: takes no arguments, got %q", rest)
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	srv := server.New(server.Options{QueryTimeout: *timeout, Log: log})
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

	s, err := sf.open(ctx)
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
