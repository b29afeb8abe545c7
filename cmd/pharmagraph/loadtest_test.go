package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"pharmagraph/internal/realdata"
)

// TestLoadReal is the load test: it loads the real benchmark graph into a
// bolt store (without ogbl-ddi when PHARMAGRAPH_LOADTEST_SMALL is set, as
// .ci/run sets it), serves it from a child process, waits until Cayley has
// caught up with the journal, and sends a realistic mix of
// queries at concurrency 64 over loopback: lookups, drug pages, overlaps,
// the cross-graph queries (similar drugs, interaction checks, paths,
// neighbourhoods), and a share over the query limits (400s) and over the
// budget (a few clients share one address and ask for a lot: 429s), with
// /healthz as the baseline. It runs for PHARMAGRAPH_LOADTEST_SECONDS (60;
// .ci/run sets fewer) after a warm-up of at least a sixth of that and two
// collections of the heap, and checks that
// no answer is a 5xx but the deliberate 503 of a full queue, that the
// process's anonymous resident memory at the end is within 10% of after
// the warm-up, and that its goroutines are back to their number before
// the load. It prints p50 and p99 per kind of query. It runs only when
// PHARMAGRAPH_LOADTEST is set: loading the graph alone takes a minute.
func TestLoadReal(t *testing.T) {
	if os.Getenv("PHARMAGRAPH_LOADTEST") == "" {
		t.Skip("set PHARMAGRAPH_LOADTEST=1 (and PHARMAGRAPH_LOADTEST_SECONDS, 60 by default) to run the load test")
	}
	seconds := envInt(t, "PHARMAGRAPH_LOADTEST_SECONDS", 60)
	files := realdata.Benchmark(t)
	if os.Getenv("PHARMAGRAPH_LOADTEST_SMALL") != "" {
		// Without ogbl-ddi's 1.3 million interactions, the graph loads
		// and reaches Cayley in seconds rather than minutes.
		files = slices.DeleteFunc(files, func(f string) bool { return strings.Contains(f, "ogbl-ddi") })
	}
	dir := t.TempDir()
	start := time.Now()
	// Some rows of the data sets are rejected, each for a reason the report
	// gives, and the rest loaded: exit status 3.
	if out, err := child(append([]string{"load", "--data", dir}, files...)...).CombinedOutput(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != exitRejected {
			t.Fatalf("loading the benchmark graph: %v\n%s", err, out)
		}
	}
	t.Logf("loaded the benchmark graph in %v", time.Since(start).Round(time.Second))

	const workers, greedy = 64, 4 // greedy clients share one address and its budget
	tokens := filepath.Join(t.TempDir(), "tokens")
	var list strings.Builder
	for i := range workers - greedy {
		fmt.Fprintf(&list, "load-client-%d\n", i)
	}
	if err := os.WriteFile(tokens, []byte(list.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	addr := freeAddr(t)
	// Budgets a quarter of the default, so that the greedy clients spend
	// theirs within the run.
	// An answer cache of 8 MiB, which the mix's distinct answers fill
	// during the warm-up: the default 64 MiB would still be filling at the
	// end of a short run, growth the memory check would take for a leak.
	srv := child("serve", "--data", dir, "--addr", addr, "--budget-tokens", tokens, "--budget", "5000", "--budget-rate", "500",
		"--answer-cache", "8MiB")
	var logs bytes.Buffer
	srv.Stderr = &logs // one line a request: kept for a failure's message
	if err := srv.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		srv.Process.Kill()
		srv.Wait()
	}()
	base := "http://" + addr
	waitReady(t, base, 5*time.Minute)

	// The load left Cayley behind the journal; the server applies the rest
	// in the background. Wait until it is done, so that what is measured
	// is serving.
	served := time.Now()
	for metricOf(t, base, "pharmagraph_journal_lag_records") > 0 {
		if time.Since(served) > 20*time.Minute {
			t.Fatal("Cayley did not catch up with the journal in 20 minutes")
		}
		time.Sleep(time.Second)
	}
	t.Logf("Cayley caught up with the journal %v after the server was ready", time.Since(served).Round(time.Second))
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers}, Timeout: time.Minute}
	idle := metricOf(t, base, "go_goroutines")
	warm := time.Duration(seconds) * time.Second / 6
	names, ids := findDrugs(t, client, base)
	t.Logf("%d of %d common drugs found: %s", len(names), len(commonDrugs), strings.Join(names, ", "))
	mix := newMix(names, ids)
	for _, k := range mix.kinds {
		mix.check(t, client, base, k)
	}
	// Warm up until the heap has been through two collections under the
	// load, so that it has grown to what the collector lets it reach, and
	// at least a sixth of the run.
	gcs := metricOf(t, base, "go_gc_duration_seconds_count")
	warmed := time.Duration(0)
	for warmed < warm || metricOf(t, base, "go_gc_duration_seconds_count") < gcs+2 {
		if warmed > 3*time.Duration(seconds)*time.Second {
			t.Fatalf("the heap was not collected twice in %v of load", warmed)
		}
		hammer(client, base, mix, workers, greedy, 2*time.Second)
		warmed += 2 * time.Second
	}
	t.Logf("warmed up for %v (%d collections)", warmed, metricOf(t, base, "go_gc_duration_seconds_count")-gcs)
	rssWarm := rssOf(t, srv.Process.Pid)
	stats := hammer(client, base, mix, workers, greedy, time.Duration(seconds)*time.Second)
	rssEnd := rssOf(t, srv.Process.Pid)
	client.CloseIdleConnections()
	after := idle
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		if after = metricOf(t, base, "go_goroutines"); after <= idle {
			break
		}
	}

	healthz := stats["healthz"].percentile(50)
	graphName := "the real benchmark graph"
	if os.Getenv("PHARMAGRAPH_LOADTEST_SMALL") != "" {
		graphName += " less ogbl-ddi"
	}
	t.Logf("%d s at concurrency %d on %s (%d greedy clients share an address):", seconds, workers, graphName, greedy)
	t.Logf("%-14s %8s %10s %10s %12s  %s", "kind", "requests", "p50", "p99", "p50/healthz", "statuses")
	var fail []string
	for _, k := range mix.kinds {
		s := stats[k.name]
		p50 := s.percentile(50)
		t.Logf("%-14s %8d %10v %10v %11.1f×  %v", k.name, len(s.took), p50, s.percentile(99), float64(p50)/float64(healthz), s.statuses)
		for status, n := range s.statuses {
			if status >= 500 && status != http.StatusServiceUnavailable {
				fail = append(fail, fmt.Sprintf("%d × %d for %s", n, status, k.name))
			}
		}
	}
	t.Logf("resident memory: after the warm-up %s, at the end %s; goroutines: %d before the load, %d after",
		rssWarm, rssEnd, idle, after)
	if len(fail) > 0 {
		t.Errorf("5xx answers besides 503: %s", strings.Join(fail, ", "))
	}
	if growth := float64(rssEnd.anon)/float64(rssWarm.anon) - 1; growth > 0.10 {
		t.Errorf("anonymous resident memory grew %.1f%% from the warm-up to the end, over 10%%", 100*growth)
	}
	if after > idle {
		t.Errorf("%d goroutines after the load, %d before", after, idle)
	}
}

