// Package loader reads fact files, checks every row, and writes the facts to
// the knowledge graph in one batch, so that a load lands whole or not at
// all. It reads the curated seed format and the formats of public data sets;
// it knows nothing of HTTP or GraphQL.
package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"

	"pharmagraph/graph"
)

// Writer is what a load needs of the store; *graph.Store has it.
type Writer interface {
	Node(ctx context.Context, id graph.ID) (graph.Node, error)
	Category(ctx context.Context, id graph.ID) (graph.Category, bool)
	HasSource(ctx context.Context, id graph.ID) bool
	Write(ctx context.Context, b graph.Batch) (graph.WriteStats, error)
	MatchNames(ctx context.Context) (graph.WriteStats, error)
}

// MaxErrors is how many bad rows a load reports in full; a strict load
// stops reading there.
const MaxErrors = 50

// Options tunes a load. The zero value guesses each file's format from its
// name and first line, and rejects bad rows of data sets while loading the
// rest.
type Options struct {
	// Format names the format of every file: one of Formats(). Empty guesses.
	Format string
	// Strict fails the whole load on any bad row. Seed files are always
	// read strictly: they are curated by hand, and a bad row is a mistake to
	// fix, not data to skip.
	Strict bool
	// Progress, when not nil, receives the progress of the load: a bar
	// redrawn in place when it is a terminal, a line a second otherwise.
	Progress io.Writer
}

// Report says what a load read and wrote.
type Report struct {
	Files   int
	Sources int // source rows read
	Nodes   int // node rows read
	Facts   int // fact rows read
	// Predicates counts fact rows by predicate: for each,
	// Read = Written + Duplicate + Skipped + Rejected.
	Predicates map[graph.Predicate]*Count
	// Rejected lists the first MaxErrors bad rows of a lenient load, each
	// a *RowError; RejectedRows counts them all.
	Rejected     []error
	RejectedRows int
	// Notes says what the formats want a user to know about the load as a
	// whole, such as the drugs a map left without an id; one line each.
	Notes []string
	graph.WriteStats
	// Matches counts the exact_match facts that name matching
	// (graph.Store.MatchNames) added after the load: effects and conditions
	// of other vocabularies that the load's names showed to be the same.
	Matches int
}

// Count is what a load did with the statements of one predicate. A row
// usually states one fact; a row whose subject maps to several ids (a SIDER
// compound with several DrugBank ids) states one for each.
type Count struct {
	Read      int // statements of a fact of the predicate, skipped ones included
	Written   int // facts the store did not have
	Duplicate int // facts the store, or an earlier row, already had
	Skipped   int // rows the format leaves out on purpose, such as SIDER's MedDRA preferred terms
	Rejected  int // bad rows
}

// RowError is a bad row of an input file.
type RowError struct {
	File string
	Line int
	Err  error
}

func (e *RowError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

func (e *RowError) Unwrap() error { return e.Err }

// LoadFS loads every .tsv file at the root of fsys in the seed format, in
// name order: this is how the built-in seeds are loaded.
func LoadFS(ctx context.Context, w Writer, fsys fs.FS) (Report, error) {
	names, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return Report{}, fmt.Errorf("loader: %w", err)
	}
	var in []input
	for _, n := range names {
		in = append(in, input{name: n, open: func() (io.ReadCloser, error) { return fsys.Open(n) }})
	}
	return load(ctx, w, Options{Format: "seeds", Strict: true}, in)
}

// Load loads the named files; a folder stands for the files in it.
func Load(ctx context.Context, w Writer, opts Options, paths ...string) (Report, error) {
	var in []input
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return Report{}, fmt.Errorf("loader: %w", err)
		}
		files := []input{{name: p, size: st.Size()}}
		if st.IsDir() {
			entries, err := os.ReadDir(p)
			if err != nil {
				return Report{}, fmt.Errorf("loader: %w", err)
			}
			files = files[:0]
			for _, e := range entries {
				if e.IsDir() || e.Name()[0] == '.' {
					continue
				}
				info, err := e.Info()
				if err != nil {
					return Report{}, fmt.Errorf("loader: %w", err)
				}
				files = append(files, input{name: filepath.Join(p, e.Name()), size: info.Size(), inDir: true})
			}
			if len(files) == 0 {
				return Report{}, fmt.Errorf("loader: no files in %s", p)
			}
		}
		for _, f := range files {
			f.open = func() (io.ReadCloser, error) { return os.Open(f.name) }
			in = append(in, f)
		}
	}
	return load(ctx, w, opts, in)
}

// input is one file to read.
type input struct {
	name   string
	open   func() (io.ReadCloser, error)
	size   int64 // bytes, for progress; 0 when unknown
	inDir  bool  // named by its folder: skipped when no format reads it
	format *format
}

func load(ctx context.Context, w Writer, opts Options, in []input) (Report, error) {
	known := in[:0]
	for _, f := range in {
		format, err := formatOf(f, opts.Format)
		switch {
		case err != nil && f.inDir:
			if opts.Progress != nil {
				fmt.Fprintf(opts.Progress, "skipping %s: %v\n", f.name, err)
			}
			continue
		case err != nil:
			return Report{}, fmt.Errorf("loader: %w", err)
		}
		f.format = format
		known = append(known, f)
	}
	if len(known) == 0 {
		return Report{}, errors.New("loader: no file in a format I read")
	}
	in = known
	sort.SliceStable(in, func(i, j int) bool {
		if in[i].format.rank != in[j].format.rank {
			return in[i].format.rank < in[j].format.rank
		}
		return in[i].name < in[j].name
	})
	p := newParsed(w)
	errs := &errorList{}
	for _, f := range in {
		if err := ctx.Err(); err != nil {
			return Report{}, err
		}
		strict := opts.Strict || f.format.strict
		if err := p.read(ctx, f, strict, errs, opts.Progress); err != nil {
			return Report{}, fmt.Errorf("loader: %s: %w", f.name, err)
		}
		if strict && errs.full() {
			break
		}
	}
	if !errs.full() {
		p.stage(opts.Progress, "checking %d nodes and %d facts", len(p.nodes), len(p.facts))
		p.check(ctx, errs)
	}
	if err := errs.err(); err != nil {
		return Report{}, err
	}
	rep := p.report(len(in))
	p.stage(opts.Progress, "writing %d nodes and %d facts", len(p.nodes), len(p.facts))
	st, err := w.Write(ctx, p.batch())
	if err != nil {
		return Report{}, fmt.Errorf("loader: %w", err)
	}
	if st.Quads > 0 {
		p.stage(opts.Progress, "matching names across vocabularies")
		m, err := w.MatchNames(ctx)
		if err != nil {
			return Report{}, fmt.Errorf("loader: the load is written; matching names after it: %w", err)
		}
		rep.Matches = m.NewFacts
	}
	p.stage(opts.Progress, "done")
	rep.WriteStats = st
	for pred, c := range rep.Predicates {
		c.Written = st.NewByPredicate[pred]
		c.Duplicate = c.Read - c.Written - c.Skipped - c.Rejected
	}
	return rep, nil
}
