package server_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"pharmagraph/graph"
	"pharmagraph/server"
)

// slowStore is a store whose class members are many, and whose reads of a
// drug's effects each take a while and succeed without looking at their
// context, as a long computation would: a query for every member's effects
// then runs far past any deadline unless the executor stops calling the
// resolvers.
type slowStore struct {
	*graph.Store
	calls atomic.Int64 // Effects calls begun
}

func (s *slowStore) Members(ctx context.Context, id graph.ID, transitive bool) ([]graph.Node, error) {
	ms, err := s.Store.Members(ctx, id, transitive)
	if err != nil || len(ms) == 0 {
		return ms, err
	}
	var many []graph.Node
	for len(many) < 400 {
		many = append(many, ms...)
	}
	return many, nil
}

func (s *slowStore) Effects(ctx context.Context, id graph.ID, sc graph.Scope) ([]graph.EffectEdge, error) {
	s.calls.Add(1)
	time.Sleep(5 * time.Millisecond)
	return s.Store.Effects(context.WithoutCancel(ctx), id, sc)
}

const slowQuery = `{ drugClass(name: "CNS depressant") { members { name effects { context } } } }`

// TestDeadlineStopsWork checks that a query past its deadline stops: no
// resolver starts once its 504 is sent, its in-flight place is free only
// then, and after a burst of such queries the goroutines are back to what
// they were before it.
func TestDeadlineStopsWork(t *testing.T) {
	store := &slowStore{Store: seeded(t)}
	srv := server.New(server.Options{QueryTimeout: 50 * time.Millisecond, MaxInFlight: 4, QueueWait: 10 * time.Second,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err := srv.Ready(store); err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	defer ts.Close()

	// One query: 400 members at 5 ms each would take 2 s.
	if status, r := post(t, ts, slowQuery); status != http.StatusGatewayTimeout {
		t.Fatalf("the slow query: %d %+v, want 504", status, r.Errors)
	}
	after504 := store.calls.Load()
	time.Sleep(300 * time.Millisecond)
	if later := store.calls.Load(); later != after504 {
		t.Errorf("resolvers went on after the 504: %d calls then, %d 300 ms later", after504, later)
	}
	if after504 > 20 {
		t.Errorf("%d reads for a query with a 50 ms deadline and 5 ms reads", after504)
	}

	ts.CloseClientConnections()
	http.DefaultClient.CloseIdleConnections()
	baseline := goroutines(t, 0)
	var wg sync.WaitGroup
	statuses := make(chan int, 32)
	for range 32 {
		wg.Go(func() {
			status, _ := post(t, ts, slowQuery)
			statuses <- status
		})
	}
	wg.Wait()
	close(statuses)
	for s := range statuses {
		if s != http.StatusGatewayTimeout {
			t.Errorf("a query of the burst: %d, want 504", s)
		}
	}
	calls := store.calls.Load()
	ts.CloseClientConnections()
	http.DefaultClient.CloseIdleConnections()
	if got := goroutines(t, baseline); got > baseline {
		t.Errorf("%d goroutines after a burst of 32 timed-out queries, %d before", got, baseline)
	}
	time.Sleep(100 * time.Millisecond)
	if later := store.calls.Load(); later != calls {
		t.Errorf("resolvers went on after the burst's answers: %d calls then, %d later", calls, later)
	}
}

// goroutines returns the number of goroutines once it has settled at or
// below want (or after a second, if it does not), ignoring the test
// runner's own.
func goroutines(t *testing.T, want int) int {
	t.Helper()
	deadline := time.Now().Add(time.Second)
	for {
		n := runtime.NumGoroutine()
		if want == 0 {
			// Settle: take the lowest count over a few samples.
			ns := []int{n}
			for range 5 {
				time.Sleep(20 * time.Millisecond)
				ns = append(ns, runtime.NumGoroutine())
			}
			return slices.Min(ns)
		}
		if n <= want || time.Now().After(deadline) {
			return n
		}
		time.Sleep(10 * time.Millisecond)
	}
}