// kind is one kind of request of the mix.
type kind struct {
	name   string
	weight int
	want   int                                 // the status it should get when nothing refuses it
	body   func(r *rand.Rand) (string, string) // method path or body
}

// mix is the requests of the load test and their weights.
type mix struct {
	kinds  []kind
	total  int
	greedy kind // what the greedy clients send
}

// commonDrugs are names of common drugs to look for in the benchmark graph;
// those it has make the mix's drugs.
var commonDrugs = []string{"baclofen", "ibuprofen", "warfarin", "metformin", "simvastatin", "diazepam", "morphine",
	"fluoxetine", "acetaminophen", "omeprazole", "sertraline", "lisinopril", "atorvastatin", "amoxicillin",
	"prednisone", "clonazepam", "tramadol", "gabapentin", "lorazepam", "citalopram"}

// newMix returns the mix over drugs, their ids given in the same order.
func newMix(drugs, ids []string) *mix {
	q := func(query string, vars map[string]any) (string, string) {
		b, _ := json.Marshal(map[string]any{"query": query, "variables": vars})
		return "POST", string(b)
	}
	pick := func(r *rand.Rand) string { return drugs[r.IntN(len(drugs))] }
	m := &mix{kinds: []kind{
		{"healthz", 5, 200, func(r *rand.Rand) (string, string) { return "GET", "/healthz" }},
		{"lookup", 25, 200, func(r *rand.Rand) (string, string) {
			return q(`query ($n: String!) { drug(name: $n) { id name synonyms } }`, map[string]any{"n": pick(r)})
		}},
		{"drug page", 20, 200, func(r *rand.Rand) (string, string) {
			return q(`query ($n: String!) { drug(name: $n) { id name synonyms classes { name }
				effectsPage(first: 20) { totalCount edges { node { effect { name } context frequency } } pageInfo { hasNextPage endCursor } }
				indications { condition { name } status }
				interactionsPage(first: 20) { totalCount edges { node { with { name } severity } } } } }`, map[string]any{"n": pick(r)})
		}},
		{"overlap", 15, 200, func(r *rand.Rand) (string, string) {
			return q(`query ($a: String!, $b: String!) { overlap(a: $a, b: $b) { jaccard shared { name } onlyA { name } } }`,
				map[string]any{"a": pick(r), "b": pick(r)})
		}},
		{"similar", 8, 200, func(r *rand.Rand) (string, string) {
			return q(`query ($n: String!) { similar(drug: $n, by: EFFECTS, first: 5) { drug { name } count jaccard } }`, map[string]any{"n": pick(r)})
		}},
		{"check", 8, 200, func(r *rand.Rand) (string, string) {
			return q(`query ($d: [String!]!) { interactionCheck(drugs: $d) { a { name } b { name } severity added { effect { name } } } }`,
				map[string]any{"d": []string{pick(r), pick(r), pick(r)}})
		}},
		{"paths", 6, 200, func(r *rand.Rand) (string, string) {
			return q(`query ($a: String!, $b: String!) { paths(from: $a, to: $b, maxHops: 2, first: 3) { truncated paths { length nodes { name } } } }`,
				map[string]any{"a": pick(r), "b": pick(r)})
		}},
		{"search", 3, 200, func(r *rand.Rand) (string, string) {
			return q(`query ($n: String!) { search(text: $n) { score node { id name } } }`, map[string]any{"n": pick(r)})
		}},
		{"neighbourhood", 3, 200, func(r *rand.Rand) (string, string) {
			return q(`query ($id: ID!) { neighbourhood(id: $id, first: 25) { predicate direction count neighbours { node { name } } } }`,
				map[string]any{"id": ids[r.IntN(len(ids))]})
		}},
		// Only the greedy clients send this, as much as they can: 50
		// lookups of 6 fields, a cost of 300 (their one address gets 500
		// back a second).
		{"greedy", 0, 200, func(r *rand.Rand) (string, string) {
			var b strings.Builder
			b.WriteString("query ($n: String!) {")
			for i := range 50 {
				fmt.Fprintf(&b, " d%d: drug(name: $n) { id name synonyms classes { id name } }", i)
			}
			b.WriteString(" }")
			return q(b.String(), map[string]any{"n": pick(r)})
		}},
		{"over limit", 8, 400, func(r *rand.Rand) (string, string) {
			return q(`{ drug(name: "baclofen") `+strings.Repeat(`{ classes { members `, 8)+`{ name }`+strings.Repeat(` } }`, 8)+` }`, nil)
		}},
	}}
	for _, k := range m.kinds {
		m.total += k.weight
		if k.name == "greedy" {
			m.greedy = k
		}
	}
	return m
}

