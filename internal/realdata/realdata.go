// Package realdata finds the public data sets that tests and benchmarks read
// from ../shared/data beside the repository. Where the data sets are absent
// (a fresh clone has none) it skips the test, saying so; in CI it fails it,
// so that a green CI run always means the real-data tests ran.
package realdata

import (
	"bufio"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// Dir returns the folder of the data sets: ../shared/data from the
// repository's root, found from this file's place so that it holds in every
// package's tests.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "data")
}

// Required reports whether a missing data set fails a test instead of
// skipping it: in CI (CI=true, as CI services set it) or when
// PHARMAGRAPH_TEST_REALDATA=1.
func Required() bool {
	return os.Getenv("CI") == "true" || os.Getenv("PHARMAGRAPH_TEST_REALDATA") == "1"
}

// Path returns the path of a data set's file or folder. When it is absent it
// skips tb, or fails it where the data sets are Required.
func Path(tb testing.TB, parts ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{Dir()}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		const where = "the real data sets are read from ../shared/data beside the repository"
		if Required() {
			tb.Fatalf("real data set %s not found (%s; CI needs them): %v", p, where, err)
		}
		tb.Skipf("real data set %s not found (%s): %v", p, where, err)
	}
	return p
}

// Benchmark returns the files of the real benchmark graph: Hetionet's nodes
// and drug edges, SIDER with its DrugBank map, the ogbl-ddi interaction
// network and the DrugBank open vocabulary, about 1.35 million edges. It
// skips or fails tb, as Path does, when any is absent.
func Benchmark(tb testing.TB) []string {
	tb.Helper()
	var files []string
	for _, f := range [][]string{
		{"hetionet", "hetionet-v1.0-nodes.tsv"},
		{"hetionet", "hetionet-v1.0-pharma-edges.sif.gz"},
		{"sider4", "drugbank-pubchem-map.tsv.gz"},
		{"sider4", "meddra_all_se.tsv.gz"},
		{"sider4", "meddra_freq.tsv.gz"},
		{"sider4", "meddra_all_indications.tsv.gz"},
		{"ogbl-ddi", "ddi_nodes.tsv"},
		{"ogbl-ddi", "ddi_edges.tsv.gz"},
		{"drugbank-vocabulary", "drugbank_vocabulary.csv"},
	} {
		files = append(files, Path(tb, f...))
	}
	return files
}

// EachRow calls fn with the tab-separated cells of every line of a file,
// gzipped or not, header included. It fails tb when the file cannot be read.
func EachRow(tb testing.TB, path string, fn func(cells []string)) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatal(err)
		}
		r = zr
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		fn(strings.Split(strings.TrimSuffix(sc.Text(), "\r"), "\t"))
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
}
