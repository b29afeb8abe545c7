// Package seeds holds Pharmagraph's curated seed facts: tab-separated files
// of sources, nodes and facts in the format described in README.md.
package seeds

import (
	"embed"
	"io/fs"
)

//go:embed *.tsv
var files embed.FS

// FS returns the seed files, the *.tsv files of this directory, for the
// loader to read in one batch.
func FS() fs.FS { return files }
