package loader_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"pharmagraph/graph"
	"pharmagraph/loader"
)

// The fuzz targets give every file parser arbitrary bytes, one data set's
// files at a time, each under the name the data set gives it, and check
// that a load never panics or hangs, and that a load that fails leaves the
// store as it was. Their seeds are the files of testdata; the inputs that
// found something are kept in testdata/fuzz. .ci/run runs each for 5,000
// inputs: go test ./loader -run '^$' -fuzz '^FuzzSIDER$' -fuzztime 5000x.

// fuzzLoad loads files (base name to content) of family into s, checking
// that a failed load changed nothing.
func fuzzLoad(t *testing.T, s *graph.Store, family string, files map[string][]byte) {
	dir := t.TempDir()
	var paths []string
	for name, b := range files {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, p)
	}
	before := s.Gauges()
	done := make(chan error, 1)
	go func() {
		_, err := loader.Load(context.Background(), s, loader.Options{Format: family}, paths...)
		done <- err
	}()
	var err error
	select {
	case err = <-done:
	case <-time.After(loadBound):
		t.Fatalf("a load of %d bytes still runs after %v", size(files), loadBound)
	}
	if err == nil {
		return
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, graph.ErrClosed) {
		t.Fatal(err)
	}
	if after := s.Gauges(); after != before {
		t.Fatalf("a failed load (%v) changed the store: %+v, was %+v", err, after, before)
	}
}

// loadBound is how long a load of a fuzz input may take: they are a few
// kilobytes, and load in milliseconds.
const loadBound = 5 * time.Second

// size returns the bytes in files.
func size(files map[string][]byte) int {
	n := 0
	for _, b := range files {
		n += len(b)
	}
	return n
}

// fuzzStore opens the memory store a fuzz target loads into; loads add up
// in it, as they do in a real store.
func fuzzStore(f *testing.F) *graph.Store {
	s, err := graph.Open(context.Background(), "memory", "", graph.Options{})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(func() { s.Close() })
	return s
}

// seed reads a file of testdata.
func seed(f *testing.F, name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		f.Fatal(err)
	}
	return b
}

// fileSep separates the files of one fuzz input. The fuzzer mutates the
// files as one input, so that a target's signature is the same whatever
// the data set's number of files.
const fileSep = "\n\x00\n"

// fuzzFiles fuzzes the loader of family with inputs made of the files
// names, in order, joined by fileSep; each seed names one testdata file for
// each of names.
func fuzzFiles(f *testing.F, family string, names []string, seeds ...[]string) {
	s := fuzzStore(f)
	for _, paths := range seeds {
		var parts []string
		for _, p := range paths {
			parts = append(parts, string(seed(f, p)))
		}
		f.Add([]byte(strings.Join(parts, fileSep)))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		parts := strings.SplitN(string(data), fileSep, len(names))
		files := map[string][]byte{}
		for i, name := range names {
			files[name] = nil
			if i < len(parts) {
				files[name] = []byte(parts[i])
			}
		}
		fuzzLoad(t, s, family, files)
	})
}

func FuzzSeeds(f *testing.F) {
	fuzzFiles(f, "seeds", []string{"sources.tsv", "nodes.tsv", "facts.tsv"},
		[]string{"good/sources.tsv", "good/nodes.tsv", "good/facts.tsv"},
		[]string{"good/sources.tsv", "good/nodes.tsv", "bad/qualifier.tsv"})
}

func FuzzHetionet(f *testing.F) {
	fuzzFiles(f, "hetionet", []string{"hetionet-v1.0-nodes.tsv", "hetionet-v1.0-edges.sif"},
		[]string{"hetionet/nodes.tsv", "hetionet/edges.sif"})
}

func FuzzSIDER(f *testing.F) {
	names := []string{"drugbank-pubchem-map.tsv", "drug_names.tsv", "meddra_all_se.tsv", "meddra_freq.tsv", "meddra_all_indications.tsv"}
	var paths []string
	for _, n := range names {
		paths = append(paths, "sider/"+n)
	}
	fuzzFiles(f, "sider", names, paths)
}

func FuzzDrugBank(f *testing.F) {
	fuzzFiles(f, "drugbank", []string{"drugbank vocabulary.csv"}, []string{"drugbank/drugbank_vocabulary.csv"})
}

func FuzzKGXTSV(f *testing.F) {
	fuzzFiles(f, "kgx", []string{"nodes.tsv", "edges.tsv"}, []string{"kgx/tsv/nodes.tsv", "kgx/tsv/edges.tsv"})
}

func FuzzKGXJSONL(f *testing.F) {
	fuzzFiles(f, "kgx", []string{"nodes.jsonl", "edges.jsonl"}, []string{"kgx/jsonl/nodes.jsonl", "kgx/jsonl/edges.jsonl"})
}

func FuzzNQuads(f *testing.F) {
	fuzzFiles(f, "nquads", []string{"graph.nq"}, []string{"nquads/store.nq"}, []string{"nquads/bad.nq"})
}
