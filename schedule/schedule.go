// Package schedule keeps the desk's promises on time: service-level timers,
// quote follow-ups, after-visit callbacks and nudges of unfinished reports.
// They run as jobs of River, a durable job engine whose jobs are rows in
// the ticket database, so they survive restarts and replicas share them.
//
// Jobs are not inserted by the code that changes a ticket. Every ticket
// change already commits an event in its own transaction; the relay takes
// the events not yet marked relayed and turns each into its timers and jobs. A crash between a
// change and its follow-up therefore loses nothing: the event is there, and
// the relay picks it up on restart. Every job's effect is written in one
// transaction with its effect key (storage.Effect), so a job that runs
// twice (a retry, a rescue after a crash) makes its effect once.
package schedule

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/riverqueue/river"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
)

// Options tunes the engine; zero values take the defaults.
type Options struct {
	Relay      time.Duration // how often the relay reads new events: 500ms
	NudgeEvery time.Duration // how often quiet reports are looked for: 30s
	Workers    int           // jobs run at once per process: 100
	Poll       time.Duration // how often River looks for due jobs without a notification: 1s
	Now        func() time.Time
	// Weekly prepares the report of [from, to) for staff (the Slack
	// channel) and returns the post of it; nil for none. It runs Mondays at
	// opening, posting once per week.
	Weekly func(ctx context.Context, from, to time.Time) (post func() error, err error)
}

func (o Options) withDefaults() Options {
	if o.Relay <= 0 {
		o.Relay = 500 * time.Millisecond
	}
	if o.NudgeEvery <= 0 {
		o.NudgeEvery = 30 * time.Second
	}
	if o.Workers <= 0 {
		o.Workers = 100
	}
	if o.Poll <= 0 {
		o.Poll = time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Scheduler runs the relay and River's workers.
type Scheduler struct {
	db    *storage.DB
	desk  *dialog.Manager
	cfg   dialog.Config
	opts  Options
	log   *slog.Logger
	jobs  storage.Jobs
	close func()

	stopOnce sync.Once
}

// New opens River on db (migrating its tables) with the desk's workers.
func New(ctx context.Context, db *storage.DB, desk *dialog.Manager, log *slog.Logger, opts Options) (*Scheduler, error) {
	s := &Scheduler{db: db, desk: desk, cfg: desk.Config(), opts: opts.withDefaults(), log: log}
	workers := river.NewWorkers()
	river.AddWorker(workers, &timerWorker{s: s})
	river.AddWorker(workers, &quoteWorker{s: s})
	river.AddWorker(workers, &callbackWorker{s: s})
	river.AddWorker(workers, &nudgeWorker{s: s})
	river.AddWorker(workers, &weeklyWorker{s: s})
	rc := &river.Config{
		Queues:            map[string]river.QueueConfig{river.QueueDefault: {MaxWorkers: s.opts.Workers}},
		Workers:           workers,
		FetchPollInterval: s.opts.Poll,
		FetchCooldown:     10 * time.Millisecond,
		// A job that ran when its process died stays "running" until
		// rescued; effects are keyed, so running it again is safe.
		JobTimeout:           30 * time.Second,
		RescueStuckJobsAfter: time.Minute,
		Logger:               log.With("component", "river"),
		PeriodicJobs: []*river.PeriodicJob{river.NewPeriodicJob(river.PeriodicInterval(s.opts.NudgeEvery),
			func() (river.JobArgs, *river.InsertOpts) { return nudgeArgs{}, nil }, &river.PeriodicJobOpts{ID: "nudge"})},
	}
	if s.opts.Weekly != nil {
		rc.PeriodicJobs = append(rc.PeriodicJobs, river.NewPeriodicJob(mondayOpening{loc: s.cfg.Location, open: s.cfg.SLA.WorkStart},
			func() (river.JobArgs, *river.InsertOpts) { return weeklyArgs{}, nil }, &river.PeriodicJobOpts{ID: "weekly_report"}))
	}
	jobs, closeFn, err := db.OpenJobs(ctx, rc)
	if err != nil {
		return nil, err
	}
	s.jobs, s.close = jobs, closeFn
	return s, nil
}

// Jobs returns the engine, for tests and tools that list jobs.
func (s *Scheduler) Jobs() storage.Jobs { return s.jobs }

// Start starts River's workers (and, on the elected leader, its
// scheduler and periodic jobs). It is separate from Run so that a process
// that cannot start its job engine fails at start, not in the background.
func (s *Scheduler) Start(ctx context.Context) error {
	// River stops hard when its start context ends; Stop stops it softly
	// instead, so running jobs finish.
	if err := s.jobs.Start(context.WithoutCancel(ctx)); err != nil {
		return fmt.Errorf("schedule: start: %w", err)
	}
	return nil
}

// Run relays events until ctx ends, then stops River.
func (s *Scheduler) Run(ctx context.Context) error {
	for ctx.Err() == nil {
		commit := s.db.NextCommit() // an event this process writes wakes it at once
		if _, err := s.RelayOnce(ctx); err != nil && ctx.Err() == nil {
			s.log.Error("schedule: relay", "err", err)
		}
		s.db.WaitFor(ctx, commit, s.opts.Relay)
	}
	return s.Stop(context.WithoutCancel(ctx))
}

// Stop stops River, letting running jobs finish for up to ten seconds, and
// releases its pool. Calls after the first do nothing.
func (s *Scheduler) Stop(ctx context.Context) error {
	var err error
	s.stopOnce.Do(func() {
		stop, cancel := context.WithTimeout(ctx, 10*time.Second)
		defer cancel()
		err = s.jobs.Stop(stop)
		s.close()
	})
	return err
}
