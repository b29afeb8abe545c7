// Command pharmagraph runs the Pharmagraph knowledge graph: it serves the
// GraphQL API and bulk exports, loads fact files and public data sets,
// exports the graph, answers a query from the command line and prints what
// the store holds.
//
// Usage:
//
//	pharmagraph serve [flags]            serve /graphql, /export, /healthz and /readyz
//	pharmagraph load [flags] PATH...     load seed files, data sets, or folders of them
//	                                     (--server URL: into a running server)
//	pharmagraph export [flags]           write the graph as KGX, N-Quads, GraphML, Cytoscape.js or CSV
//	pharmagraph query [flags] QUERY      run one GraphQL query and print the JSON response
//	pharmagraph stats [flags]            print counts of nodes and edges
//	pharmagraph probe URL                exit 0 when GET URL answers 200
//
// Every command opens the same store (by default an embedded bolt store in
// ./data) and loads the built-in seed facts into it when they are missing.
// Flags may follow the arguments, and the store's flags (--data, --backend,
// --postgres) may come before the command. The exit status is 0 when the
// command did its work, 1 when it failed, 2 for a wrong command line, and 3
// when a load rejected rows and loaded the rest.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	_ "github.com/cayleygraph/cayley/graph/kv/bbolt"     // registers the bolt backend
	_ "github.com/cayleygraph/cayley/graph/memstore"     // registers the memory backend
	_ "github.com/cayleygraph/cayley/graph/sql/postgres" // registers the postgres backend

	"pharmagraph/graph"
	"pharmagraph/loader"
	"pharmagraph/seeds"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// The exit codes, as the usage text gives them.
const (
	exitOK       = 0 // done
	exitError    = 1 // failed
	exitUsage    = 2 // the command line is wrong
	exitRejected = 3 // load: loaded, but rejected some rows
)

const usage = `usage: pharmagraph [--data DIR] [--backend B] [--postgres URL] COMMAND [flags] [arguments]

commands:
  serve         serve /graphql (GraphiQL in a browser), /export, /healthz and /readyz
  load PATH...  load fact files and data sets (or folders of them) into the store
  query QUERY   run one GraphQL query against the store and print the JSON response
  stats         print counts of nodes by category and edges by predicate
  export        write the graph as KGX, N-Quads, GraphML, Cytoscape.js or CSV (--format, --out)
  probe URL     exit 0 when GET URL answers 200 (a health check for images without a shell)

Flags may come before or after the arguments; the store's flags may come
before the command too. Run 'pharmagraph COMMAND -h' for a command's flags.

exit status:
  0  done
  1  failed
  2  the command line is wrong
  3  load: the rest loaded, but some rows were rejected (each is listed)`

// cli runs the command line args and returns the exit status, writing an
// error to stderr.
func cli(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	err := run(ctx, args, stdout, stderr)
	if err == nil {
		return exitOK
	}
	fmt.Fprintln(stderr, "pharmagraph:", err)
	var ue *usageError
	switch {
	case errors.Is(err, errRejected):
		return exitRejected
	case errors.As(err, &ue):
		return exitUsage
	}
	return exitError
}

// usageError is a wrong command line.
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// errRejected is returned by a load that rejected rows and loaded the rest.
var errRejected = errors.New("rows rejected")

// errHelp is returned by parseFlags for -h or --help, once it has printed
// the command's usage; run returns nil for it.
var errHelp = errors.New("help")

