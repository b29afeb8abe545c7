package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"pharmagraph/export"
	"pharmagraph/graph"
	"pharmagraph/server"
)

// The store must have what exports and the server read.
var (
	_ export.Reader = (*graph.Store)(nil)
	_ server.Store  = (*graph.Store)(nil)
)

// listFlag is a flag that may be given many times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

// exportGraph writes the graph, or the part the filters select, in one
// format. --out names a folder for the formats of two files; for the others
// it names the file, or a folder that exists. The manifest goes beside the
// files: manifest.json, or for a one-file format the file's name with
// .manifest.json, so that several such exports share a folder.
func exportGraph(ctx context.Context, sf storeFlags, args []string, stdout io.Writer) error {
	fs := newFlags("export", "pharmagraph export [flags] --format F --out PATH")
	sf.register(fs)
	formats := make([]string, 0, len(export.Formats()))
	for _, f := range export.Formats() {
		formats = append(formats, string(f))
	}
	format := fs.String("format", "", "the format: "+strings.Join(formats, ", "))
	out := fs.String("out", "", "the folder to write into; for a one-file format, the file (gzipped when it ends in .gz)")
	gz := fs.Bool("gzip", false, "gzip the data files")
	var sources, categories, predicates listFlag
	fs.Var(&sources, "source", "export the facts of this source id, the nodes it names and the nodes its facts name (repeatable)")
	fs.Var(&categories, "category", "export the nodes of this category, and the facts between them (repeatable)")
	fs.Var(&predicates, "predicate", "export the facts of this predicate (repeatable)")
	rest, err := parseFlags(fs, args, stdout)
	if err != nil {
		return err
	}
	if *out == "" || len(rest) > 0 {
		return usagef("export: give --format and --out, and no other arguments")
	}
	f, err := export.ParseFormat(*format)
	if err != nil {
		return err
	}
	o := export.Options{Format: f, Gzip: *gz}
	if o.Filter, err = export.ParseFilter(sources, categories, predicates); err != nil {
		return err
	}
	parts, err := o.Parts()
	if err != nil {
		return err
	}
	dir := *out
	if st, err := os.Stat(*out); len(parts) == 1 && (err != nil || !st.IsDir()) {
		dir, o.FileName = filepath.Split(*out)
		o.Gzip = o.Gzip || strings.HasSuffix(o.FileName, ".gz")
	}
	s, err := sf.open(ctx)
	if err != nil {
		return err
	}
	defer s.Close()
	m, err := export.Save(ctx, s, o, filepath.Clean(dir)) // Clean("") is "."
	if err != nil {
		return err
	}
	for _, file := range m.Files {
		fmt.Fprintf(stdout, "%s: %d records, %d bytes\n", filepath.Join(dir, file.Name), file.Records, file.Bytes)
	}
	fmt.Fprintf(stdout, "%s: %d nodes, %d facts, %d sources\n", filepath.Join(dir, o.ManifestFile()),
		m.Counts.Nodes, m.Counts.Facts, len(m.Sources))
	return nil
}
