// Package realdata finds the public data sets that tests and benchmarks read
// from ../shared/data beside the repository, and skips them clearly where
// the data sets are absent (a fresh clone has none).
package realdata

import (
	"os"
	"path/filepath"
	"runtime"
	"testing"
)

// Dir returns the folder of the data sets: ../shared/data from the
// repository's root, found from this file's place so that it holds in every
// package's tests.
func Dir() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..", "..", "shared", "data")
}

// Path returns the path of a data set's file or folder, skipping tb when it
// is absent.
func Path(tb testing.TB, parts ...string) string {
	tb.Helper()
	p := filepath.Join(append([]string{Dir()}, parts...)...)
	if _, err := os.Stat(p); err != nil {
		tb.Skipf("real data set %s not found (the real data sets are read from ../shared/data beside the repository): %v", p, err)
	}
	return p
}

// Benchmark returns the files of the real benchmark graph: Hetionet's nodes
// and drug edges, SIDER with its DrugBank map, the ogbl-ddi interaction
// network and the DrugBank open vocabulary, about 1.35 million edges. It
// skips tb when any is absent.
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