// run runs one command; stdout gets its output and stderr its logs.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	global := flag.NewFlagSet("", flag.ContinueOnError)
	global.Usage = func() {
		fmt.Fprintf(global.Output(), "%s\n\nstore flags:\n", usage)
		global.PrintDefaults()
	}
	sf := defaultStoreFlags()
	sf.register(global)
	rest, err := parseFlags(global, args, stdout)
	switch {
	case errors.Is(err, errHelp):
		return nil
	case err != nil:
		return err
	case len(rest) == 0:
		return usagef("name a command\n%s", usage)
	}
	cmd, args := rest[0], rest[1:]
	switch cmd {
	case "serve":
		err = serve(ctx, sf, args, stdout, stderr)
	case "load":
		err = load(ctx, sf, args, stdout, stderr)
	case "query":
		err = query(ctx, sf, args, stdout)
	case "stats":
		err = stats(ctx, sf, args, stdout)
	case "export":
		err = exportGraph(ctx, sf, args, stdout)
	case "probe":
		err = probe(ctx, args, stdout)
	case "help":
		fmt.Fprintln(stdout, usage)
	default:
		return usagef("unknown command %q\n%s", cmd, usage)
	}
	if errors.Is(err, errHelp) {
		return nil
	}
	return err
}

// newFlags returns the flag set of a command, whose usage begins with
// synopsis.
func newFlags(name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: %s\n\nflags:\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses the flags in args, which may come before, between or
// after the other arguments, and returns the others: it parses, takes one
// argument, and parses the rest again. "--" ends the flags. A global flag
// set (no name) stops at its first argument, the command. For -h or --help
// it prints the usage to stdout and returns errHelp.
func parseFlags(fs *flag.FlagSet, args []string, stdout io.Writer) ([]string, error) {
	fs.SetOutput(io.Discard)
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				fs.SetOutput(stdout)
				fs.Usage()
				return nil, errHelp
			}
			if fs.Name() == "" {
				return nil, usagef("%v\n%s", err, usage)
			}
			return nil, usagef("%s: %v (see 'pharmagraph %s -h')", fs.Name(), err, fs.Name())
		}
		left := fs.Args()
		if len(left) == 0 {
			return rest, nil
		}
		if n := len(args) - len(left); n > 0 && args[n-1] == "--" || fs.Name() == "" {
			return append(rest, left...), nil
		}
		rest, args = append(rest, left[0]), left[1:]
	}
}

// storeFlags are the flags of every command that opens the store.
type storeFlags struct {
	data, backend, postgres string
}

// defaultStoreFlags returns the store's flags as the environment sets them.
func defaultStoreFlags() storeFlags {
	return storeFlags{
		data:     env("PHARMAGRAPH_DATA", "./data"),
		backend:  env("PHARMAGRAPH_BACKEND", "bolt"),
		postgres: env("PHARMAGRAPH_POSTGRES", ""),
	}
}

// register adds the store's flags to fs, with f's values as their defaults:
// those of the environment, or of the flags given before the command.
func (f *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.data, "data", f.data, "the bolt store's folder (env PHARMAGRAPH_DATA)")
	fs.StringVar(&f.backend, "backend", f.backend, "the store: bolt, memory or postgres (env PHARMAGRAPH_BACKEND)")
	fs.StringVar(&f.postgres, "postgres", f.postgres, "the PostgreSQL URL for the postgres backend (env PHARMAGRAPH_POSTGRES)")
}

// open opens the store and loads the seed facts it lacks.
func (f *storeFlags) open(ctx context.Context) (*graph.Store, error) {
	addr := f.data
	if f.backend == "postgres" {
		addr = f.postgres
		if addr == "" {
			return nil, errors.New("the postgres backend needs --postgres URL (or PHARMAGRAPH_POSTGRES)")
		}
	}
	s, err := graph.Open(ctx, f.backend, addr, graph.Options{})
	if err != nil {
		return nil, err
	}
	if _, err := loader.LoadFS(ctx, s, seeds.FS()); err != nil {
		s.Close()
		return nil, fmt.Errorf("loading the seeds: %w", err)
	}
	return s, nil
}

func env(key, def string) string {
	if v, ok := os.LookupEnv(key); ok {
		return v
	}
	return def
}

