package metrics

import (
	"github.com/frontdesk/frontdesk/llm"
	"github.com/prometheus/client_golang/prometheus"
)

// Model registers the language model's counts, read from its own counters
// at each scrape.
func (m *Metrics) Model(stats func() llm.Stats) {
	counter := func(name, help string, v func(llm.Stats) float64) prometheus.Collector {
		return prometheus.NewCounterFunc(prometheus.CounterOpts{Name: name, Help: help}, func() float64 { return v(stats()) })
	}
	m.reg.MustRegister(
		counter("frontdesk_model_calls_total", "Calls sent to the language model (retries included).",
			func(s llm.Stats) float64 { return float64(s.Calls) }),
		counter("frontdesk_model_failures_total", "Model calls that failed (error, status, timeout).",
			func(s llm.Stats) float64 { return float64(s.Failures) }),
		counter("frontdesk_model_understood_total", "Unsure messages whose commands the model supplied.",
			func(s llm.Stats) float64 { return float64(s.Understood) }),
		counter("frontdesk_model_fallbacks_total", "Unsure messages left to the rules' reading (model failed, unreadable, refused).",
			func(s llm.Stats) float64 { return float64(s.Fallbacks) }),
		counter("frontdesk_model_refused_total", "Calls not made: a budget spent or the breaker open.",
			func(s llm.Stats) float64 { return float64(s.BudgetRefusals + s.BreakerRefused) }),
		counter("frontdesk_model_tokens_total", "Tokens the model server reported.",
			func(s llm.Stats) float64 { return float64(s.Tokens) }),
		counter("frontdesk_model_call_seconds_total", "Time spent in model calls.",
			func(s llm.Stats) float64 { return s.Latency.Seconds() }),
	)
}
