package server

import (
	"container/list"
	"context"
	"encoding/json"
	"strings"
	"sync"

	"github.com/prometheus/client_golang/prometheus"
)

// The answer cache keeps the data of recent answers, encoded, so that a
// query asked again (a hub drug's page, which takes milliseconds of CPU to
// resolve and encode) costs a map lookup and a write. It keeps only the
// data of answers without errors; the response around it (its headers,
// and its extensions with the cost report and the client's budget) is made
// for each request as for an uncached answer, so a cached answer's bytes
// are those the query would get without the cache, and its cost is
// charged to the client's budget before the cache is asked.
//
// An answer depends on the request and the data alone, never on who asks:
// entries are keyed by the request (query text, operation name, variables,
// the media type answered) and the store's generation, which every write,
// admin load and followed load moves on. A request reads the generation
// before it asks the cache, so it is never given data older than what the
// store held when it arrived; entries of older generations are dropped as
// soon as a request sees a newer one.

// Generationer is the store's generation, which the answer cache needs; a
// store without it is not cached. *graph.Store has it.
type Generationer interface {
	Generation() uint64
}

// answerCache holds encoded answers up to a number of bytes, dropping the
// least recently used past it, and runs each missing answer once for all
// the requests that ask for it at the same time. It is safe for
// concurrent use.
type answerCache struct {
	max     int64
	metrics *metrics

	mu      sync.Mutex
	gen     uint64                   // the generation of the entries held
	entries map[string]*list.Element // of *answerEntry, by key
	lru     list.List                // most recently used first
	bytes   int64                    // what the held entries take
	flights map[string]*flight       // answers being made, by key
}

// answerEntry is one cached answer: the JSON of its data.
type answerEntry struct {
	key  string
	data []byte
}

// flight is an answer being made; done closes once data is set, nil when
// the answer had errors and was not kept.
type flight struct {
	done chan struct{}
	data []byte
}

// entryOverhead is about what an entry takes beyond its key and data: the
// map's slot, the list's element, the entry itself.
const entryOverhead = 160

func newAnswerCache(max int64, m *metrics) *answerCache {
	return &answerCache{max: max, metrics: m, entries: map[string]*list.Element{}, flights: map[string]*flight{}}
}

// answerKey is the key of a request's answer: its media type, operation
// name, variables (as JSON, whose objects' keys are sorted) and query text.
// It reports false for variables that do not encode, which are not cached.
func answerKey(media string, p params) (string, bool) {
	vars, err := json.Marshal(p.Variables)
	if err != nil {
		return "", false
	}
	var b strings.Builder
	b.Grow(len(media) + len(p.OperationName) + len(vars) + len(p.Query) + 3)
	for _, s := range []string{media, p.OperationName, string(vars)} {
		b.WriteString(s)
		b.WriteByte(0)
	}
	b.WriteString(p.Query)
	return b.String(), true
}

// get returns the data of key's answer at generation gen, made by run
// when it is not held: run returns the data and true, or false for an
// answer with errors, which get then returns as nil.
// A request that finds the answer being made waits for it, until ctx is
// done; if that answer fails, or ctx ends first, get returns nil and
// the caller makes its own.
func (c *answerCache) get(ctx context.Context, key string, gen uint64, run func() ([]byte, bool)) []byte {
	c.mu.Lock()
	c.advance(gen)
	if e, ok := c.entries[key]; ok && c.gen == gen {
		c.lru.MoveToFront(e)
		c.mu.Unlock()
		c.metrics.answerHits.Inc()
		return e.Value.(*answerEntry).data
	}
	c.metrics.answerMisses.Inc()
	if f, ok := c.flights[key]; ok && c.gen == gen {
		c.mu.Unlock()
		select {
		case <-f.done:
			return f.data
		case <-ctx.Done():
			return nil
		}
	}
	f := &flight{done: make(chan struct{})}
	lead := c.gen == gen
	if lead {
		c.flights[key] = f
	}
	c.mu.Unlock()
	data, ok := run()
	if !lead {
		if ok {
			return data
		}
		return nil
	}
	if ok {
		f.data = data
	}
	c.mu.Lock()
	if c.flights[key] == f {
		delete(c.flights, key)
	}
	if ok && c.gen == gen {
		c.put(key, data)
	}
	c.mu.Unlock()
	close(f.done)
	return f.data
}

// advance drops every entry when gen is newer than theirs. The caller
// holds mu.
func (c *answerCache) advance(gen uint64) {
	if gen <= c.gen {
		return
	}
	c.metrics.answerEvictions.WithLabelValues("stale").Add(float64(len(c.entries)))
	clear(c.entries)
	clear(c.flights) // their answers are older than gen; their leaders will not keep them
	c.lru.Init()
	c.bytes = 0
	c.gen = gen
	c.metrics.answerBytes.Set(0)
}

// put keeps data as key's answer, dropping the least recently used answers
// to make room; an answer bigger than a quarter of the cache is not kept.
// The caller holds mu.
func (c *answerCache) put(key string, data []byte) {
	size := int64(len(key) + len(data) + entryOverhead)
	if size > c.max/4 {
		return
	}
	if _, ok := c.entries[key]; ok {
		return
	}
	for c.bytes+size > c.max {
		e := c.lru.Back()
		old := c.lru.Remove(e).(*answerEntry)
		delete(c.entries, old.key)
		c.bytes -= int64(len(old.key) + len(old.data) + entryOverhead)
		c.metrics.answerEvictions.WithLabelValues("space").Inc()
	}
	c.entries[key] = c.lru.PushFront(&answerEntry{key: key, data: data})
	c.bytes += size
	c.metrics.answerBytes.Set(float64(c.bytes))
}

// answerMetrics are the answer cache's figures on /metrics.
type answerMetrics struct {
	answerHits, answerMisses prometheus.Counter
	answerEvictions          *prometheus.CounterVec // by reason: space, stale
	answerBytes              prometheus.Gauge
}

func newAnswerMetrics() answerMetrics {
	return answerMetrics{
		answerHits: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pharmagraph_answer_cache_hits_total",
			Help: "GraphQL answers served from the answer cache.",
		}),
		answerMisses: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "pharmagraph_answer_cache_misses_total",
			Help: "GraphQL queries the answer cache did not hold, including those that waited for the same answer being made.",
		}),
		answerEvictions: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pharmagraph_answer_cache_evictions_total",
			Help: "Answers dropped from the answer cache, by reason: space (the least recently used, to make room) or stale (the store moved to a new generation).",
		}, []string{"reason"}),
		answerBytes: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "pharmagraph_answer_cache_bytes",
			Help: "Bytes the answers in the answer cache take, keys included.",
		}),
	}
}
