// Command pharmagraph runs the Pharmagraph knowledge graph: it serves the
// GraphQL API and bulk exports, loads fact files and public data sets,
// exports the graph, answers a query from the command line and prints what
// the store holds.
//
// Usage:
//
//	pharmagraph serve [flags]            serve /graphql, /export, /healthz and /readyz
//	pharmagraph load [flags] PATH...     load seed files, data sets, or folders of them
//	pharmagraph export [flags]           write the graph as KGX, N-Quads, GraphML, Cytoscape.js or CSV
//	pharmagraph query [flags] QUERY      run one GraphQL query and print the JSON response
//	pharmagraph stats [flags]            print counts of nodes and edges
//
// Every command opens the same store (by default an embedded bolt store in
// ./data) and loads the built-in seed facts into it when they are missing.
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
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "pharmagraph:", err)
		os.Exit(1)
	}
}

const usage = `usage: pharmagraph COMMAND [flags]

commands:
  serve         serve /graphql (GraphiQL in a browser), /healthz and /readyz
  load PATH...  load fact files (or folders of .tsv files) into the store
  query QUERY   run one GraphQL query against the store and print the JSON response
  stats         print counts of nodes by category and edges by predicate
  export        write the graph as KGX, N-Quads, GraphML, Cytoscape.js or CSV (--format, --out)

Run 'pharmagraph COMMAND -h' for a command's flags`

// run runs one command; stdout gets its output and stderr its logs.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return errors.New(usage)
	}
	cmd, args := args[0], args[1:]
	switch cmd {
	case "serve":
		return serve(ctx, args, stderr)
	case "load":
		return load(ctx, args, stdout, stderr)
	case "query":
		return query(ctx, args, stdout)
	case "stats":
		return stats(ctx, args, stdout)
	case "export":
		return exportGraph(ctx, args, stdout)
	case "help", "-h", "-help", "--help":
		fmt.Fprintln(stdout, usage)
		return nil
	}
	return fmt.Errorf("unknown command %q\n%s", cmd, usage)
}

// storeFlags are the flags of every command that opens the store.
type storeFlags struct {
	data, backend, postgres string
}

func (f *storeFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.data, "data", env("PHARMAGRAPH_DATA", "./data"), "the bolt store's folder (env PHARMAGRAPH_DATA)")
	fs.StringVar(&f.backend, "backend", env("PHARMAGRAPH_BACKEND", "bolt"), "the store: bolt, memory or postgres (env PHARMAGRAPH_BACKEND)")
	fs.StringVar(&f.postgres, "postgres", env("PHARMAGRAPH_POSTGRES", ""), "the PostgreSQL URL for the postgres backend (env PHARMAGRAPH_POSTGRES)")
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

func load(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs)
	format := fs.String("format", "", "the format of every file: "+strings.Join(loader.Formats(), ", ")+" (default: guessed from each file's name and first line)")
	strict := fs.Bool("strict", false, "fail the whole load on any bad row (seed files are always read so)")
	sync := fs.Bool("sync", false, "wait until Cayley's own files hold the load too (it is durable in the journal either way)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		return errors.New("load: name the files or folders to load")
	}
	s, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	rep, err := loader.Load(ctx, s, loader.Options{Format: *format, Strict: *strict, Progress: stderr}, fs.Args()...)
	if err != nil {
		return err
	}
	printReport(stdout, rep)
	if *sync {
		return s.Sync(ctx)
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

func stats(ctx context.Context, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("stats", flag.ContinueOnError)
	var sf storeFlags
	sf.register(fs)
	if err := fs.Parse(args); err != nil {
		return err
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
