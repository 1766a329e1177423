package metrics

import (
	"database/sql"

	"github.com/prometheus/client_golang/prometheus"
)

// Pool reports the SQL connection pool at each scrape: a pool that makes
// turns wait for a connection shows as waits, before it shows as slow
// replies.
type Pool struct {
	stats                     func() sql.DBStats
	open, inUse, waits, waitS *prometheus.Desc
}

// NewPool returns the collector of the pool whose statistics stats reads
// (storage.DB.PoolStats).
func NewPool(stats func() sql.DBStats) *Pool {
	return &Pool{stats: stats,
		open:  prometheus.NewDesc("frontdesk_sql_connections_max", "The SQL pool's most open connections.", nil, nil),
		inUse: prometheus.NewDesc("frontdesk_sql_connections", "The SQL pool's connections by state (in_use, idle).", []string{"state"}, nil),
		waits: prometheus.NewDesc("frontdesk_sql_pool_waits_total", "Times a query waited for a free SQL connection.", nil, nil),
		waitS: prometheus.NewDesc("frontdesk_sql_pool_wait_seconds_total", "Time queries spent waiting for a free SQL connection.", nil, nil),
	}
}

// Describe sends the descriptions.
func (p *Pool) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{p.open, p.inUse, p.waits, p.waitS} {
		ch <- d
	}
}

// Collect reads the pool's statistics (no query: they are the pool's own).
func (p *Pool) Collect(ch chan<- prometheus.Metric) {
	s := p.stats()
	ch <- prometheus.MustNewConstMetric(p.open, prometheus.GaugeValue, float64(s.MaxOpenConnections))
	ch <- prometheus.MustNewConstMetric(p.inUse, prometheus.GaugeValue, float64(s.InUse), "in_use")
	ch <- prometheus.MustNewConstMetric(p.inUse, prometheus.GaugeValue, float64(s.Idle), "idle")
	ch <- prometheus.MustNewConstMetric(p.waits, prometheus.CounterValue, float64(s.WaitCount))
	ch <- prometheus.MustNewConstMetric(p.waitS, prometheus.CounterValue, s.WaitDuration.Seconds())
}
