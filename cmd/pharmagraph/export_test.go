package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"pharmagraph/export"
)

// manifest reads the manifest file name in dir.
func manifest(t *testing.T, dir, name string) export.Manifest {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	var m export.Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func TestExportCommand(t *testing.T) {
	tmp := t.TempDir()
	tests := []struct {
		name     string
		args     []string
		dir      string   // where the files and manifest land
		files    []string // the data files
		manifest string   // the manifest's name
		nodes    int      // the manifest's node count; -1 for any but 0
	}{
		{"kgx-tsv into a folder", []string{"--format", "kgx-tsv", "--out", filepath.Join(tmp, "kgx")},
			filepath.Join(tmp, "kgx"), []string{"nodes.tsv", "edges.tsv"}, "manifest.json", -1},
		{"csv gzipped", []string{"--format", "csv", "--gzip", "--out", filepath.Join(tmp, "csv")},
			filepath.Join(tmp, "csv"), []string{"nodes.csv.gz", "edges.csv.gz"}, "manifest.json", -1},
		{"nquads to a .gz file", []string{"--format", "nquads", "--out", filepath.Join(tmp, "nq", "all.nq.gz")},
			filepath.Join(tmp, "nq"), []string{"all.nq.gz"}, "all.nq.manifest.json", -1},
		{"graphml into a folder that exists", []string{"--format", "graphml", "--out", tmp},
			tmp, []string{"graph.graphml"}, "graph.graphml.manifest.json", -1},
		{"cytoscape into the same folder", []string{"--format", "cytoscape", "--out", tmp},
			tmp, []string{"graph.cyjs"}, "graph.cyjs.manifest.json", -1},
		{"filtered", []string{"--format", "kgx-jsonl", "--out", filepath.Join(tmp, "drugs"), "--category", "Drug",
			"--predicate", "interacts_with", "--source", "pgsrc:baclofen-withdrawal"},
			// the drugs the article's interactions name
			filepath.Join(tmp, "drugs"), []string{"nodes.jsonl", "edges.jsonl"}, "manifest.json", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := runOK(t, append([]string{"export", "--backend", "memory"}, tt.args...)...)
			m := manifest(t, tt.dir, tt.manifest)
			var files []string
			for _, f := range m.Files {
				files = append(files, f.Name)
				b, err := os.ReadFile(filepath.Join(tt.dir, f.Name))
				if err != nil {
					t.Fatal(err)
				}
				if int64(len(b)) != f.Bytes {
					t.Errorf("%s: %d bytes, the manifest says %d", f.Name, len(b), f.Bytes)
				}
				if strings.HasSuffix(f.Name, ".gz") {
					if _, err := gzip.NewReader(bytes.NewReader(b)); err != nil {
						t.Errorf("%s: %v", f.Name, err)
					}
				}
				if !strings.Contains(out, f.Name) {
					t.Errorf("the output does not name %s:\n%s", f.Name, out)
				}
			}
			if strings.Join(files, " ") != strings.Join(tt.files, " ") {
				t.Errorf("files %v, want %v", files, tt.files)
			}
			if tt.nodes == -1 && m.Counts.Nodes == 0 || tt.nodes >= 0 && m.Counts.Nodes != tt.nodes {
				t.Errorf("the manifest counts %d nodes, want %d", m.Counts.Nodes, tt.nodes)
			}
		})
	}
}

func TestExportCommandErrors(t *testing.T) {
	for _, args := range [][]string{
		{"--format", "kgx-tsv"},
		{"--format", "turtle", "--out", t.TempDir()},
		{"--format", "nquads", "--out", t.TempDir(), "--category", "not a category"},
		{"--format", "nquads", "--out", t.TempDir(), "extra"},
	} {
		err := run(context.Background(), append([]string{"export", "--backend", "memory"}, args...), io.Discard, io.Discard)
		if err == nil {
			t.Errorf("pharmagraph export %s: no error", strings.Join(args, " "))
		}
	}
}
