package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"pharmagraph/graph"
)

// TestMain lets a test run this binary's main in a child process, so that
// the child can be killed mid-load.
func TestMain(m *testing.M) {
	if os.Getenv("PHARMAGRAPH_TEST_MAIN") == "1" {
		main()
		return
	}
	os.Exit(m.Run())
}

// writeBigLoad writes seed-format files of n facts into dir.
func writeBigLoad(t *testing.T, dir string, n int) {
	t.Helper()
	write := func(name string, fill func(w *bufio.Writer)) {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		w := bufio.NewWriter(f)
		fill(w)
		w.Flush()
		f.Close()
	}
	const drugs, effects = 2000, 2000
	write("sources.tsv", func(w *bufio.Writer) {
		fmt.Fprintln(w, "id\tname\tauthor\tknowledge_level\tagent_type\tdescription")
		fmt.Fprintln(w, "pgsrc:crash-test\tCrash test\t\tknowledge_assertion\tmanual_agent\t")
	})
	write("nodes.tsv", func(w *bufio.Writer) {
		fmt.Fprintln(w, "id\tcategory\tname\tsynonyms\txrefs\tdescription\tsource")
		for i := range drugs {
			fmt.Fprintf(w, "TEST:drug-%d\tDrug\ttest drug %d\t\t\t\tpgsrc:crash-test\n", i, i)
		}
		for i := range effects {
			fmt.Fprintf(w, "TEST:effect-%d\tEffect\ttest effect %d\t\t\t\tpgsrc:crash-test\n", i, i)
		}
	})
	write("facts.tsv", func(w *bufio.Writer) {
		fmt.Fprintln(w, "subject\tpredicate\tobject\tqualifiers\tsource\tsection")
		for i := range n {
			fmt.Fprintf(w, "TEST:drug-%d\thas_adverse_event\tTEST:effect-%d\tcontext=ADVERSE\tpgsrc:crash-test\t\n", i%drugs, (i/drugs*7+i)%effects)
		}
	})
}

// stats opens the bolt store in dir and counts it.
func storeStats(t *testing.T, dir string) graph.Stats {
	t.Helper()
	s, err := graph.Open(context.Background(), "bolt", dir, graph.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Stats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// TestKillMidLoad kills a load at several moments with SIGKILL and checks
// that the store is then exactly as before the load or exactly as after
// it, never in between; and that loading again gives what a clean load
// gives.
func TestKillMidLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("kills loads of 200,000 facts; skipped with -short")
	}
	input := t.TempDir()
	const facts = 100_000
	writeBigLoad(t, input, facts)
	load := func(dir string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "load", "--data", dir, input)
		cmd.Env = append(os.Environ(), "PHARMAGRAPH_TEST_MAIN=1")
		return cmd
	}
	clean := t.TempDir()
	runOK(t, "stats", "--data", clean) // the seeds alone
	before := storeStats(t, clean)
	start := time.Now()
	if out, err := load(clean).CombinedOutput(); err != nil {
		t.Fatalf("clean load: %v\n%s", err, out)
	}
	took := time.Since(start)
	after := storeStats(t, clean)
	if after.Edges != before.Edges+facts {
		t.Fatalf("clean load: %d edges, want %d", after.Edges, before.Edges+facts)
	}

	var sawBefore, sawAfter bool
	// Kill at moments spread over the time a clean load takes.
	for _, frac := range []float64{0.1, 0.3, 0.5, 0.7, 0.9} {
		delay := time.Duration(frac * float64(took))
		dir := t.TempDir()
		runOK(t, "stats", "--data", dir)
		cmd := load(dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()
		switch got := storeStats(t, dir); {
		case reflect.DeepEqual(got, before):
			sawBefore = true
		case reflect.DeepEqual(got, after):
			sawAfter = true
		default:
			t.Fatalf("killed after %v: the store holds %d nodes and %d edges: neither before (%d, %d) nor after (%d, %d)",
				delay, got.Nodes, got.Edges, before.Nodes, before.Edges, after.Nodes, after.Edges)
		}
		if out, err := load(dir).CombinedOutput(); err != nil {
			t.Fatalf("load after a kill at %v: %v\n%s", delay, err, out)
		}
		if got := storeStats(t, dir); !reflect.DeepEqual(got, after) {
			t.Errorf("load after a kill at %v: %+v, want %+v", delay, got, after)
		}
	}
	t.Logf("kills left the store as before: %v, as after: %v", sawBefore, sawAfter)
}
