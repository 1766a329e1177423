package storage

import (
	"context"
	"fmt"

	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/riverdriver/riversqlite"
	"github.com/riverqueue/river/rivermigrate"
	"github.com/riverqueue/river/rivertype"
)

// Jobs is the durable job engine, River, over the ticket database: jobs
// are rows next to the tickets, so they survive restarts and every replica
// works from the same queue. It is the part of river.Client the desk uses,
// whichever driver (PostgreSQL or SQLite) is under it.
type Jobs interface {
	Start(ctx context.Context) error
	Stop(ctx context.Context) error
	Insert(ctx context.Context, args river.JobArgs, opts *river.InsertOpts) (*rivertype.JobInsertResult, error)
	InsertMany(ctx context.Context, params []river.InsertManyParams) ([]*rivertype.JobInsertResult, error)
	JobList(ctx context.Context, params *river.JobListParams) (*river.JobListResult, error)
	JobDelete(ctx context.Context, id int64) (*rivertype.JobRow, error)
}

// riverLock serialises River's schema migration between replicas that
// start together (PostgreSQL advisory lock key; any constant of our own).
const riverLock = 0x46_44_52_56 // "FDRV"

// OpenJobs migrates River's tables and returns a client configured by cfg,
// and a function that releases what it opened. PostgreSQL gets its own pgx
// pool (River's native driver, with LISTEN/NOTIFY); SQLite shares the
// desk's single connection, which is how River's SQLite driver must be run.
func (db *DB) OpenJobs(ctx context.Context, cfg *river.Config) (Jobs, func(), error) {
	if !db.postgres {
		c, err := newJobs(ctx, riversqlite.New(db.x.DB), cfg)
		return c, func() {}, err
	}
	pool, err := pgxpool.New(ctx, db.url)
	if err != nil {
		return nil, nil, fmt.Errorf("storage: job engine: %w", err)
	}
	conn, err := pool.Acquire(ctx)
	if err != nil {
		pool.Close()
		return nil, nil, fmt.Errorf("storage: job engine: %w", err)
	}
	defer conn.Release()
	if _, err := conn.Exec(ctx, `SELECT pg_advisory_lock($1)`, riverLock); err != nil {
		pool.Close()
		return nil, nil, fmt.Errorf("storage: job engine: %w", err)
	}
	defer conn.Exec(context.WithoutCancel(ctx), `SELECT pg_advisory_unlock($1)`, riverLock)
	c, err := newJobs(ctx, riverpgxv5.New(pool), cfg)
	if err != nil {
		pool.Close()
		return nil, nil, err
	}
	return c, pool.Close, nil
}

func newJobs[TTx any](ctx context.Context, driver riverdriver.Driver[TTx], cfg *river.Config) (Jobs, error) {
	m, err := rivermigrate.New(driver, nil)
	if err != nil {
		return nil, fmt.Errorf("storage: job engine migrations: %w", err)
	}
	if _, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil); err != nil {
		return nil, fmt.Errorf("storage: job engine migrations: %w", err)
	}
	c, err := river.NewClient(driver, cfg)
	if err != nil {
		return nil, fmt.Errorf("storage: job engine: %w", err)
	}
	return c, nil
}
