// Command biolinkgen writes package biolink's table from the Biolink
// Model's LinkML YAML: biolinkgen MODEL.yaml OUT.go.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"pharmagraph/graph/biolink/internal/gen"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "biolinkgen:", err)
		os.Exit(1)
	}
}

func run(args []string) error {
	if len(args) != 2 {
		return fmt.Errorf("usage: biolinkgen MODEL.yaml OUT.go")
	}
	f, err := os.Open(args[0])
	if err != nil {
		return err
	}
	defer f.Close()
	src, err := gen.Generate(f, filepath.Base(args[0]))
	if err != nil {
		return err
	}
	return os.WriteFile(args[1], src, 0o644)
}
