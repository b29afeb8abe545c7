package loader

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"pharmagraph/graph"
)

// parsed is what the rows of the files of one load say, each row with where
// it is and whether a problem with it fails the load (strict) or only
// rejects the row.
type parsed struct {
	w Writer

	sources    []graph.Source
	srcPos     []pos                      // srcPos[i] is where sources[i] is
	implied    map[graph.ID]impliedSource // sources rows name without defining them; see useSource
	nodes      []graph.NodeFact
	nodePos    []pos
	nodeRead   []rowMode
	facts      []graph.Fact
	factPos    []pos
	factStrict []bool
	interned   map[string]string // the strings of facts, each kept once; see addFact

	strict   bool       // the file being read is read strictly
	mode     rowMode    // how the rows of the file being read are read
	errs     *errorList // problems that fail the load
	rejected errorList  // rejected rows of lenient files, the first MaxErrors
	nrejects int
	counts   map[graph.Predicate]*Count

	// state lets a format keep what one file says for the files read after
	// it, such as a map of identifiers; keys are the format's own.
	state map[string]any
	notes map[string]string // Report.Notes by a key of the format's, so that a note can be updated
	start time.Time         // when the load began, for progress
}

// rowMode says how the rows of a file are read.
type rowMode struct {
	strict  bool // a bad row fails the load
	curated bool // a seed file: each node is defined once and each name names one node
	exact   bool // a dump of a store: names stay as they are, not merged into a node's
}

// pos is a place in an input file.
type pos struct {
	file string
	line int
}

func newParsed(w Writer) *parsed {
	return &parsed{w: w, implied: map[graph.ID]impliedSource{}, counts: map[graph.Predicate]*Count{}, state: map[string]any{},
		notes: map[string]string{}, interned: map[string]string{}, start: time.Now()}
}

// read reads one file with its format.
func (p *parsed) read(ctx context.Context, in input, strict bool, errs *errorList, progress io.Writer) error {
	r, err := openReader(in)
	if err != nil {
		return err
	}
	defer r.Close()
	p.strict, p.errs = strict, errs
	p.mode = rowMode{strict: strict, curated: in.format.curated, exact: in.format.exact}
	if progress != nil {
		stop := startProgress(progress, r, in)
		defer stop()
	}
	if err := in.format.read(ctx, r, p); err != nil {
		return err
	}
	return r.err()
}

