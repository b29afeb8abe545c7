package loader

import (
	"bufio"
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"

	"pharmagraph/graph"
)

// format reads one kind of input file into a parsed batch.
type format struct {
	family string // what Options.Format names: "seeds", "hetionet", ...
	name   string // the kind of file, for messages: "hetionet edges"
	rank   int    // files are read in rank order: vocabularies and maps, then nodes, then edges
	strict bool   // every bad row fails the load
	// curated files are written by hand: each defines a node once and gives
	// a name to one node, and their names are kept as written. Rows of data
	// sets may name a node again, adding their names to its synonyms.
	curated bool
	exact   bool // the file is a dump of a store: node names are kept as they are, not merged
	// guess reports whether a file of this base name (without .gz) and
	// first line is of this kind.
	guess func(base, first string) bool
	read  func(ctx context.Context, r *reader, p *parsed) error
}

// formats lists every kind of file the loader reads.
var formats []*format

// Formats returns the names Options.Format takes.
func Formats() []string {
	seen := map[string]bool{}
	var out []string
	for _, f := range formats {
		if !seen[f.family] {
			seen[f.family] = true
			out = append(out, f.family)
		}
	}
	sort.Strings(out)
	return out
}

// formatOf finds the format of a file: among the kinds of the named family,
// or among all kinds when family is empty.
func formatOf(in input, family string) (*format, error) {
	if family != "" && !contains(Formats(), family) {
		return nil, fmt.Errorf("unknown format %q (want one of %s)", family, strings.Join(Formats(), ", "))
	}
	if family != "" {
		var kinds []*format
		for _, f := range formats {
			if f.family == family {
				kinds = append(kinds, f)
			}
		}
		if len(kinds) == 1 {
			return kinds[0], nil // the format reports a file it cannot read, with the line
		}
	}
	first, err := firstLine(in)
	if err != nil {
		return nil, err
	}
	base := strings.TrimSuffix(filepath.Base(in.name), ".gz")
	for _, f := range formats {
		if (family == "" || f.family == family) && f.guess(base, first) {
			return f, nil
		}
	}
	if family != "" {
		return nil, fmt.Errorf("%s: not a %s file I know (first line %q)", in.name, family, first)
	}
	return nil, fmt.Errorf("%s: cannot tell its format from its name and first line %q; name one with --format (%s)",
		in.name, first, strings.Join(Formats(), ", "))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// firstLine returns the first line of a file that is not a comment.
func firstLine(in input) (string, error) {
	r, err := openReader(in)
	if err != nil {
		return "", err
	}
	defer r.Close()
	for {
		line, ok := r.next()
		if !ok {
			return "", r.err()
		}
		if strings.TrimSpace(line) != "" && !strings.HasPrefix(line, "#") {
			return line, nil
		}
	}
}

// reader reads the lines of one input file, gunzipping a .gz file, and
// knows the line number of the last line read.
type reader struct {
	name string
	line int
	sc   *bufio.Scanner
	c    io.Closer
	gz   *gzip.Reader
	// For progress, which another goroutine reads: the bytes of the file
	// read so far (before gunzipping) and the lines.
	bytes, lines atomic.Int64
}

func openReader(in input) (*reader, error) {
	rc, err := in.open()
	if err != nil {
		return nil, err
	}
	r := &reader{name: in.name, c: rc}
	var src io.Reader = &countingReader{r: rc, n: &r.bytes}
	if strings.HasSuffix(in.name, ".gz") {
		if r.gz, err = gzip.NewReader(src); err != nil {
			rc.Close()
			return nil, fmt.Errorf("%s: %w", in.name, err)
		}
		src = r.gz
	}
	r.sc = bufio.NewScanner(src)
	r.sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	return r, nil
}

// next returns the next line without its line ending.
func (r *reader) next() (string, bool) {
	if !r.sc.Scan() {
		return "", false
	}
	r.line++
	r.lines.Add(1)
	return strings.TrimSuffix(r.sc.Text(), "\r"), true
}

func (r *reader) err() error {
	if err := r.sc.Err(); err != nil {
		return fmt.Errorf("%s:%d: %w", r.name, r.line+1, err)
	}
	return nil
}

// at is the position of the last line read.
func (r *reader) at() pos { return pos{r.name, r.line} }

func (r *reader) Close() error {
	if r.gz != nil {
		r.gz.Close()
	}
	return r.c.Close()
}

type countingReader struct {
	r io.Reader
	n *atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// readTSV reads a tab-separated file whose rows have the columns of header:
// the first line must be the header itself unless headerless. It calls row
// with each row's cells, and reports a row with another number of cells
// under pred, the predicate every row of the file states ("" when the rows
// state several).
func readTSV(ctx context.Context, r *reader, p *parsed, pred graph.Predicate, header []string, headerless bool,
	row func(at pos, cells []string)) error {
	first := !headerless
	for {
		text, ok := r.next()
		if !ok {
			return nil
		}
		if r.line%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		at := r.at()
		cells := strings.Split(text, "\t")
		if first {
			first = false
			if !equal(cells, header) {
				p.bad(at, "", fmt.Errorf("header %q, want %q", text, strings.Join(header, "\t")))
				return nil
			}
			continue
		}
		if len(cells) != len(header) {
			p.bad(at, pred, fmt.Errorf("%d columns, want %d (%s)", len(cells), len(header), strings.Join(header, ", ")))
		} else {
			row(at, cells)
		}
		if p.full() {
			return nil
		}
	}
}
