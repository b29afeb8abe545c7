package server

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"pharmagraph/graph"
)

// Gauger is what /metrics reads of the store beyond the reads: its size
// and how far Cayley lags behind the journal. *graph.Store has it; a store
// without it reports neither.
type Gauger interface {
	Gauges() graph.Gauges
}

// metrics are the figures /metrics serves, in a registry of the Server's
// own so that two Servers in one process (as in tests) do not collide.
type metrics struct {
	reg       *prometheus.Registry
	requests  *prometheus.CounterVec   // by route and status code
	latency   *prometheus.HistogramVec // by route
	refusals  *prometheus.CounterVec   // by the limit that refused
	gqlErrors *prometheus.CounterVec   // by kind
	cost      prometheus.Histogram
	inFlight  prometheus.Gauge
	answerMetrics
}

func newMetrics(gauges func() (graph.Gauges, bool)) *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pharmagraph_http_requests_total",
			Help: "HTTP requests answered, by route and status code.",
		}, []string{"route", "code"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "pharmagraph_http_request_duration_seconds",
			Help:    "Time to answer an HTTP request, by route.",
			Buckets: []float64{0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30},
		}, []string{"route"}),
		refusals: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pharmagraph_refusals_total",
			Help: "Requests refused, by the limit that refused them (its serve flag's name).",
		}, []string{"limit"}),
		gqlErrors: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "pharmagraph_graphql_errors_total",
			Help: "GraphQL responses with errors, by kind: request (not executed: syntax, validation, variables), field (executed, some fields failed), internal (an error the client sees only by its request id).",
		}, []string{"kind"}),
		cost: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "pharmagraph_graphql_query_cost",
			Help:    "The cost of each executed GraphQL query: its field selections with fragments expanded.",
			Buckets: prometheus.ExponentialBuckets(1, 4, 7),
		}),
		inFlight: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "pharmagraph_in_flight",
			Help: "Queries and exports holding one of the places that bound how many run at once.",
		}),
		answerMetrics: newAnswerMetrics(),
	}
	m.reg.MustRegister(m.requests, m.latency, m.refusals, m.gqlErrors, m.cost, m.inFlight,
		m.answerHits, m.answerMisses, m.answerEvictions, m.answerBytes,
		newStoreGauges(gauges), collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// storeGauges reports the gauges of the store the Server has at each
// scrape, and nothing before it has one or when it is no Gauger.
type storeGauges struct {
	get   func() (graph.Gauges, bool)
	descs []*prometheus.Desc
	value []func(graph.Gauges) int
}

func newStoreGauges(get func() (graph.Gauges, bool)) *storeGauges {
	g := &storeGauges{get: get}
	for _, d := range []struct {
		name, help string
		f          func(graph.Gauges) int
	}{
		{"pharmagraph_index_nodes", "Nodes in the in-memory index.", func(g graph.Gauges) int { return g.Nodes }},
		{"pharmagraph_index_edges", "Facts (edges) in the in-memory index.", func(g graph.Gauges) int { return g.Edges }},
		{"pharmagraph_journal_lag_records", "Journal records (writes) Cayley has yet to receive; 0 when it holds them all.",
			func(g graph.Gauges) int { return g.JournalLagRecords }},
		{"pharmagraph_journal_lag_bytes", "Bytes of the journal records Cayley has yet to receive.",
			func(g graph.Gauges) int { return g.JournalLagBytes }},
	} {
		g.descs = append(g.descs, prometheus.NewDesc(d.name, d.help, nil, nil))
		g.value = append(g.value, d.f)
	}
	return g
}

// Describe sends the gauges' descriptions.
func (g *storeGauges) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range g.descs {
		ch <- d
	}
}

// Collect sends the gauges' values, if there is a store to read.
func (g *storeGauges) Collect(ch chan<- prometheus.Metric) {
	v, ok := g.get()
	if !ok {
		return
	}
	for i, d := range g.descs {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, float64(g.value[i](v)))
	}
}

// handler serves the registry in Prometheus' text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

// observe counts one answered request.
func (m *metrics) observe(route string, status int, seconds float64) {
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(seconds)
}

// route names the route of a path for metrics, from a fixed set so that
// the labels stay few whatever paths clients ask for.
func route(path string) string {
	switch {
	case path == "/graphql", path == "/export", path == "/healthz", path == "/readyz", path == "/metrics",
		path == "/", path == "/overlap":
		return path
	case strings.HasPrefix(path, "/node/"):
		return "/node/"
	}
	return "other"
}
