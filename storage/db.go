// Package storage keeps Frontdesk's records: tickets, customers, the ticket
// event log and the notice outbox in SQL (PostgreSQL or SQLite, one set of
// queries through sqlx), and conversation state in Redis.
package storage

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
	"github.com/jmoiron/sqlx"
	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"
	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver (no cgo)
)

//go:embed migrations
var migrations embed.FS

// DB is the SQL store. Queries are written once with '?' placeholders and
// rebound for the dialect in use.
type DB struct {
	x        *sqlx.DB
	postgres bool
	url      string // for the job engine's own PostgreSQL pool

	written bell // rung after every commit (Wait)

	jobStates prepared[*sqlx.Stmt]      // JobStates' query
	create    prepared[*sqlx.NamedStmt] // qCreateTicketPG, its names compiled once
}

// Open connects to url and runs the embedded migrations. A url starting with
// postgres:// or postgresql:// selects PostgreSQL; "sqlite:PATH", a bare path
// or "" (meaning frontdesk.db in the working directory) selects SQLite.
func Open(ctx context.Context, url string) (*DB, error) {
	db := &DB{url: url}
	var err error
	switch {
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		db.postgres = true
		db.x, err = sqlx.Open("pgx", url)
		if err == nil {
			// database/sql keeps 2 idle connections unless told: under load
			// every other statement would open a connection, and PostgreSQL
			// starts a process for each (a fork, authentication, a cold
			// catalog cache): measured, that cost more CPU than the queries.
			db.x.SetMaxOpenConns(20)
			db.x.SetMaxIdleConns(20)
			db.x.SetConnMaxIdleTime(5 * time.Minute)
		}
	default:
		path := strings.TrimPrefix(url, "sqlite:")
		if path == "" {
			path = "frontdesk.db"
		}
		// SQLite has one writer. One connection serialises every statement in
		// process, so writers never meet SQLITE_BUSY; busy_timeout covers a
		// second process (the staff CLI) writing to the same file.
		dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=foreign_keys(1)&_txlock=immediate"
		db.x, err = sqlx.Open("sqlite", dsn)
		if err == nil {
			db.x.SetMaxOpenConns(1)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("storage: open: %w", err)
	}
	if err := db.x.PingContext(ctx); err != nil {
		db.x.Close()
		return nil, fmt.Errorf("storage: connect: %w", err)
	}
	if err := db.migrate(ctx); err != nil {
		db.x.Close()
		return nil, err
	}
	return db, nil
}

func (db *DB) migrate(ctx context.Context) error {
	dialect, dir := goose.DialectSQLite3, "migrations/sqlite"
	if db.postgres {
		dialect, dir = goose.DialectPostgres, "migrations/postgres"
	}
	sub, err := fs.Sub(migrations, dir)
	if err != nil {
		return fmt.Errorf("storage: migrations: %w", err)
	}
	var opts []goose.ProviderOption
	if db.postgres {
		// Replicas starting together against a fresh database: one migrates,
		// the others wait on an advisory lock (goose's session locker).
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return fmt.Errorf("storage: migrations: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, db.x.DB, sub, opts...)
	if err != nil {
		return fmt.Errorf("storage: migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("storage: migrate: %w", err)
	}
	return nil
}

// Close closes the connection pool.
func (db *DB) Close() error {
	db.jobStates.close()
	db.create.close()
	return db.x.Close()
}

// PoolStats are the connection pool's statistics (for metrics).
func (db *DB) PoolStats() sql.DBStats { return db.x.Stats() }

// Ping reports whether the database answers.
func (db *DB) Ping(ctx context.Context) error { return db.x.PingContext(ctx) }

// Postgres reports whether the store runs on PostgreSQL.
func (db *DB) Postgres() bool { return db.postgres }

func (db *DB) q(query string) string { return db.x.Rebind(query) }

// forUpdate locks the selected row in PostgreSQL; SQLite's single writer
// (an immediate transaction) already excludes other writers.
func (db *DB) forUpdate() string {
	if db.postgres {
		return " FOR UPDATE"
	}
	return ""
}

// inTx runs fn in one transaction: committed when fn returns nil, rolled
// back otherwise.
func (db *DB) inTx(ctx context.Context, fn func(tx *sqlx.Tx) error) error {
	tx, err := db.x.BeginTxx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback()
	if err := fn(tx); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return err
	}
	db.written.ring()
	return nil
}

// notFound turns sql.ErrNoRows into ErrNotFound.
func notFound(err error) error {
	if errors.Is(err, sql.ErrNoRows) {
		return ErrNotFound
	}
	return err
}
