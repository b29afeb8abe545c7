package export

import (
	"bufio"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"slices"
	"strings"
	"time"

	"pharmagraph/graph"
)

// Reader is what an export needs of the store; *graph.Store has it.
type Reader interface {
	EachNode(ctx context.Context, f graph.Filter, fn func(graph.Node, []graph.Provenance) error) error
	EachFact(ctx context.Context, f graph.Filter, fn func(graph.Fact) error) error
	EachNQuad(ctx context.Context, f graph.Filter, fn func(line string) error) error
	Sources(ctx context.Context) ([]graph.Source, error)
	Stats(ctx context.Context) (graph.Stats, error)
}

// Format names an export format.
type Format string

// The export formats.
const (
	KGXTSV    Format = "kgx-tsv"   // KGX TSV: nodes.tsv and edges.tsv
	KGXJSONL  Format = "kgx-jsonl" // KGX JSON Lines: nodes.jsonl and edges.jsonl
	NQuads    Format = "nquads"    // the store's quads: graph.nq
	GraphML   Format = "graphml"   // GraphML with typed keys: graph.graphml
	Cytoscape Format = "cytoscape" // Cytoscape.js elements JSON: graph.cyjs
	CSV       Format = "csv"       // CSV for spreadsheets: nodes.csv and edges.csv
)

// ErrUnknown is returned for a format or part that does not exist.
var ErrUnknown = errors.New("unknown")

// Part is one file of an export.
type Part struct {
	Name        string // "nodes", "edges" or, for a one-file format, "graph"
	File        string // the file's name: Options.FileName, or the default such as "nodes.tsv", with ".gz" when gzipped
	ContentType string // its media type

	write func(ctx context.Context, r Reader, f graph.Filter, w *bufio.Writer) (records int, err error)
}

var formats = map[Format][]Part{
	KGXTSV: {
		{"nodes", "nodes.tsv", "text/tab-separated-values; charset=utf-8", writeTSVNodes},
		{"edges", "edges.tsv", "text/tab-separated-values; charset=utf-8", writeTSVEdges},
	},
	KGXJSONL: {
		{"nodes", "nodes.jsonl", "application/x-ndjson", writeJSONLNodes},
		{"edges", "edges.jsonl", "application/x-ndjson", writeJSONLEdges},
	},
	NQuads:    {{"graph", "graph.nq", "application/n-quads", writeNQuads}},
	GraphML:   {{"graph", "graph.graphml", "application/graphml+xml", writeGraphML}},
	Cytoscape: {{"graph", "graph.cyjs", "application/json", writeCytoscape}},
	CSV: {
		{"nodes", "nodes.csv", "text/csv; charset=utf-8", writeCSVNodes},
		{"edges", "edges.csv", "text/csv; charset=utf-8", writeCSVEdges},
	},
}

// Formats returns every format, in name order.
func Formats() []Format {
	fs := make([]Format, 0, len(formats))
	for f := range formats {
		fs = append(fs, f)
	}
	slices.Sort(fs)
	return fs
}

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	if _, ok := formats[Format(s)]; ok {
		return Format(s), nil
	}
	names := make([]string, 0, len(formats))
	for _, f := range Formats() {
		names = append(names, string(f))
	}
	return "", fmt.Errorf("export: %w format %q (want one of %s)", ErrUnknown, s, strings.Join(names, ", "))
}

// Options says what to export. The zero Filter exports everything.
type Options struct {
	Format Format
	Filter graph.Filter
	Gzip   bool      // compress every data file with gzip and add ".gz" to its name
	Time   time.Time // the export time the manifest records; zero means now
	// FileName names the data file of a one-file format, in place of its
	// default (graph.nq, ...); empty means the default.
	FileName string
}

// Parts returns the files of the export, with the names they are saved
// under.
func (o Options) Parts() ([]Part, error) {
	ps, ok := formats[o.Format]
	if !ok {
		_, err := ParseFormat(string(o.Format))
		return nil, err
	}
	ps = slices.Clone(ps)
	for i := range ps {
		if o.FileName != "" && len(ps) == 1 {
			ps[i].File = o.FileName
		} else if o.Gzip {
			ps[i].File += ".gz"
		}
	}
	return ps, nil
}

// Part returns the part of the export named name.
func (o Options) Part(name string) (Part, error) {
	ps, err := o.Parts()
	if err != nil {
		return Part{}, err
	}
	names := make([]string, len(ps))
	for i, p := range ps {
		if p.Name == name {
			return p, nil
		}
		names[i] = p.Name
	}
	return Part{}, fmt.Errorf("export: %s has no part %q (want %s): %w", o.Format, name, strings.Join(names, " or "), ErrUnknown)
}

// Write writes the part of the export named part to w as it reads the
// store, through a buffer and, when o.Gzip is set, gzip. It describes what
// it wrote: the bytes given to w, their SHA-256 and the records (rows,
// quads or elements) they hold.
func Write(ctx context.Context, r Reader, o Options, part string, w io.Writer) (File, error) {
	p, err := o.Part(part)
	if err != nil {
		return File{}, err
	}
	cw := &countingWriter{w: w, h: sha256.New()}
	var dst io.Writer = cw
	var zw *gzip.Writer
	if o.Gzip {
		zw = gzip.NewWriter(cw)
		dst = zw
	}
	bw := bufio.NewWriterSize(dst, 64<<10)
	n, err := p.write(ctx, r, o.Filter, bw)
	if err == nil {
		err = bw.Flush()
	}
	if err == nil && zw != nil {
		err = zw.Close()
	}
	if err != nil {
		return File{}, fmt.Errorf("export: %s %s: %w", o.Format, p.File, err)
	}
	return File{Name: p.File, Part: p.Name, Records: n, Bytes: cw.n, SHA256: hex.EncodeToString(cw.h.Sum(nil))}, nil
}

// countingWriter counts and hashes what passes through it.
type countingWriter struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.h.Write(p[:n])
	return n, err
}