// pick returns a kind at random, by weight.
func (m *mix) pick(r *rand.Rand) kind {
	n := r.IntN(m.total)
	for _, k := range m.kinds {
		if n < k.weight {
			return k
		}
		n -= k.weight
	}
	panic("unreachable")
}

// check sends one request of k and fails t unless it gets k's status and,
// for a query, an answer with data for at least one drug of the list.
func (m *mix) check(t *testing.T, c *http.Client, base string, k kind) {
	t.Helper()
	r := rand.New(rand.NewPCG(1, 2))
	for i := range 5 {
		status, body := send(c, base, "load-client-"+strconv.Itoa(i), k, r)
		if status != k.want {
			t.Fatalf("%s: status %d, want %d: %.300s", k.name, status, k.want, body)
		}
		var res struct {
			Data   map[string]any `json:"data"`
			Errors []any          `json:"errors"`
		}
		json.Unmarshal(body, &res)
		if k.want != 200 || strings.HasPrefix(k.name, "healthz") || len(res.Errors) == 0 {
			return
		}
	}
	t.Fatalf("%s: no drug of the list gave an answer without errors", k.name)
}

// findDrugs returns those of commonDrugs the server knows, and their ids.
func findDrugs(t testing.TB, c *http.Client, base string) (names, ids []string) {
	t.Helper()
	for _, n := range commonDrugs {
		b, _ := json.Marshal(map[string]any{"query": `query ($n: String!) { drug(name: $n) { id } }`, "variables": map[string]any{"n": n}})
		_, body := send(c, base, "load-client-0", kind{body: func(*rand.Rand) (string, string) { return "POST", string(b) }}, nil)
		var res struct {
			Data struct {
				Drug struct{ ID string } `json:"drug"`
			} `json:"data"`
		}
		if json.Unmarshal(body, &res) == nil && res.Data.Drug.ID != "" {
			names, ids = append(names, n), append(ids, res.Data.Drug.ID)
		}
	}
	if len(names) < 5 {
		t.Fatalf("only %d of the common drugs are in the graph: %v", len(names), names)
	}
	return names, ids
}

