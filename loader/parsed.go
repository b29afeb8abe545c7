package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"time"

	"pharmagraph/graph"
)

// parsed is what the rows of the files of one load say, each row with where
// it is and whether a problem with it fails the load (strict) or only
// rejects the row.
type parsed struct {
	w Writer

	sources    []graph.Source
	srcPos     []pos // srcPos[i] is where sources[i] is
	nodes      []graph.NodeFact
	nodePos    []pos
	nodeStrict []bool
	facts      []graph.Fact
	factPos    []pos
	factStrict []bool

	strict   bool       // the file being read is read strictly
	errs     *errorList // problems that fail the load
	rejected errorList  // rejected rows of lenient files, the first MaxErrors
	nrejects int
	counts   map[graph.Predicate]*Count

	// state lets a format keep what one file says for the files read after
	// it, such as a map of identifiers; keys are the format's own.
	state map[string]any
}

// pos is a place in an input file.
type pos struct {
	file string
	line int
}

func newParsed(w Writer) *parsed {
	return &parsed{w: w, counts: map[graph.Predicate]*Count{}, state: map[string]any{}}
}

// read reads one file with its format.
func (p *parsed) read(ctx context.Context, in input, strict bool, errs *errorList, progress io.Writer) error {
	r, err := openReader(in)
	if err != nil {
		return err
	}
	defer r.Close()
	p.strict, p.errs = strict, errs
	start := time.Now()
	if progress != nil {
		stop := make(chan struct{})
		defer close(stop)
		go reportProgress(progress, r, start, stop)
	}
	if err := in.format.read(ctx, r, p); err != nil {
		return err
	}
	if err := r.err(); err != nil {
		return err
	}
	if progress != nil {
		fmt.Fprintf(progress, "%s: %d lines (%s) in %v\n", in.name, r.line, in.format.name, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// reportProgress writes a line a second while a file is read.
func reportProgress(w io.Writer, r *reader, start time.Time, stop chan struct{}) {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		select {
		case <-stop:
			return
		case <-t.C:
			secs := time.Since(start).Seconds()
			fmt.Fprintf(w, "%s: %d lines, %.0f lines/s\n", r.name, r.line, float64(r.line)/secs)
		}
	}
}

// addSource adds a source row.
func (p *parsed) addSource(at pos, s graph.Source) {
	if err := graph.CheckSource(s); err != nil {
		p.bad(at, "", err)
		return
	}
	p.sources = append(p.sources, s)
	p.srcPos = append(p.srcPos, at)
}

// addNode adds a node row.
func (p *parsed) addNode(at pos, n graph.NodeFact) {
	if err := graph.CheckNode(n); err != nil {
		p.bad(at, "", err)
		return
	}
	p.nodes = append(p.nodes, n)
	p.nodePos = append(p.nodePos, at)
	p.nodeStrict = append(p.nodeStrict, p.strict)
}

// addFact adds a fact row; it is checked once every file is read.
func (p *parsed) addFact(at pos, f graph.Fact) {
	p.count(f.Predicate).Read++
	p.facts = append(p.facts, f)
	p.factPos = append(p.factPos, at)
	p.factStrict = append(p.factStrict, p.strict)
}

// bad records a bad row: an error of the load if the row is read strictly,
// a rejected row otherwise. pred is the predicate the row would have
// stated, or empty for a row that states no fact.
func (p *parsed) bad(at pos, pred graph.Predicate, err error) {
	p.badRow(at, pred, p.strict, err)
}

func (p *parsed) badRow(at pos, pred graph.Predicate, strict bool, err error) {
	if strict {
		p.errs.add(at, err)
		return
	}
	p.nrejects++
	p.rejected.add(at, err)
	if pred != "" {
		p.count(pred).Rejected++
	}
}

func (p *parsed) count(pred graph.Predicate) *Count {
	c := p.counts[pred]
	if c == nil {
		c = &Count{}
		p.counts[pred] = c
	}
	return c
}

// full reports whether reading should stop: the strict errors are many.
func (p *parsed) full() bool { return p.strict && p.errs.full() }

// check tests the rows against each other and the store. Seed rows must
// define each node and source once and give each name to one node; rows of
// data sets may name a node the store or an earlier row has, and then add
// their names to its synonyms. A fact must name nodes and a source that
// exist and fit the data model.
func (p *parsed) check(ctx context.Context, errs *errorList) {
	p.errs = errs
	sources := map[graph.ID]pos{}
	for i, s := range p.sources {
		if at, dup := sources[s.ID]; dup {
			errs.add(p.srcPos[i], fmt.Errorf("source %s is already defined at %s:%d", s.ID, at.file, at.line))
		}
		sources[s.ID] = p.srcPos[i]
	}
	hasSource := func(id graph.ID) bool {
		_, ok := sources[id]
		return ok || p.w.HasSource(ctx, id)
	}
	nodes := map[graph.ID]int{}        // id -> first row
	names := map[string]int{}          // folded name or synonym of a seed row -> node row
	keep := make([]bool, len(p.nodes)) // rows that stay in the batch
	for i := range p.nodes {
		n, at, strict := &p.nodes[i], p.nodePos[i], p.nodeStrict[i]
		j, dup := nodes[n.ID]
		switch {
		case dup && strict && p.nodeStrict[j]:
			errs.add(at, fmt.Errorf("node %s is already defined at %s:%d", n.ID, p.nodePos[j].file, p.nodePos[j].line))
			continue
		case dup && p.nodes[j].Category != n.Category:
			p.badRow(at, "", strict, fmt.Errorf("node %s is a %s at %s:%d, not a %s", n.ID, p.nodes[j].Category.Name(), p.nodePos[j].file, p.nodePos[j].line, n.Category.Name()))
			continue
		}
		if old, err := p.w.Node(ctx, n.ID); err == nil {
			if old.Category != n.Category {
				// the store would refuse the whole batch, without a position
				p.badRow(at, "", strict, fmt.Errorf("node %s is in the store as %s, not %s", n.ID, old.Category.Name(), n.Category.Name()))
				continue
			}
			if !strict {
				mergeName(n, old.Name)
			}
		} else if dup && !strict {
			mergeName(n, p.nodes[j].Name)
		}
		if !hasSource(n.Source) {
			p.badRow(at, "", strict, fmt.Errorf("unknown source %s", n.Source))
			continue
		}
		if !dup {
			nodes[n.ID] = i
		}
		keep[i] = true
		if !strict {
			continue
		}
		for _, name := range append([]string{n.Name}, n.Synonyms...) {
			k := graph.FoldName(name)
			if j, dup := names[k]; dup && p.nodes[j].ID != n.ID {
				errs.add(at, fmt.Errorf("name %q also names %s (%s:%d)", name, p.nodes[j].ID, p.nodePos[j].file, p.nodePos[j].line))
			}
			names[k] = i
		}
	}
	p.nodes, p.nodePos, p.nodeStrict = filter(keep, p.nodes), filter(keep, p.nodePos), filter(keep, p.nodeStrict)

	byID := map[graph.ID]graph.Category{}
	for _, n := range p.nodes {
		byID[n.ID] = n.Category
	}
	category := func(id graph.ID) (graph.Category, bool) {
		if c, ok := byID[id]; ok {
			return c, true
		}
		return p.w.Category(ctx, id)
	}
	keep = make([]bool, len(p.facts))
	for i, f := range p.facts {
		err := graph.CheckFact(f, category)
		if err == nil && !hasSource(f.Source) {
			err = fmt.Errorf("unknown source %s", f.Source)
		}
		if err != nil {
			if p.factStrict[i] {
				errs.add(p.factPos[i], err)
			} else {
				p.badRow(p.factPos[i], f.Predicate, false, err)
			}
			continue
		}
		keep[i] = true
	}
	p.facts, p.factPos, p.factStrict = filter(keep, p.facts), filter(keep, p.factPos), filter(keep, p.factStrict)
}

// mergeName gives n the name have, which the node already has, keeping n's
// own name as a synonym unless it is the same name in another case: the
// first source to name a node gives its name.
func mergeName(n *graph.NodeFact, have string) {
	if graph.FoldName(n.Name) != graph.FoldName(have) {
		n.Synonyms = append([]string{n.Name}, n.Synonyms...)
	}
	n.Name = have
}

func filter[T any](keep []bool, s []T) []T {
	out := s[:0]
	for i, v := range s {
		if keep[i] {
			out = append(out, v)
		}
	}
	return out
}

// report counts what was read.
func (p *parsed) report(files int) Report {
	rep := Report{Files: files, Sources: len(p.sources), Nodes: len(p.nodes), Predicates: p.counts,
		Rejected: p.rejected.rows, RejectedRows: p.nrejects}
	for _, c := range p.counts {
		rep.Facts += c.Read
	}
	return rep
}

func (p *parsed) batch() graph.Batch {
	return graph.Batch{Sources: p.sources, Nodes: p.nodes, Facts: p.facts}
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
	rows := l.rows
	if l.full() {
		rows = append(rows, fmt.Errorf("stopped after %d errors", MaxErrors))
	}
	return errors.Join(rows...)
}
