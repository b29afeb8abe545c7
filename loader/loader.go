// Package loader reads fact files, checks every row, and writes the facts to
// the knowledge graph in one batch: a load with any bad row writes nothing.
// It knows nothing of HTTP or GraphQL.
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
	Category(ctx context.Context, id graph.ID) (graph.Category, bool)
	HasSource(ctx context.Context, id graph.ID) bool
	Write(ctx context.Context, b graph.Batch) (graph.WriteStats, error)
}

// MaxErrors is how many bad rows a load reports before it stops reading.
const MaxErrors = 50

// Report says what a load read and wrote.
type Report struct {
	Files   int
	Sources int // source rows read
	Nodes   int // node rows read
	Facts   int // fact rows read
	graph.WriteStats
}

// RowError is a bad row of an input file.
type RowError struct {
	File string
	Line int
	Err  error
}

func (e *RowError) Error() string { return fmt.Sprintf("%s:%d: %v", e.File, e.Line, e.Err) }

func (e *RowError) Unwrap() error { return e.Err }

// LoadFS loads every .tsv file at the root of fsys, in name order.
func LoadFS(ctx context.Context, w Writer, fsys fs.FS) (Report, error) {
	names, err := fs.Glob(fsys, "*.tsv")
	if err != nil {
		return Report{}, fmt.Errorf("loader: %w", err)
	}
	return load(ctx, w, names, func(name string) (io.ReadCloser, error) { return fsys.Open(name) })
}

// LoadPaths loads the named files; a folder stands for the .tsv files in it.
func LoadPaths(ctx context.Context, w Writer, paths ...string) (Report, error) {
	var names []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return Report{}, fmt.Errorf("loader: %w", err)
		}
		if !st.IsDir() {
			names = append(names, p)
			continue
		}
		in, err := filepath.Glob(filepath.Join(p, "*.tsv"))
		if err != nil {
			return Report{}, fmt.Errorf("loader: %w", err)
		}
		if len(in) == 0 {
			return Report{}, fmt.Errorf("loader: no .tsv files in %s", p)
		}
		names = append(names, in...)
	}
	return load(ctx, w, names, func(name string) (io.ReadCloser, error) { return os.Open(name) })
}

func load(ctx context.Context, w Writer, names []string, open func(string) (io.ReadCloser, error)) (Report, error) {
	sort.Strings(names)
	var p parsed
	errs := &errorList{}
	for _, name := range names {
		if err := ctx.Err(); err != nil {
			return Report{}, err
		}
		f, err := open(name)
		if err != nil {
			return Report{}, fmt.Errorf("loader: %w", err)
		}
		p.parseTSV(name, f, errs)
		f.Close()
		if errs.full() {
			break
		}
	}
	if !errs.full() {
		p.check(ctx, w, errs)
	}
	if err := errs.err(); err != nil {
		return Report{}, err
	}
	rep := Report{Files: len(names), Sources: len(p.sources), Nodes: len(p.nodes), Facts: len(p.facts)}
	st, err := w.Write(ctx, graph.Batch{Sources: p.sources, Nodes: p.nodes, Facts: p.facts})
	if err != nil {
		return Report{}, fmt.Errorf("loader: %w", err)
	}
	rep.WriteStats = st
	return rep, nil
}

// check tests the rows against each other and the store: ids defined once,
// names that point at one node, and facts whose nodes and sources exist.
func (p *parsed) check(ctx context.Context, w Writer, errs *errorList) {
	sources := map[graph.ID]pos{}
	for i, s := range p.sources {
		if at, dup := sources[s.ID]; dup {
			errs.add(p.srcPos[i], fmt.Errorf("source %s is already defined at %s:%d", s.ID, at.file, at.line))
		}
		sources[s.ID] = p.srcPos[i]
	}
	hasSource := func(id graph.ID) bool {
		_, ok := sources[id]
		return ok || w.HasSource(ctx, id)
	}
	nodes := map[graph.ID]int{}
	names := map[string]int{} // folded name or synonym -> node row
	for i, n := range p.nodes {
		at := p.nodePos[i]
		if j, dup := nodes[n.ID]; dup {
			errs.add(at, fmt.Errorf("node %s is already defined at %s:%d", n.ID, p.nodePos[j].file, p.nodePos[j].line))
		}
		nodes[n.ID] = i
		if old, ok := w.Category(ctx, n.ID); ok && old != n.Category {
			// the store would refuse the whole batch, without a position
			errs.add(at, fmt.Errorf("node %s is in the store as %s, not %s", n.ID, old.Name(), n.Category.Name()))
		}
		if !hasSource(n.Source) {
			errs.add(at, fmt.Errorf("unknown source %s", n.Source))
		}
		for _, name := range append([]string{n.Name}, n.Synonyms...) {
			k := graph.FoldName(name)
			if j, dup := names[k]; dup && p.nodes[j].ID != n.ID {
				errs.add(at, fmt.Errorf("name %q also names %s (%s:%d)", name, p.nodes[j].ID, p.nodePos[j].file, p.nodePos[j].line))
			}
			names[k] = i
		}
	}
	category := func(id graph.ID) (graph.Category, bool) {
		if i, ok := nodes[id]; ok {
			return p.nodes[i].Category, true
		}
		return w.Category(ctx, id)
	}
	for i, f := range p.facts {
		if err := graph.CheckFact(f, category); err != nil {
			errs.add(p.factPos[i], err)
		} else if !hasSource(f.Source) {
			errs.add(p.factPos[i], fmt.Errorf("unknown source %s", f.Source))
		}
	}
}

// errorList gathers row errors, in file and line order, up to MaxErrors.
type errorList struct {
	rows []error
}

func (l *errorList) add(at pos, err error) {
	if !l.full() {
		l.rows = append(l.rows, &RowError{File: at.file, Line: at.line, Err: err})
	}
}

func (l *errorList) full() bool { return len(l.rows) >= MaxErrors }

func (l *errorList) err() error {
	if len(l.rows) == 0 {
		return nil
	}
	sort.SliceStable(l.rows, func(i, j int) bool {
		a, b := l.rows[i].(*RowError), l.rows[j].(*RowError)
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
	if l.full() {
		l.rows = append(l.rows, fmt.Errorf("stopped after %d errors", MaxErrors))
	}
	return errors.Join(l.rows...)
}
