package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
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
func writeBigLoad(t *testing.T, dir string, n int) { writeLoad(t, dir, "test", 2000, n) }

// writeLoad writes seed-format files into dir: one source,
// pgsrc:crash-<tag>, stating n facts between drugs and effects of its own,
// nodes of each kind.
func writeLoad(t *testing.T, dir, tag string, nodes, n int) {
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
	drugs, effects := nodes, nodes
	write("sources.tsv", func(w *bufio.Writer) {
		fmt.Fprintln(w, "id\tname\tauthor\tknowledge_level\tagent_type\tdescription")
		fmt.Fprintf(w, "pgsrc:crash-%s\tCrash test %s\t\tknowledge_assertion\tmanual_agent\t\n", tag, tag)
	})
	write("nodes.tsv", func(w *bufio.Writer) {
		fmt.Fprintln(w, "id\tcategory\tname\tsynonyms\txrefs\tdescription\tsource")
		for i := range drugs {
			fmt.Fprintf(w, "TEST:%s-drug-%d\tDrug\t%s drug %d\t\t\t\tpgsrc:crash-%s\n", tag, i, tag, i, tag)
		}
		for i := range effects {
			fmt.Fprintf(w, "TEST:%s-effect-%d\tEffect\t%s effect %d\t\t\t\tpgsrc:crash-%s\n", tag, i, tag, i, tag)
		}
	})
	write("facts.tsv", func(w *bufio.Writer) {
		fmt.Fprintln(w, "subject\tpredicate\tobject\tqualifiers\tsource\tsection")
		for i := range n {
			fmt.Fprintf(w, "TEST:%s-drug-%d\thas_adverse_event\tTEST:%s-effect-%d\tcontext=ADVERSE\tpgsrc:crash-%s\t\n",
				tag, i%drugs, tag, (i/drugs*7+i)%effects, tag)
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

// envInt returns the integer in the environment variable key, or def.
func envInt(t testing.TB, key string, def int64) int64 {
	t.Helper()
	v := os.Getenv(key)
	if v == "" {
		return def
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		t.Fatalf("%s=%q: %v", key, v, err)
	}
	return n
}

// child returns the command that runs this binary's main with args.
func child(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "PHARMAGRAPH_TEST_MAIN=1")
	return cmd
}

// TestKillAtRandom kills the binary with SIGKILL at random moments,
// alternately while it loads a batch of facts and while it serves queries,
// PHARMAGRAPH_TEST_KILLS times (50 unless set; PHARMAGRAPH_TEST_KILL_SEED
// repeats a run). After every kill the store opens, verifies (its index
// equals Cayley's quads once Cayley has caught up with the journal), and
// holds exactly the batches whose loads completed: each batch is a source
// of its own, so the facts by source tell which, and the one being loaded
// when the kill came is either wholly in or wholly out.
func TestKillAtRandom(t *testing.T) {
	if testing.Short() {
		t.Skip("50 kills take a minute or more; skipped with -short")
	}
	kills := int(envInt(t, "PHARMAGRAPH_TEST_KILLS", 50))
	seed := envInt(t, "PHARMAGRAPH_TEST_KILL_SEED", time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(uint64(seed), 0))
	t.Logf("%d kills, PHARMAGRAPH_TEST_KILL_SEED=%d", kills, seed)

	// Small batches: Verify reads every quad of the store after each kill.
	const batchFacts, batchNodes = 200, 20
	inputs := t.TempDir()
	batch := func(i int) string {
		dir := filepath.Join(inputs, strconv.Itoa(i))
		if _, err := os.Stat(dir); err != nil {
			os.Mkdir(dir, 0o700)
			writeLoad(t, dir, "b"+strconv.Itoa(i), batchNodes, batchFacts)
		}
		return dir
	}
	// A clean load of one batch gives the scale of the random moments.
	dir := t.TempDir()
	runOK(t, "stats", "--data", dir) // the seeds alone
	base := storeStats(t, dir)
	start := time.Now()
	if out, err := child("load", "--data", t.TempDir(), batch(0)).CombinedOutput(); err != nil {
		t.Fatalf("clean load: %v\n%s", err, out)
	}
	window := time.Since(start) * 3 / 2
	t.Logf("a clean load of one batch takes %v; kills come within %v of the start", window*2/3, window)

	completed := map[string]bool{} // sources of the batches loaded
	next := 0                      // the batch to load next
	var loadKills, serveKills, landed, lost int
	var answered atomic.Int64 // queries the killed servers answered
	for k := range kills {
		serving := k%2 == 1
		var cmd *exec.Cmd
		stop := make(chan struct{})
		var clients sync.WaitGroup
		delay := time.Duration(rng.Int64N(int64(window)))
		if serving {
			addr := freeAddr(t)
			cmd = child("serve", "--data", dir, "--addr", addr)
			clients.Go(func() { answered.Add(ask(addr, stop)) })
			delay *= 2 // the server is ready about when a load would end
		} else {
			cmd = child("load", "--data", dir, batch(next))
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()
		close(stop)
		clients.Wait()

		s, err := graph.Open(context.Background(), "bolt", dir, graph.Options{})
		if err != nil {
			t.Fatalf("kill %d (%v after the start): the store does not open: %v", k, delay, err)
		}
		if err := s.Verify(context.Background()); err != nil {
			s.Close()
			t.Fatalf("kill %d (%v after the start): %v", k, delay, err)
		}
		st, err := s.Stats(context.Background())
		s.Close()
		if err != nil {
			t.Fatal(err)
		}
		if serving {
			serveKills++
		} else {
			loadKills++
			src := "pgsrc:crash-b" + strconv.Itoa(next)
			if count(st.BySource, src) == batchFacts {
				completed[src] = true
				landed++
				next++
			} else {
				lost++
			}
		}
		if err := exactly(st, base, completed, batchFacts, batchNodes); err != nil {
			t.Fatalf("kill %d (%v after the start of a %s): %v", k, delay, map[bool]string{true: "serve", false: "load"}[serving], err)
		}
	}
	t.Logf("%d kills while loading (%d loads had completed, %d had not), %d while serving (%d queries answered): the store opened, verified and held exactly the completed loads every time",
		loadKills, landed, lost, serveKills, answered.Load())
}

// exactly checks that st is base with exactly the completed batches added.
func exactly(st, base graph.Stats, completed map[string]bool, facts, nodes int) error {
	for _, c := range st.BySource {
		want := count(base.BySource, c.Key)
		if completed[c.Key] {
			want = facts
		}
		if c.Count != want {
			return fmt.Errorf("source %s has %d facts, want %d", c.Key, c.Count, want)
		}
	}
	if want := base.Edges + len(completed)*facts; st.Edges != want {
		return fmt.Errorf("%d facts, want %d", st.Edges, want)
	}
	if want := base.Nodes + len(completed)*2*nodes; st.Nodes != want {
		return fmt.Errorf("%d nodes, want %d", st.Nodes, want)
	}
	return nil
}

// count returns the count of key in cs.
func count(cs []graph.Count, key string) int {
	for _, c := range cs {
		if c.Key == key {
			return c.Count
		}
	}
	return 0
}

// freeAddr returns a loopback address with a port free at the moment.
func freeAddr(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// ask sends queries to addr until stop is closed, ignoring every error (the
// server is killed under it), and returns how many were answered with 200.
func ask(addr string, stop chan struct{}) int64 {
	c := &http.Client{Timeout: time.Second}
	defer c.CloseIdleConnections()
	body := `{"query": "{ overlap(a: \"baclofen\", b: \"alcohol\") { jaccard } stats { nodes } }"}`
	var ok int64
	for {
		select {
		case <-stop:
			return ok
		default:
		}
		res, err := c.Post("http://"+addr+"/graphql", "application/json", strings.NewReader(body))
		if err != nil {
			time.Sleep(10 * time.Millisecond)
			continue
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode == http.StatusOK {
			ok++
		}
	}
}
