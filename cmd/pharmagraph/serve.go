package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"

	"pharmagraph/graph"
	"pharmagraph/loader"
	"pharmagraph/server"
)

// The answer cache keys answers by the store's generation.
var _ server.Generationer = (*graph.Store)(nil)

func serve(ctx context.Context, sf storeFlags, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "pharmagraph serve [flags]")
	sf.register(fs)
	addr := fs.String("addr", env("PHARMAGRAPH_ADDR", "127.0.0.1:8080"), "the address to listen on (env PHARMAGRAPH_ADDR)")
	opts := serveFlags(fs)
	token := fs.String("admin-token", env("PHARMAGRAPH_ADMIN_TOKEN", ""), "turns on POST /admin/load (pharmagraph load --server) for requests bearing this token (env PHARMAGRAPH_ADMIN_TOKEN)")
	maxUpload := fs.Int64("admin-max-upload", 2<<30, "the most bytes one /admin/load request may send")
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("serve: takes no arguments, got %q", rest)
	}
	o, err := opts()
	if err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(stderr, nil))
	o.Log = log
	var s *graph.Store // set before the server is ready, and so before any load
	o.Admin = server.Admin{
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
	}
	srv := server.New(o)
	hs := srv.HTTPServer(*addr)
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
	sctx, cancel := context.WithTimeout(context.Background(), o.QueryTimeout+5*time.Second)
	defer cancel()
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return fmt.Errorf("serve: shutdown: %w", err)
	}
	return nil
}

// serveFlags adds to fs a flag for every limit of server.Options, each
// defaulting to what the zero value means (README: Limits), and returns a
// function that gives the Options once fs is parsed.
func serveFlags(fs *flag.FlagSet) func() (server.Options, error) {
	var o server.Options
	fs.DurationVar(&o.QueryTimeout, "query-timeout", 10*time.Second, "the most one GraphQL query may run; past it, a 504")
	fs.Int64Var(&o.MaxBodyBytes, "max-body-bytes", 1<<20, "the largest request body; past it, a 413")
	fs.IntVar(&o.MaxInFlight, "max-in-flight", 4*runtime.GOMAXPROCS(0), "queries and exports checked or run at once (default 4 per CPU)")
	o.AnswerCache = 64 << 20
	fs.Var((*byteSize)(&o.AnswerCache), "answer-cache", "the bytes of encoded answers kept to answer the same query again, such as 64MiB; 0 keeps none")
	fs.DurationVar(&o.QueueWait, "queue-wait", time.Second, "how long a query waits for a place before a 503")
	fs.IntVar(&o.Limits.MaxQueryBytes, "max-query-bytes", 16<<10, "the longest query text")
	fs.IntVar(&o.Limits.MaxTokens, "max-tokens", 2000, "the most tokens in a query text")
	fs.IntVar(&o.Limits.MaxNesting, "max-nesting", 64, "the deepest nesting of brackets in a query text")
	fs.IntVar(&o.Limits.MaxDepth, "max-depth", 15, "the deepest selection, fragments expanded")
	fs.IntVar(&o.Limits.MaxFields, "max-fields", 2000, "the most field selections, fragments expanded: a query's cost")
	fs.IntVar(&o.Limits.MaxAliases, "max-aliases", 100, "the most aliased field selections")
	fs.IntVar(&o.Limits.MaxOverlaps, "max-overlaps", 10000, "the most pairs of fields sharing a response name")
	fs.IntVar(&o.Limits.MaxConflicts, "max-conflicts", 100, "the most such pairs that differ in name or arguments")
	fs.IntVar(&o.Budget.Capacity, "budget", 20000, "the cost points each client holds (negative: no budgets); past them, a 429")
	fs.Float64Var(&o.Budget.Rate, "budget-rate", 2000, "the cost points a client gets back each second")
	tokens := fs.String("budget-tokens", "", "a file of bearer tokens, one a line, that have budgets of their own (default: budgets by address only)")
	cors := fs.String("cors-origins", "", "comma-separated origins whose pages may read responses, or * for any (default: none)")
	fs.DurationVar(&o.ReadHeaderTimeout, "read-header-timeout", 5*time.Second, "the most a client may take to send a request's headers")
	fs.DurationVar(&o.ReadTimeout, "read-timeout", 30*time.Second, "the most a client may take to send a whole request")
	fs.DurationVar(&o.WriteTimeout, "write-timeout", 0, "the most writing a response may take (default query-timeout + 30s)")
	fs.DurationVar(&o.IdleTimeout, "idle-timeout", 2*time.Minute, "how long an idle keep-alive connection is kept")
	return func() (server.Options, error) {
		for _, c := range strings.Split(*cors, ",") {
			if c = strings.TrimSpace(c); c != "" {
				o.CORSOrigins = append(o.CORSOrigins, c)
			}
		}
		if o.AnswerCache == 0 {
			o.AnswerCache = -1 // server.Options' zero is the default
		}
		if *tokens != "" {
			b, err := os.ReadFile(*tokens)
			if err != nil {
				return o, fmt.Errorf("serve: --budget-tokens: %w", err)
			}
			for _, t := range strings.Split(string(b), "\n") {
				if t = strings.TrimSpace(t); t != "" && !strings.HasPrefix(t, "#") {
					o.Budget.Tokens = append(o.Budget.Tokens, t)
				}
			}
		}
		return o, nil
	}
}

// byteSize is a flag of a number of bytes: digits, then KiB, MiB or GiB
// or nothing.
type byteSize int64

// String gives the size in the largest unit that divides it.
func (b *byteSize) String() string {
	for _, u := range sizeUnits {
		if *b != 0 && int64(*b)%u.n == 0 {
			return strconv.FormatInt(int64(*b)/u.n, 10) + u.suffix
		}
	}
	return strconv.FormatInt(int64(*b), 10)
}

// Set reads a size such as 64MiB.
func (b *byteSize) Set(s string) error {
	n := int64(1)
	for _, u := range sizeUnits {
		if d, ok := strings.CutSuffix(s, u.suffix); ok {
			s, n = d, u.n
			break
		}
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil || v < 0 || v > (1<<62)/n {
		return errors.New("want a number of bytes, such as 1048576 or 64MiB")
	}
	*b = byteSize(v * n)
	return nil
}

// sizeUnits are the suffixes of a byteSize, largest first.
var sizeUnits = []struct {
	suffix string
	n      int64
}{{"GiB", 1 << 30}, {"MiB", 1 << 20}, {"KiB", 1 << 10}}

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
