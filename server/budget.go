package server

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Budget is the cost each client may spend: a bucket of points per client
// that each query's cost (its field selections, fragments expanded) is
// taken from before it runs, refilled at a steady rate. A query that finds
// too few points is refused with 429 and a Retry-After of the seconds until
// it would fit. Shopify's and GitHub's GraphQL APIs bound their clients the
// same way; each response's extensions show the bucket.
type Budget struct {
	// Capacity is the most points a client holds, and what a new client
	// starts with. Zero means 20000, ten queries of the largest size
	// MaxFields allows; below zero turns budgets off.
	Capacity int

	// Rate is the points a client gets back each second. Zero means a
	// tenth of Capacity.
	Rate float64

	// Tokens are the bearer tokens that have budgets of their own: a
	// request with "Authorization: Bearer T", T among them, is charged to
	// T, so that clients sharing an address (behind one proxy) are told
	// apart. Every other request is charged to its address: an unknown
	// token would otherwise give anyone a fresh budget for the asking.
	Tokens []string
}

// Defaults for the zero fields of Budget.
const defaultBudget = 20000

func (b Budget) withDefaults() Budget {
	if b.Capacity == 0 {
		b.Capacity = defaultBudget
	}
	if b.Rate <= 0 {
		b.Rate = float64(b.Capacity) / 10
	}
	return b
}

// maxClients bounds the buckets kept; past it, those full again are
// dropped, since a full bucket is what a new client gets anyway.
const maxClients = 100_000

// budgets holds the bucket of every client seen lately.
type budgets struct {
	b      Budget
	tokens map[string]bool // sha256 of each of b.Tokens, hex

	mu      sync.Mutex
	buckets map[string]*bucket
	now     func() time.Time
}

// bucket is one client's points at a moment.
type bucket struct {
	points float64
	at     time.Time
}

func newBudgets(b Budget) *budgets {
	bs := &budgets{b: b.withDefaults(), tokens: map[string]bool{}, buckets: map[string]*bucket{}, now: time.Now}
	for _, t := range b.Tokens {
		bs.tokens[digest(t)] = true
	}
	return bs
}

// on reports whether budgets are kept at all.
func (bs *budgets) on() bool { return bs.b.Capacity > 0 }

// digest returns the hex sha256 of a token, so that tokens are neither
// kept nor logged as they were sent.
func digest(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

// client names whom r is charged to: "token:" and the first bytes of a
// known bearer token's digest, or "addr:" and r's remote address.
func (bs *budgets) client(r *http.Request) string {
	if auth := r.Header.Get("Authorization"); len(auth) > 7 && strings.EqualFold(auth[:7], "bearer ") {
		if d := digest(strings.TrimSpace(auth[7:])); bs.tokens[d] {
			return "token:" + d[:16]
		}
	}
	return "addr:" + clientAddr(r)
}

// throttle is a client's bucket as a response reports it, in the terms
// Shopify's API uses.
type throttle struct {
	MaximumAvailable   int     `json:"maximumAvailable"`
	CurrentlyAvailable int     `json:"currentlyAvailable"`
	RestoreRate        float64 `json:"restoreRate"`
}

// spend takes cost points from client's bucket. When the bucket holds too
// few it takes nothing and returns how long until it would hold enough.
// A cost over the capacity is charged as the capacity, so every query can
// run once its client's bucket is full.
func (bs *budgets) spend(client string, cost int) (throttle, time.Duration, bool) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	now := bs.now()
	capacity := float64(bs.b.Capacity)
	bk := bs.buckets[client]
	if bk == nil {
		if len(bs.buckets) >= maxClients {
			bs.sweep(now)
		}
		bk = &bucket{points: capacity, at: now}
		bs.buckets[client] = bk
	}
	bk.points = min(capacity, bk.points+now.Sub(bk.at).Seconds()*bs.b.Rate)
	bk.at = now
	need := min(float64(cost), capacity)
	ok := bk.points >= need
	var wait time.Duration
	if ok {
		bk.points -= need
	} else {
		wait = time.Duration(math.Ceil((need - bk.points) / bs.b.Rate * float64(time.Second)))
	}
	return throttle{MaximumAvailable: bs.b.Capacity, CurrentlyAvailable: int(bk.points), RestoreRate: bs.b.Rate}, wait, ok
}

// sweep drops the buckets that have refilled by now, and if that leaves
// too many, any others (map order is random) until a quarter is free: a
// client whose bucket goes starts again full, which errs toward serving.
func (bs *budgets) sweep(now time.Time) {
	capacity := float64(bs.b.Capacity)
	for k, bk := range bs.buckets {
		if bk.points+now.Sub(bk.at).Seconds()*bs.b.Rate >= capacity {
			delete(bs.buckets, k)
		}
	}
	for k := range bs.buckets {
		if len(bs.buckets) < maxClients*3/4 {
			break
		}
		delete(bs.buckets, k)
	}
}
