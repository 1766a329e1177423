package metrics

import (
	"context"
	"log/slog"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/prometheus/client_golang/prometheus"
)

// Desk reads the desk's totals from SQL at each scrape.
type Desk struct {
	db  *storage.DB
	log *slog.Logger

	tickets, timers, callbacks, jobs, notices, unrelayed, up *prometheus.Desc
}

// NewDesk returns the collector of the desk's totals in db.
func NewDesk(db *storage.DB, log *slog.Logger) *Desk {
	return &Desk{db: db, log: log,
		tickets: prometheus.NewDesc("frontdesk_tickets", "Tickets by current state.", []string{"state"}, nil),
		timers: prometheus.NewDesc("frontdesk_service_levels", "Service-level timers by kind and outcome (met, breached, running, …).",
			[]string{"kind", "outcome"}, nil),
		callbacks: prometheus.NewDesc("frontdesk_callbacks", "Callbacks by state (sent, answered, …).", []string{"state"}, nil),
		jobs:      prometheus.NewDesc("frontdesk_jobs", "The job queue's jobs by kind and state.", []string{"kind", "state"}, nil),
		notices:   prometheus.NewDesc("frontdesk_notices_pending", "Customer notices waiting in the outbox.", nil, nil),
		unrelayed: prometheus.NewDesc("frontdesk_events_unrelayed", "Ticket events the scheduler has not yet turned into timers and jobs (its backlog).", nil, nil),
		up:        prometheus.NewDesc("frontdesk_sql_measures_up", "1 when the totals could be read from SQL at this scrape.", nil, nil),
	}
}

// Describe sends the descriptions.
func (d *Desk) Describe(ch chan<- *prometheus.Desc) {
	for _, desc := range []*prometheus.Desc{d.tickets, d.timers, d.callbacks, d.jobs, d.notices, d.unrelayed, d.up} {
		ch <- desc
	}
}

// Collect reads the totals, within two seconds; when SQL does not answer
// only frontdesk_sql_measures_up (0) is reported.
func (d *Desk) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	m, err := d.db.Measures(ctx)
	if err != nil {
		d.log.Warn("metrics: read the desk's totals", "err", err)
		ch <- prometheus.MustNewConstMetric(d.up, prometheus.GaugeValue, 0)
		return
	}
	ch <- prometheus.MustNewConstMetric(d.up, prometheus.GaugeValue, 1)
	// Every known state is reported, at zero too, so that a dashboard shows
	// "0 breached" rather than no data.
	tickets := zeros(domain.States, nil)
	for _, t := range m.Tickets {
		tickets[[2]string{t.Value}] += t.N
	}
	timers := zeros(domain.TimerKinds(), []string{"running", domain.OutcomeMet, domain.OutcomeBreached, domain.OutcomeNotKept, domain.OutcomeVoid})
	for _, t := range m.Timers {
		outcome := t.Value
		if outcome == "" {
			outcome = "running"
		}
		timers[[2]string{t.Kind, outcome}] += t.N
	}
	callbacks := zeros(domain.CallbackStates, nil)
	for _, t := range m.Callbacks {
		callbacks[[2]string{t.Value}] += t.N
	}
	for k, n := range tickets {
		ch <- prometheus.MustNewConstMetric(d.tickets, prometheus.GaugeValue, float64(n), k[0])
	}
	for k, n := range timers {
		ch <- prometheus.MustNewConstMetric(d.timers, prometheus.GaugeValue, float64(n), k[0], k[1])
	}
	for k, n := range callbacks {
		ch <- prometheus.MustNewConstMetric(d.callbacks, prometheus.GaugeValue, float64(n), k[0])
	}
	for _, t := range m.Jobs {
		ch <- prometheus.MustNewConstMetric(d.jobs, prometheus.GaugeValue, float64(t.N), t.Kind, t.Value)
	}
	ch <- prometheus.MustNewConstMetric(d.notices, prometheus.GaugeValue, float64(m.Notices))
	ch <- prometheus.MustNewConstMetric(d.unrelayed, prometheus.GaugeValue, float64(m.Unrelayed))
}

// zeros is a count of zero for each value of the first label, or, with
// seconds, for each pair of a first and a second label value.
func zeros(firsts, seconds []string) map[[2]string]int {
	out := map[[2]string]int{}
	for _, a := range firsts {
		if len(seconds) == 0 {
			out[[2]string{a}] = 0
		}
		for _, b := range seconds {
			out[[2]string{a, b}] = 0
		}
	}
	return out
}
