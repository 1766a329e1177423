package schedule

import (
	"context"
	"time"

	"github.com/riverqueue/river"
)

// weeklyArgs posts last week's report (a periodic job, Mondays at opening).
type weeklyArgs struct{}

// Kind names the job kind in River's table.
func (weeklyArgs) Kind() string { return "weekly_report" }

// mondayOpening is River's schedule for the weekly report: every Monday at
// the desk's opening time, in its time zone.
type mondayOpening struct {
	loc  *time.Location
	open time.Duration
}

// Next is the first Monday opening after t.
func (m mondayOpening) Next(t time.Time) time.Time {
	t = t.In(m.loc)
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, m.loc)
	for {
		at := day.Add(m.open)
		if day.Weekday() == time.Monday && at.After(t) {
			return at
		}
		day = day.AddDate(0, 0, 1)
	}
}

type weeklyWorker struct {
	river.WorkerDefaults[weeklyArgs]
	s *Scheduler
}

// Work posts the report of the week before the job's own time, once per
// week however often the job runs.
func (w *weeklyWorker) Work(ctx context.Context, j *river.Job[weeklyArgs]) error {
	return w.s.PostWeekly(ctx, j.ScheduledAt)
}

// PostWeekly posts the report of the week before at (Monday to Monday), once:
// the post is keyed by the week, so a job run again, or the same week asked
// for again, does not post twice.
func (s *Scheduler) PostWeekly(ctx context.Context, at time.Time) error {
	if s.opts.Weekly == nil {
		return nil
	}
	loc := s.cfg.Location
	at = at.In(loc)
	days := (int(at.Weekday()) + 6) % 7
	to := time.Date(at.Year(), at.Month(), at.Day()-days, 0, 0, 0, 0, loc)
	from := to.AddDate(0, 0, -7)
	// Prepared first: the key's transaction holds SQLite's one writer, so
	// nothing in it may need another connection.
	post, err := s.opts.Weekly(ctx, from, to)
	if err != nil {
		return err
	}
	_, err = s.db.OutsideEffect(ctx, "weekly_report:"+from.Format("2006-01-02"), s.opts.Now(), post)
	return err
}
