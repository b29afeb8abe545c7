package export

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"pharmagraph/graph"
)

// ManifestName is the name of the manifest of an export of two files (KGX,
// CSV), beside them in their folder, where pharmagraph load finds it.
const ManifestName = "manifest.json"

// ManifestFile returns the name of the export's manifest: ManifestName for a
// format of two files, and for a one-file format its data file's name (no
// ".gz") with ".manifest.json" added, such as graph.nq.manifest.json, so that
// one-file exports saved into one folder keep a manifest each.
func (o Options) ManifestFile() string {
	ps, err := o.Parts()
	if err != nil || len(ps) != 1 {
		return ManifestName
	}
	return strings.TrimSuffix(ps[0].File, ".gz") + ".manifest.json"
}

// Manifest describes one export: what it holds, its files and where it came
// from. It is written apart from the data files so that they stay the same,
// byte for byte, on every export of the same graph. doc.go shows its layout.
type Manifest struct {
	Format      Format         `json:"format"`
	Created     time.Time      `json:"created"`
	Pharmagraph Build          `json:"pharmagraph"`
	Store       StoreInfo      `json:"store"`
	Filter      FilterInfo     `json:"filter"`
	Counts      Counts         `json:"counts"`
	Files       []File         `json:"files"`
	Sources     []graph.Source `json:"sources"` // the store keeps no licence field, so the manifest states none
}

// Build is the pharmagraph build that made an export, from the binary's
// build information.
type Build struct {
	Module   string `json:"module"`
	Version  string `json:"version"`            // "(devel)" for a build from a work tree
	Go       string `json:"go"`                 // the Go version it was built with
	Revision string `json:"revision,omitempty"` // the VCS revision, when the build records one
	Modified bool   `json:"modified,omitempty"` // the work tree had changes
}

// StoreInfo is the size of the whole store the export was taken from.
type StoreInfo struct {
	Nodes   int `json:"nodes"`
	Facts   int `json:"facts"`
	Sources int `json:"sources"`
}

// FilterInfo is the filter of an export; empty lists select everything.
type FilterInfo struct {
	Sources    []graph.ID        `json:"sources,omitempty"`
	Categories []graph.Category  `json:"categories,omitempty"`
	Predicates []graph.Predicate `json:"predicates,omitempty"`
}

// Counts is what an export holds, by category and by predicate.
type Counts struct {
	Nodes      int            `json:"nodes"`
	Facts      int            `json:"facts"`
	Categories map[string]int `json:"categories"` // nodes by category CURIE
	Predicates map[string]int `json:"predicates"` // facts by predicate CURIE
}

// File is one data file of an export.
type File struct {
	Name    string `json:"name"`    // the file's name, such as "nodes.tsv"
	Part    string `json:"part"`    // "nodes", "edges" or "graph"
	Records int    `json:"records"` // rows without the header, quads, or GraphML and Cytoscape elements
	Bytes   int64  `json:"bytes"`   // the file's size as written (compressed when gzipped)
	SHA256  string `json:"sha256"`  // of the file as written
}

// Describe makes the manifest of an export without keeping its files: it
// writes each part into a hash and throws the bytes away, so it costs as
// much as the export itself, in as little memory.
func Describe(ctx context.Context, r Reader, o Options) (Manifest, error) {
	return describe(ctx, r, o, func(Part) (io.Writer, func() error, error) {
		return io.Discard, func() error { return nil }, nil
	})
}

// Save writes every part of the export into dir, created if missing, and
// the manifest beside them, named as ManifestFile says.
func Save(ctx context.Context, r Reader, o Options, dir string) (Manifest, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Manifest{}, fmt.Errorf("export: %w", err)
	}
	m, err := describe(ctx, r, o, func(p Part) (io.Writer, func() error, error) {
		f, err := os.Create(filepath.Join(dir, p.File))
		if err != nil {
			return nil, nil, err
		}
		return f, f.Close, nil
	})
	if err != nil {
		return m, err
	}
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return m, fmt.Errorf("export: manifest: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, o.ManifestFile()), append(b, '\n'), 0o644); err != nil {
		return m, fmt.Errorf("export: %w", err)
	}
	return m, nil
}

// describe writes every part to the writer open gives it and makes the
// manifest.
func describe(ctx context.Context, r Reader, o Options, open func(Part) (io.Writer, func() error, error)) (Manifest, error) {
	parts, err := o.Parts()
	if err != nil {
		return Manifest{}, err
	}
	m := Manifest{Format: o.Format, Created: o.Time, Pharmagraph: build(),
		Filter: FilterInfo{o.Filter.Sources, o.Filter.Categories, o.Filter.Predicates}}
	if m.Created.IsZero() {
		m.Created = time.Now()
	}
	m.Created = m.Created.UTC().Truncate(time.Second)
	st, err := r.Stats(ctx)
	if err != nil {
		return m, fmt.Errorf("export: %w", err)
	}
	m.Store = StoreInfo{st.Nodes, st.Edges, st.Sources}
	var used map[graph.ID]bool
	if m.Counts, used, err = count(ctx, r, o.Filter); err != nil {
		return m, fmt.Errorf("export: counting: %w", err)
	}
	if m.Sources, err = sources(ctx, r, o.Filter, used); err != nil {
		return m, fmt.Errorf("export: %w", err)
	}
	for _, p := range parts {
		w, done, err := open(p)
		if err != nil {
			return m, fmt.Errorf("export: %w", err)
		}
		f, err := Write(ctx, r, o, p.Name, w)
		if cerr := done(); err == nil && cerr != nil {
			err = fmt.Errorf("export: %s: %w", p.File, cerr)
		}
		if err != nil {
			return m, err
		}
		m.Files = append(m.Files, f)
	}
	return m, nil
}

// count counts the nodes and facts the filter selects, and returns the
// sources their provenance names.
func count(ctx context.Context, r Reader, f graph.Filter) (Counts, map[graph.ID]bool, error) {
	c := Counts{Categories: map[string]int{}, Predicates: map[string]int{}}
	used := map[graph.ID]bool{}
	err := r.EachNode(ctx, f, func(n graph.Node, ps []graph.Provenance) error {
		c.Nodes++
		c.Categories[string(n.Category)]++
		for _, p := range ps {
			used[p.Source] = true
		}
		return nil
	})
	if err != nil {
		return c, nil, err
	}
	err = r.EachFact(ctx, f, func(fact graph.Fact) error {
		c.Facts++
		c.Predicates[string(fact.Predicate)]++
		used[fact.Source] = true
		return nil
	})
	return c, used, err
}

// sources returns the sources the manifest lists: every source when the
// filter names none; else the filter's, and those of the nodes and facts
// the export holds (used), such as the source that names a node a selected
// fact names.
func sources(ctx context.Context, r Reader, f graph.Filter, used map[graph.ID]bool) ([]graph.Source, error) {
	all, err := r.Sources(ctx)
	if err != nil {
		return nil, err
	}
	out := []graph.Source{}
	for _, s := range all {
		if len(f.Sources) == 0 || slices.Contains(f.Sources, s.ID) || used[s.ID] {
			out = append(out, s)
		}
	}
	return out, nil
}

// build reads the running binary's build information.
func build() Build {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Build{Module: "pharmagraph", Version: "unknown"}
	}
	b := Build{Module: bi.Main.Path, Version: bi.Main.Version, Go: bi.GoVersion}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			b.Revision = s.Value
		case "vcs.modified":
			b.Modified = s.Value == "true"
		}
	}
	return b
}
