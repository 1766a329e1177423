package storage

import (
	"context"
	"fmt"
	"time"
)

// Tally is a count of rows sharing a kind and a value, for reports.
type Tally struct {
	Kind  string `db:"kind"`
	Value string `db:"value"`
	N     int    `db:"n"`
}

// TimerTallies counts the timers started since since by kind and outcome
// ("" while running): how often each service level was met.
func (db *DB) TimerTallies(ctx context.Context, since time.Time) ([]Tally, error) {
	var ts []Tally
	err := db.x.SelectContext(ctx, &ts, db.q(`SELECT kind, outcome AS value, COUNT(*) AS n FROM sla_timers
		WHERE started_at >= ? GROUP BY kind, outcome ORDER BY kind, outcome`), since.UTC())
	if err != nil {
		return nil, fmt.Errorf("storage: timer tallies: %w", err)
	}
	return ts, nil
}

// CallbackTallies counts the callbacks made since since: by state, and the
// answers given (working, attitude, quality).
func (db *DB) CallbackTallies(ctx context.Context, since time.Time) ([]Tally, error) {
	var ts []Tally
	err := db.x.SelectContext(ctx, &ts, db.q(`SELECT 'state' AS kind, state AS value, COUNT(*) AS n FROM callbacks WHERE created_at >= ? GROUP BY state
		UNION ALL SELECT 'working', working, COUNT(*) FROM callbacks WHERE created_at >= ? AND working <> '' GROUP BY working
		UNION ALL SELECT 'attitude', attitude, COUNT(*) FROM callbacks WHERE created_at >= ? AND attitude <> '' GROUP BY attitude
		UNION ALL SELECT 'quality', quality, COUNT(*) FROM callbacks WHERE created_at >= ? AND quality <> '' GROUP BY quality
		ORDER BY 1, 2`), since.UTC(), since.UTC(), since.UTC(), since.UTC())
	if err != nil {
		return nil, fmt.Errorf("storage: callback tallies: %w", err)
	}
	return ts, nil
}
