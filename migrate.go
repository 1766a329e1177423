package main

import (
	"context"
	"fmt"
	"io"

	"github.com/riverqueue/river"

	"github.com/frontdesk/frontdesk/storage"
)

// migrate brings the database's schema (Frontdesk's tables and the job
// engine's) up to date and exits: a deployment runs it once before the
// replicas start (the Helm chart's migration Job). Replicas starting at once
// also migrate safely, under a database lock.
func migrate(ctx context.Context, cfg Config, out io.Writer) error {
	db, err := storage.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return fmt.Errorf("DATABASE_URL: %w", err)
	}
	defer db.Close()
	_, closeJobs, err := db.OpenJobs(ctx, &river.Config{}) // insert-only: migrates, runs nothing
	if err != nil {
		return err
	}
	closeJobs()
	fmt.Fprintln(out, "schema up to date:", redact(cfg.DatabaseURL))
	return nil
}