func load(ctx context.Context, sf storeFlags, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("load", "pharmagraph load [flags] PATH...")
	sf.register(fs)
	format := fs.String("format", "", "the format of every file: "+strings.Join(loader.Formats(), ", ")+" (default: guessed from each file's name and first line)")
	strict := fs.Bool("strict", false, "fail the whole load on any bad row (seed files are always read so)")
	sync := fs.Bool("sync", false, "wait until Cayley's own files hold the load too (it is durable in the journal either way)")
	remote := fs.String("server", "", "send the files to the running server at this URL (its /admin/load) instead of opening the store")
	token := fs.String("token", env("PHARMAGRAPH_ADMIN_TOKEN", ""), "the server's admin token, for --server (env PHARMAGRAPH_ADMIN_TOKEN)")
	paths, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usagef("load: name the files or folders to load")
	}
	if *remote != "" {
		if *strict || *sync {
			return usagef("load: --strict and --sync are for a load into the store, not --server")
		}
		return loadRemote(ctx, *remote, *token, *format, paths, stdout)
	}
	s, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	rep, err := loader.Load(ctx, s, loader.Options{Format: *format, Strict: *strict, Progress: stderr}, paths...)
	if err != nil {
		return err
	}
	printReport(stdout, rep)
	if *sync {
		if err := s.Sync(ctx); err != nil {
			return err
		}
	}
	if rep.RejectedRows > 0 {
		return fmt.Errorf("load: %d %w; the rest is loaded", rep.RejectedRows, errRejected)
	}
	return nil
}

// printReport writes what a load read and wrote.
func printReport(w io.Writer, rep loader.Report) {
	fmt.Fprintf(w, "read %d files: %d sources, %d nodes, %d facts\n", rep.Files, rep.Sources, rep.Nodes, rep.Facts)
	fmt.Fprintf(w, "wrote %d new nodes, %d new facts (%d quads)\n", rep.NewNodes, rep.NewFacts, rep.Quads)
	if rep.Matches > 0 {
		fmt.Fprintf(w, "matched %d pairs of effects or conditions of other vocabularies by name (biolink:exact_match from %s)\n", rep.Matches, graph.NameMatch.ID)
	}
	if len(rep.Predicates) > 0 {
		preds := make([]string, 0, len(rep.Predicates))
		for p := range rep.Predicates {
			preds = append(preds, string(p))
		}
		sort.Strings(preds)
		fmt.Fprintf(w, "\n%-44s %10s %10s %10s %10s %10s\n", "predicate", "read", "written", "duplicate", "skipped", "rejected")
		for _, p := range preds {
			c := rep.Predicates[graph.Predicate(p)]
			fmt.Fprintf(w, "%-44s %10d %10d %10d %10d %10d\n", p, c.Read, c.Written, c.Duplicate, c.Skipped, c.Rejected)
		}
	}
	if len(rep.Notes) > 0 {
		fmt.Fprintln(w)
		for _, n := range rep.Notes {
			fmt.Fprintln(w, n)
		}
	}
	if rep.RejectedRows > 0 {
		fmt.Fprintf(w, "\n%d rows rejected", rep.RejectedRows)
		if len(rep.Rejected) < rep.RejectedRows {
			fmt.Fprintf(w, "; the first %d", len(rep.Rejected))
		}
		fmt.Fprintln(w, ":")
		for _, e := range rep.Rejected {
			fmt.Fprintln(w, " ", e)
		}
	}
}

func stats(ctx context.Context, sf storeFlags, args []string, stdout io.Writer) error {
	fs := newFlags("stats", "pharmagraph stats [flags]")
	sf.register(fs)
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if len(rest) > 0 {
		return usagef("stats: takes no arguments, got %q", rest)
	}
	s, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	st, err := s.Stats(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d nodes, %d edges, %d sources\n\nnodes by category:\n", st.Nodes, st.Edges, st.Sources)
	for _, c := range st.Categories {
		fmt.Fprintf(stdout, "  %-12s %8d\n", graph.Category(c.Key).Name(), c.Count)
	}
	fmt.Fprintln(stdout, "\nedges by predicate:")
	for _, c := range st.Predicates {
		fmt.Fprintf(stdout, "  %-44s %8d\n", c.Key, c.Count)
	}
	return nil
}