// send makes one request of kind k as the client with token (none for "").
func send(c *http.Client, base, token string, k kind, r *rand.Rand) (int, []byte) {
	method, target := k.body(r)
	var req *http.Request
	if method == "GET" {
		req, _ = http.NewRequest("GET", base+target, nil)
	} else {
		req, _ = http.NewRequest("POST", base+"/graphql", strings.NewReader(target))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept", "application/graphql-response+json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := c.Do(req)
	if err != nil {
		return 0, []byte(err.Error())
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res.StatusCode, body
}

// kindStats are the latencies and statuses of one kind.
type kindStats struct {
	took     []time.Duration
	statuses map[int]int
}

func (s *kindStats) percentile(p int) time.Duration {
	if s == nil || len(s.took) == 0 {
		return 0
	}
	slices.Sort(s.took)
	return s.took[min(len(s.took)-1, len(s.took)*p/100)].Round(10 * time.Microsecond)
}

// hammer sends the mix from workers clients for d, the last greedy of them
// without a token and sending only the greedy kind, and returns what each
// kind got.
func hammer(c *http.Client, base string, m *mix, workers, greedy int, d time.Duration) map[string]*kindStats {
	var mu sync.Mutex
	stats := map[string]*kindStats{}
	end := time.Now().Add(d)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			r := rand.New(rand.NewPCG(uint64(w), uint64(time.Now().UnixNano())))
			token := "load-client-" + strconv.Itoa(w)
			if w >= workers-greedy {
				token = ""
			}
			for time.Now().Before(end) {
				k := m.pick(r)
				if token == "" {
					k = m.greedy
				}
				t0 := time.Now()
				status, _ := send(c, base, token, k, r)
				took := time.Since(t0)
				mu.Lock()
				s := stats[k.name]
				if s == nil {
					s = &kindStats{statuses: map[int]int{}}
					stats[k.name] = s
				}
				s.took = append(s.took, took)
				s.statuses[status]++
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	return stats
}

// waitReady waits until base answers /readyz with 200, failing t after
// wait.
func waitReady(t testing.TB, base string, wait time.Duration) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for {
		res, err := http.Get(base + "/readyz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server is not ready after %v: %v", wait, err)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// metricOf reads the value of an unlabelled metric from base's /metrics,
// over a connection of its own, closed after.
func metricOf(t testing.TB, base, name string) int {
	t.Helper()
	c := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	res, err := c.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	sc := bufio.NewScanner(res.Body)
	for sc.Scan() {
		if v, ok := strings.CutPrefix(sc.Text(), name+" "); ok {
			n, err := strconv.ParseFloat(v, 64)
			if err != nil {
				t.Fatal(err)
			}
			return int(n)
		}
	}
	t.Fatalf("/metrics has no %s", name)
	return 0
}

// rss is a process's resident memory: all of it, and the anonymous part
// (the heap and stacks, without the pages of files it maps, such as the
// bolt store's, which the kernel may drop at will).
type rss struct{ total, anon int64 }

func (r rss) String() string {
	return fmt.Sprintf("%d MiB (%d MiB anonymous)", r.total>>20, r.anon>>20)
}

// rssOf reads pid's resident memory from /proc.
func rssOf(t testing.TB, pid int) rss {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	var r rss
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		kb, _ := strconv.ParseInt(f[1], 10, 64)
		switch f[0] {
		case "VmRSS:":
			r.total = kb << 10
		case "RssAnon:":
			r.anon = kb << 10
		}
	}
	return r
}
