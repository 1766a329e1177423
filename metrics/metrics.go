// Package metrics is Frontdesk's Prometheus instrumentation: the counters
// and histograms the server's parts update as they work, and the measures
// read from SQL when Prometheus scrapes (tickets, service levels,
// callbacks, the job queue), so every replica reports the same truth about
// the shared database. Names start with frontdesk_ and use base units; no
// label carries a chat, a customer or a ticket.
package metrics

import (
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics holds the collectors on a registry of its own (no global state:
// two servers in one test process do not share counts).
type Metrics struct {
	reg *prometheus.Registry

	turns       *prometheus.CounterVec
	turnSeconds *prometheus.HistogramVec
	requests    *prometheus.CounterVec
	apiCalls    *prometheus.CounterVec
	apiSeconds  *prometheus.HistogramVec
}

// New returns the metrics, with Go's runtime and the process's own CPU and
// memory registered too.
func New() *Metrics {
	m := &Metrics{reg: prometheus.NewRegistry()}
	m.turns = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "frontdesk_turns_total",
		Help: "Customer messages handled, by channel and outcome (ok, duplicate, error)."}, []string{"channel", "outcome"})
	m.turnSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "frontdesk_turn_seconds",
		Help:    "Time to handle one customer message, from arrival to the replies queued, by channel.",
		Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10}}, []string{"channel"})
	m.requests = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "frontdesk_http_requests_total",
		Help: "HTTP requests answered, by route pattern and status code (webhooks, web chat, health)."}, []string{"route", "code"})
	m.apiCalls = prometheus.NewCounterVec(prometheus.CounterOpts{Name: "frontdesk_platform_calls_total",
		Help: "Outbound calls to a platform's API, by platform and outcome (ok, rate_limited, error)."}, []string{"platform", "outcome"})
	m.apiSeconds = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "frontdesk_platform_call_seconds",
		Help:    "Latency of outbound platform API calls, by platform.",
		Buckets: prometheus.DefBuckets}, []string{"platform"})
	m.reg.MustRegister(m.turns, m.turnSeconds, m.requests, m.apiCalls, m.apiSeconds,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Register adds a collector (the SQL measures, the model's counts).
func (m *Metrics) Register(c prometheus.Collector) { m.reg.MustRegister(c) }

// Handler serves the registry in Prometheus's text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}

// Turn records one customer message handled.
func (m *Metrics) Turn(channel, outcome string, took time.Duration) {
	m.turns.WithLabelValues(channel, outcome).Inc()
	m.turnSeconds.WithLabelValues(channel).Observe(took.Seconds())
}

// PlatformCall records one outbound API call to a platform.
func (m *Metrics) PlatformCall(platform, outcome string, took time.Duration) {
	m.apiCalls.WithLabelValues(platform, outcome).Inc()
	m.apiSeconds.WithLabelValues(platform).Observe(took.Seconds())
}

// Requests wraps h, counting each request by its route pattern (the mux's
// pattern, never the raw path, so no id ends up in a label) and status.
func (m *Metrics) Requests(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		sw := &statusWriter{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		m.requests.WithLabelValues(route, itoa(sw.code)).Inc()
	})
}
