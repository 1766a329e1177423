package storage

import (
	"context"
	"fmt"
)

// Measures are the desk's running totals, read at a metrics scrape: every
// replica reads the same database, so each reports the same numbers.
type Measures struct {
	Tickets   []Tally // kind "state": tickets by current state
	Timers    []Tally // service-level timers by kind and outcome ("" while running)
	Callbacks []Tally // callbacks by state (sent, answered, …)
	Jobs      []Tally // the job queue's jobs by state (River's table)
	Notices   int     // customer notices not yet delivered (the outbox)
	Unrelayed int     // ticket events the scheduler has not taken yet (its backlog)
}

// Measures reads the totals in a handful of grouped counts over indexed
// columns.
func (db *DB) Measures(ctx context.Context) (Measures, error) {
	var m Measures
	for _, q := range []struct {
		dst *[]Tally
		sql string
	}{
		{&m.Tickets, `SELECT 'state' AS kind, state AS value, COUNT(*) AS n FROM tickets GROUP BY state`},
		{&m.Timers, `SELECT kind, outcome AS value, COUNT(*) AS n FROM sla_timers GROUP BY kind, outcome`},
		{&m.Callbacks, `SELECT 'state' AS kind, state AS value, COUNT(*) AS n FROM callbacks GROUP BY state`},
		{&m.Jobs, `SELECT kind, CAST(state AS TEXT) AS value, COUNT(*) AS n FROM river_job GROUP BY kind, state`},
	} {
		if err := db.x.SelectContext(ctx, q.dst, db.q(q.sql)); err != nil {
			return m, fmt.Errorf("storage: measures: %w", err)
		}
	}
	if err := db.x.GetContext(ctx, &m.Notices, db.q(`SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL`)); err != nil {
		return m, fmt.Errorf("storage: measures: %w", err)
	}
	// by the partial index of unrelayed events
	if err := db.x.GetContext(ctx, &m.Unrelayed, db.q(`SELECT COUNT(*) FROM ticket_events WHERE relayed_at IS NULL`)); err != nil {
		return m, fmt.Errorf("storage: measures: %w", err)
	}
	return m, nil
}
