package loader_test

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"testing"

	"pharmagraph/graph"
	"pharmagraph/loader"
)

// loadData loads the named files or folders of testdata into s.
func loadData(t *testing.T, s *graph.Store, opts loader.Options, names ...string) loader.Report {
	t.Helper()
	paths := make([]string, len(names))
	for i, n := range names {
		paths[i] = filepath.Join("testdata", n)
	}
	rep, err := loader.Load(context.Background(), s, opts, paths...)
	if err != nil {
		t.Fatalf("Load(%q): %v", names, err)
	}
	return rep
}

// predicateCounts returns the report's counts by predicate as values, and
// checks that each adds up.
func predicateCounts(t *testing.T, rep loader.Report) map[graph.Predicate]loader.Count {
	t.Helper()
	out := map[graph.Predicate]loader.Count{}
	for p, c := range rep.Predicates {
		if c.Read != c.Written+c.Duplicate+c.Skipped+c.Rejected {
			t.Errorf("%s: read %d != written %d + duplicate %d + skipped %d + rejected %d",
				p, c.Read, c.Written, c.Duplicate, c.Skipped, c.Rejected)
		}
		out[p] = *c
	}
	return out
}

// checkCounts compares the report's counts with want.
func checkCounts(t *testing.T, rep loader.Report, want map[graph.Predicate]loader.Count) {
	t.Helper()
	if got := predicateCounts(t, rep); !reflect.DeepEqual(got, want) {
		var ps []string
		for p := range got {
			ps = append(ps, string(p))
		}
		for p := range want {
			if _, ok := got[p]; !ok {
				ps = append(ps, string(p))
			}
		}
		sort.Strings(ps)
		for _, p := range ps {
			if g, w := got[graph.Predicate(p)], want[graph.Predicate(p)]; g != w {
				t.Errorf("%s: got %+v, want %+v", p, g, w)
			}
		}
	}
}

// rejectedRows returns the rejected rows of a report as file:line: reason,
// with the file's base name, in file and line order.
func rejectedRows(t *testing.T, rep loader.Report) []string {
	t.Helper()
	type row struct {
		file string
		line int
		text string
	}
	var rows []row
	for _, err := range rep.Rejected {
		var re *loader.RowError
		if !errors.As(err, &re) {
			t.Fatalf("rejected row %v is a %T, not a *loader.RowError", err, err)
		}
		base := filepath.Base(re.File)
		rows = append(rows, row{base, re.Line, fmt.Sprintf("%s:%d: %v", base, re.Line, re.Err)})
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if rows[i].file != rows[j].file {
			return rows[i].file < rows[j].file
		}
		return rows[i].line < rows[j].line
	})
	out := make([]string, len(rows))
	for i, r := range rows {
		out[i] = r.text
	}
	if len(out) != rep.RejectedRows {
		t.Errorf("report lists %d rejected rows, counts %d", len(out), rep.RejectedRows)
	}
	return out
}

// checkRejected compares the rejected rows of a report with want.
func checkRejected(t *testing.T, rep loader.Report, want []string) {
	t.Helper()
	got := rejectedRows(t, rep)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("rejected rows:\n%s\nwant:\n%s", lines(got), lines(want))
	}
}

func lines(s []string) string {
	out := ""
	for _, l := range s {
		out += "  " + l + "\n"
	}
	return out
}

// factsFrom returns the facts of s that come from source.
func factsFrom(t *testing.T, s *graph.Store, source graph.ID) []graph.Fact {
	t.Helper()
	var out []graph.Fact
	err := s.EachFact(context.Background(), graph.Filter{Sources: []graph.ID{source}}, func(f graph.Fact) error {
		out = append(out, f)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkReloadChangesNothing loads the same files again and checks that the
// store is as it was.
func checkReloadChangesNothing(t *testing.T, s *graph.Store, opts loader.Options, names ...string) {
	t.Helper()
	before := stats(t, s)
	rep := loadData(t, s, opts, names...)
	if rep.NewNodes != 0 || rep.NewFacts != 0 || rep.Quads != 0 {
		t.Errorf("loading %q again wrote %d nodes, %d facts, %d quads; want none", names, rep.NewNodes, rep.NewFacts, rep.Quads)
	}
	if after := stats(t, s); !reflect.DeepEqual(after, before) {
		t.Errorf("loading %q again changed the store:\nbefore %+v\nafter  %+v", names, before, after)
	}
}
