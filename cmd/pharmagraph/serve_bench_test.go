package main

import (
	"cmp"
	"errors"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"pharmagraph/internal/realdata"
)

// BenchmarkServeReal measures the binary on the real benchmark graph as a
// user runs it, each step a child process:
//
//   - `pharmagraph load` of the graph's files into an empty bolt store:
//     its wall time, CPU and peak resident memory (load-s, load-cpu-s,
//     load-peak-MB);
//   - a first `serve` of that store, left running until Cayley has caught
//     up with the journal the load left (catchup-s), then stopped, which
//     writes the index snapshot;
//   - a second `serve` of the loaded store: the time until /readyz
//     answers 200 (ready-s), the CPU it took (ready-cpu-s), its resident
//     memory then (ready-MB), and after PHARMAGRAPH_LOADTEST_SECONDS (60
//     unless set) of the load test's mix of queries at concurrency 64,
//     following a warm-up of a sixth of that: the resident memory at the
//     end (loaded-MB) and its highest of six samples over the run
//     (loaded-peak-MB), the anonymous part's growth over the run
//     (anon-growth-%) and over its second half (late-growth-%), and the
//     answer cache's bytes at the end (cache-MB), which account for
//     growth while the cache fills.
//
// The index snapshot the first serve writes is what makes the second
// ready without asking Cayley for every quad.
func BenchmarkServeReal(b *testing.B) {
	files := realdata.Benchmark(b)
	seconds := envInt(b, "PHARMAGRAPH_LOADTEST_SECONDS", 60)
	for b.Loop() {
		dir := b.TempDir()
		load := child(append([]string{"load", "--data", dir}, files...)...)
		start := time.Now()
		out, err := load.CombinedOutput()
		var ee *exec.ExitError
		if err != nil && (!errors.As(err, &ee) || ee.ExitCode() != exitRejected) {
			b.Fatalf("loading the benchmark graph: %v\n%s", err, out)
		}
		b.ReportMetric(time.Since(start).Seconds(), "load-s")
		b.ReportMetric((load.ProcessState.UserTime() + load.ProcessState.SystemTime()).Seconds(), "load-cpu-s")
		b.ReportMetric(float64(load.ProcessState.SysUsage().(*syscall.Rusage).Maxrss)/1024, "load-peak-MB")

		first, base := serveChild(b, dir)
		start = time.Now()
		for metricOf(b, base, "pharmagraph_journal_lag_records") > 0 {
			if time.Since(start) > 20*time.Minute {
				b.Fatal("Cayley did not catch up with the journal in 20 minutes")
			}
			time.Sleep(100 * time.Millisecond)
		}
		b.ReportMetric(time.Since(start).Seconds(), "catchup-s")
		stop(b, first)

		second, base := serveChild(b, dir)
		b.ReportMetric(float64(second.ready)/float64(time.Second), "ready-s")
		b.ReportMetric(cpuOf(b, second.Process.Pid).Seconds(), "ready-cpu-s")
		ready := rssOf(b, second.Process.Pid)
		b.ReportMetric(float64(ready.total)/(1<<20), "ready-MB")

		client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}, Timeout: time.Minute}
		names, ids := findDrugs(b, client, base)
		mix := newMix(names, ids)
		run := time.Duration(seconds) * time.Second
		hammer(client, base, mix, 64, 0, run/6)
		samples := []rss{rssOf(b, second.Process.Pid)}
		for range 6 {
			hammer(client, base, mix, 64, 0, run/6)
			samples = append(samples, rssOf(b, second.Process.Pid))
		}
		warm, half, loaded := samples[0], samples[3], samples[6]
		peak := slices.MaxFunc(samples, func(a, b rss) int { return cmp.Compare(a.total, b.total) })
		b.ReportMetric(float64(loaded.total)/(1<<20), "loaded-MB")
		b.ReportMetric(float64(peak.total)/(1<<20), "loaded-peak-MB")
		b.ReportMetric(100*(float64(loaded.anon)/float64(warm.anon)-1), "anon-growth-%")
		b.ReportMetric(100*(float64(loaded.anon)/float64(half.anon)-1), "late-growth-%")
		b.ReportMetric(float64(metricOf(b, base, "pharmagraph_answer_cache_bytes"))/(1<<20), "cache-MB")
		client.CloseIdleConnections()
		stop(b, second)
	}
}

// served is a `serve` child process and how long it took to be ready.
type served struct {
	*exec.Cmd
	ready time.Duration
}

// serveChild starts `serve` on the store in dir, without cost budgets, and
// waits until it is ready.
func serveChild(b *testing.B, dir string) (*served, string) {
	b.Helper()
	addr := freeAddr(b)
	cmd := child("serve", "--data", dir, "--addr", addr, "--budget", "-1")
	start := time.Now()
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	base := "http://" + addr
	waitReady(b, base, 10*time.Minute)
	return &served{cmd, time.Since(start)}, base
}

// stop stops a serve child as an operator does, with SIGTERM, and waits
// for it to close its store.
func stop(b *testing.B, s *served) {
	b.Helper()
	s.Process.Signal(syscall.SIGTERM)
	if err := s.Wait(); err != nil {
		b.Fatalf("serve did not stop cleanly: %v", err)
	}
}

// cpuOf returns the CPU time, user and system, that the process pid has
// used so far, from /proc.
func cpuOf(b *testing.B, pid int) time.Duration {
	b.Helper()
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		b.Fatal(err)
	}
	// The fields after the command's name, which is in parentheses and may
	// hold spaces: utime and stime are the 12th and 13th of them.
	f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const ticks = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticks
}
