package export_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"

	"pharmagraph/export"
	"pharmagraph/graph"
)

// python is the Python that has Debian's python3-rdflib and
// python3-networkx: the system's, not a pyenv one on the PATH.
func python() string {
	if _, err := os.Stat("/usr/bin/python3"); err == nil {
		return "/usr/bin/python3"
	}
	return "python3"
}

// TestThirdPartyReaders exports the seed graph and reads it back with the
// tools people use: rdflib for N-Quads, networkx for GraphML and
// cytoscape.js for the Cytoscape JSON. A reader that is not installed is
// skipped, unless PHARMAGRAPH_TEST_READERS is set, as .ci/run sets it.
func TestThirdPartyReaders(t *testing.T) {
	s := seeded(t)
	readers, err := filepath.Abs(filepath.Join("testdata", "readers"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		format  export.Format
		check   []string // a command that fails when the reader is missing
		install string
		run     func(file string, m export.Manifest) []string
	}{
		{export.NQuads, []string{python(), "-c", "import rdflib"}, "apt-get install python3-rdflib",
			func(file string, m export.Manifest) []string {
				return []string{python(), "nquads.py", file, strconv.Itoa(m.Files[0].Records)}
			}},
		{export.GraphML, []string{python(), "-c", "import networkx"}, "apt-get install python3-networkx",
			func(file string, m export.Manifest) []string {
				return []string{python(), "graphml.py", file, strconv.Itoa(graphNodes(m)), strconv.Itoa(m.Counts.Facts)}
			}},
		{export.Cytoscape, []string{"node", "-e", "require('cytoscape')"}, "apt-get install nodejs npm; npm ci in export/testdata/readers",
			func(file string, m export.Manifest) []string {
				return []string{"node", "cytoscape.js", file, strconv.Itoa(graphNodes(m)), strconv.Itoa(m.Counts.Facts)}
			}},
	}
	for _, tt := range tests {
		t.Run(string(tt.format), func(t *testing.T) {
			check := exec.Command(tt.check[0], tt.check[1:]...)
			check.Dir = readers
			if out, err := check.CombinedOutput(); err != nil {
				msg := "reader missing (" + tt.install + "): " + err.Error() + "\n" + string(out)
				if os.Getenv("PHARMAGRAPH_TEST_READERS") != "" {
					t.Fatal(msg)
				}
				t.Skip(msg + "set PHARMAGRAPH_TEST_READERS=1 to make this a failure")
			}
			dir := t.TempDir()
			m, err := export.Save(context.Background(), s, export.Options{Format: tt.format}, dir)
			if err != nil {
				t.Fatal(err)
			}
			args := tt.run(filepath.Join(dir, m.Files[0].Name), m)
			cmd := exec.Command(args[0], args[1:]...)
			cmd.Dir = readers
			out, err := cmd.CombinedOutput()
			if err != nil {
				t.Fatalf("%v: %v\n%s", args, err, out)
			}
			t.Logf("%s", out)
		})
	}
}

// graphNodes is the number of nodes of a GraphML or Cytoscape export: the
// graph's nodes and one for each fact whose object is text.
func graphNodes(m export.Manifest) int {
	n := m.Counts.Nodes
	for _, p := range graph.Predicates() {
		if p.Literal() {
			n += m.Counts.Predicates[string(p)]
		}
	}
	return n
}
