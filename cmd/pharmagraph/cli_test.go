package main

import (
	"bytes"
	"context"
	"flag"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitStatus checks the exit status of command lines, and where the
// flags may stand: before the command for the store's, and before, between
// or after the arguments.
func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	lenient := filepath.Join(dir, "edges.tsv") // a KGX file: a bad row is rejected, the rest loaded
	os.WriteFile(lenient, []byte("subject\tpredicate\tobject\tprimary_knowledge_source\n"+
		"DRUGBANK:DB00181\tbiolink:interacts_with\tDRUGBANK:DB00898\tinfores:test\n"+
		"DRUGBANK:DB00181\tbiolink:interacts_with\tPG:no-such-drug\tinfores:test\n"), 0o644)
	good := filepath.Join(dir, "good.tsv")
	os.WriteFile(good, []byte("subject\tpredicate\tobject\tprimary_knowledge_source\n"+
		"DRUGBANK:DB00181\tbiolink:interacts_with\tDRUGBANK:DB00898\tinfores:test\n"), 0o644)
	const byVar = `query($d: String!) { drug(name: $d) { id } }`
	mem := []string{"--backend", "memory"}
	tests := []struct {
		name string
		args []string
		code int
		out  string // a part of stdout
	}{
		{"no command", nil, exitUsage, ""},
		{"unknown command", []string{"nonsense"}, exitUsage, ""},
		{"-h", []string{"-h"}, exitOK, "exit status:"},
		{"--help", []string{"--help"}, exitOK, "exit status:"},
		{"help", []string{"help"}, exitOK, "exit status:"},
		{"serve -h", []string{"serve", "-h"}, exitOK, "usage: pharmagraph serve"},
		{"load --help", []string{"load", "--help"}, exitOK, "usage: pharmagraph load"},
		{"query -h", []string{"query", "-h"}, exitOK, "-vars"},
		{"stats --help", []string{"stats", "--help"}, exitOK, "-backend"},
		{"export -h", []string{"export", "-h"}, exitOK, "-format"},
		{"unknown flag", append([]string{"stats", "--nonsense"}, mem...), exitUsage, ""},
		{"unknown global flag", []string{"--nonsense", "stats"}, exitUsage, ""},
		{"load of nothing", append([]string{"load"}, mem...), exitUsage, ""},
		{"query of nothing", append([]string{"query"}, mem...), exitUsage, ""},
		{"stats with an argument", append([]string{"stats", "extra"}, mem...), exitUsage, ""},
		{"load of a missing file", append([]string{"load", filepath.Join(dir, "missing.tsv")}, mem...), exitError, ""},
		{"load", append([]string{"load", good}, mem...), exitOK, "wrote 0 new nodes, 1 new facts"},
		{"load with rejected rows", append([]string{"load", lenient}, mem...), exitRejected, "1 rows rejected"},
		{"load --strict after the file", append([]string{"load", lenient, "--strict"}, mem...), exitError, ""},
		{"store flags before the command", append(mem, "stats"), exitOK, "nodes by category"},
		{"--data before the command", []string{"--data", filepath.Join(dir, "store"), "stats"}, exitOK, "nodes by category"},
		{"flags after the query", []string{"query", byVar, "--vars", `{"d": "baclofen"}`, "--backend", "memory"}, exitOK, "DRUGBANK:DB00181"},
		{"a path like a flag", append([]string{"load", "-missing.tsv"}, mem...), exitUsage, ""},
		{"-- ends the flags", append(mem, "load", "--", "-missing.tsv"), exitError, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errs bytes.Buffer
			code := cli(context.Background(), tt.args, &out, &errs)
			if code != tt.code {
				t.Errorf("pharmagraph %s: exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", strings.Join(tt.args, " "), code, tt.code, out.String(), errs.String())
			}
			if !strings.Contains(out.String(), tt.out) {
				t.Errorf("pharmagraph %s: stdout lacks %q:\n%s", strings.Join(tt.args, " "), tt.out, out.String())
			}
		})
	}
	if _, err := os.Stat(filepath.Join(dir, "store", "indexes.bolt")); err != nil {
		t.Errorf("--data before the command did not choose the store's folder: %v", err)
	}
}

// TestAnswerCacheFlag checks the sizes --answer-cache takes and that 0
// turns the cache off.
func TestAnswerCacheFlag(t *testing.T) {
	for _, tt := range []struct {
		args []string
		want int64
	}{
		{nil, 64 << 20},
		{[]string{"--answer-cache", "0"}, -1},
		{[]string{"--answer-cache", "1048576"}, 1 << 20},
		{[]string{"--answer-cache", "512KiB"}, 512 << 10},
		{[]string{"--answer-cache", "2GiB"}, 2 << 30},
	} {
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		opts := serveFlags(fs)
		if err := fs.Parse(tt.args); err != nil {
			t.Fatalf("%q: %v", tt.args, err)
		}
		if o, err := opts(); err != nil || o.AnswerCache != tt.want {
			t.Errorf("%q: %d, %v; want %d", tt.args, o.AnswerCache, err, tt.want)
		}
	}
	for _, bad := range []string{"-1", "64MB", "MiB", "9999999999GiB"} {
		fs := flag.NewFlagSet("serve", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		serveFlags(fs)
		if err := fs.Parse([]string{"--answer-cache", bad}); err == nil {
			t.Errorf("--answer-cache %s was taken", bad)
		}
	}
}