// stage tells progress, when it is not nil, what the load does next.
func (p *parsed) stage(progress io.Writer, format string, args ...any) {
	if progress != nil {
		fmt.Fprintf(progress, "[%6.1fs] %s\n", time.Since(p.start).Seconds(), fmt.Sprintf(format, args...))
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
	p.nodeRead = append(p.nodeRead, p.mode)
}

// addFact adds a fact row; it is checked once every file is read. The
// fact's strings are interned: rows name the same nodes and sources over
// and over, and a format's cells are parts of the line they were read
// from, which would otherwise stay in memory whole until the load is
// written.
func (p *parsed) addFact(at pos, f graph.Fact) {
	p.count(f.Predicate).Read++
	t := p.interned
	f.Subject, f.Object, f.Text = intern(t, f.Subject), intern(t, f.Object), intern(t, f.Text)
	f.Source, f.Section = intern(t, f.Source), intern(t, f.Section)
	f.KnowledgeLevel, f.AgentType = intern(t, f.KnowledgeLevel), intern(t, f.AgentType)
	for i, a := range f.Aggregators {
		f.Aggregators[i] = intern(t, a)
	}
	for q, v := range f.Qualifiers {
		f.Qualifiers[intern(t, q)] = intern(t, v) // a map keeps the key of an assignment: the interned one
	}
	p.facts = append(p.facts, f)
	p.factPos = append(p.factPos, at)
	p.factStrict = append(p.factStrict, p.strict)
}

// bad records a bad row of the file being read: an error of the load if the
// row is read strictly, a rejected row otherwise. pred is the predicate the
// row would have stated, or empty for a row that states no fact; such a row
// counts as read and rejected.
func (p *parsed) bad(at pos, pred graph.Predicate, err error) {
	if pred != "" {
		p.count(pred).Read++
	}
	p.badRow(at, pred, p.strict, err)
}

// skip counts a row that states a fact of pred which the format leaves out
// on purpose.
func (p *parsed) skip(pred graph.Predicate) {
	c := p.count(pred)
	c.Read++
	c.Skipped++
}

// restate counts a row that states again a fact an earlier row of the load
// stated, which the format has merged into that fact.
func (p *parsed) restate(pred graph.Predicate) { p.count(pred).Read++ }

// note sets the note of the load under key, replacing the one before.
func (p *parsed) note(key, text string) { p.notes[key] = text }

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
// define each source once, each node once for each source that names it
// (by one name), and give each name to one node; rows of
// data sets may name a node the store or an earlier row has, and then add
// their names to its synonyms. A fact must name nodes and a source that
// exist and fit the data model. A source that rows name without defining
// it joins the batch only when a node or fact kept uses it.
func (p *parsed) check(ctx context.Context, errs *errorList) {
	p.errs = errs
	sources := map[graph.ID]pos{}
	for i, s := range p.sources {
		if at, dup := sources[s.ID]; dup {
			errs.add(p.srcPos[i], fmt.Errorf("source %s is already defined at %s:%d", s.ID, at.file, at.line))
		}
		sources[s.ID] = p.srcPos[i]
	}
	var used []graph.ID // implied sources of the rows kept, in order of first use
	checkSource := func(id graph.ID) error {
		if _, ok := sources[id]; ok {
			return nil
		}
		s, ok := p.implied[id]
		if !ok {
			if p.w.HasSource(ctx, id) {
				return nil
			}
			return fmt.Errorf("unknown source %s", id)
		}
		return graph.CheckSource(s.Source)
	}
	use := func(id graph.ID) {
		if _, ok := sources[id]; !ok && !slices.Contains(used, id) {
			if _, ok := p.implied[id]; ok {
				used = append(used, id)
			}
		}
	}
	nodes := map[graph.ID]int{}        // id -> first row
	names := map[string]int{}          // folded name or synonym of a seed row -> node row
	keep := make([]bool, len(p.nodes)) // rows that stay in the batch
	for i := range p.nodes {
		n, at, mode := &p.nodes[i], p.nodePos[i], p.nodeRead[i]
		strict := mode.strict
		j, dup := nodes[n.ID]
		switch {
		case dup && mode.curated && p.nodeRead[j].curated && p.nodes[j].Source == n.Source:
			errs.add(at, fmt.Errorf("node %s is already defined by %s at %s:%d", n.ID, n.Source, p.nodePos[j].file, p.nodePos[j].line))
			continue
		case dup && mode.curated && p.nodeRead[j].curated && p.nodes[j].Name != n.Name:
			errs.add(at, fmt.Errorf("node %s is named %q at %s:%d, not %q", n.ID, p.nodes[j].Name, p.nodePos[j].file, p.nodePos[j].line, n.Name))
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
			if !mode.curated && !mode.exact {
				mergeName(n, old.Name)
			}
		} else if dup && !mode.curated && !mode.exact {
			mergeName(n, p.nodes[j].Name)
		}
		if err := checkSource(n.Source); err != nil {
			p.badRow(at, "", strict, err)
			continue
		}
		use(n.Source)
		if !dup {
			nodes[n.ID] = i
		}
		keep[i] = true
		if !mode.curated {
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
	p.nodes, p.nodePos, p.nodeRead = filter(keep, p.nodes), filter(keep, p.nodePos), filter(keep, p.nodeRead)

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
		if err == nil {
			err = checkSource(f.Source)
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
		use(f.Source)
	}
	p.facts, p.factPos, p.factStrict = filter(keep, p.facts), filter(keep, p.factPos), filter(keep, p.factStrict)
	for _, id := range used {
		p.sources = append(p.sources, p.implied[id].Source)
		p.srcPos = append(p.srcPos, p.implied[id].at)
	}
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
	p.rejected.sort()
	rep := Report{Files: files, Sources: len(p.sources), Nodes: len(p.nodes), Predicates: p.counts,
		Rejected: p.rejected.rows, RejectedRows: p.nrejects}
	for _, c := range p.counts {
		rep.Facts += c.Read
	}
	for _, k := range slices.Sorted(maps.Keys(p.notes)) {
		rep.Notes = append(rep.Notes, p.notes[k])
	}
	return rep
}

// batch returns the batch of the load and lets go of it, so that the
// memory of its rows can go as soon as the store has made their quads.
func (p *parsed) batch() graph.Batch {
	b := graph.Batch{Sources: p.sources, Nodes: p.nodes, Facts: p.facts}
	p.sources, p.nodes, p.facts = nil, nil, nil
	p.srcPos, p.nodePos, p.nodeRead, p.factPos, p.factStrict = nil, nil, nil, nil, nil
	p.implied, p.state, p.interned = nil, nil, nil
	return b
}

// intern returns the one copy of s that table keeps for every
// equal string.
func intern[S ~string](table map[string]string, s S) S {
	c, ok := table[string(s)]
	if !ok {
		c = strings.Clone(string(s))
		table[c] = c
	}
	return S(c)
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

// sort puts the rows in file and line order.
func (l *errorList) sort() {
	sort.SliceStable(l.rows, func(i, j int) bool {
		a, b := l.rows[i].(*RowError), l.rows[j].(*RowError)
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Line < b.Line
	})
}

func (l *errorList) err() error {
	if len(l.rows) == 0 {
		return nil
	}
	l.sort()
	rows := l.rows
	if l.full() {
		rows = append(rows, fmt.Errorf("stopped after %d errors", MaxErrors))
	}
	return errors.Join(rows...)
}
