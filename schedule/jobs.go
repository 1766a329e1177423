package schedule

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/riverqueue/river"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// timerArgs fires a service-level timer's warning or breach. A warning
// carries its timer's due time: the breach job is inserted when the warning
// fires with the timer still running, so the many timers stopped in time
// never get one. (A warning without Due was inserted with its breach, by a
// version that inserted both at once.)
type timerArgs struct {
	TimerID int64     `json:"timer_id"`
	Breach  bool      `json:"breach"`
	Due     time.Time `json:"due,omitzero"`
}

// Kind names the job kind in River's table.
func (timerArgs) Kind() string { return "sla_timer" }

// quoteArgs follows up an undecided quote: the reminder, or the alarm.
type quoteArgs struct {
	TicketID   int64 `json:"ticket_id"`
	QuoteEvent int64 `json:"quote_event"`
	Alarm      bool  `json:"alarm"`
}

// Kind names the job kind in River's table.
func (quoteArgs) Kind() string { return "quote_follow_up" }

// callbackArgs asks a callback's first question, in its round (a customer
// who was busy moves the callback to a later round).
type callbackArgs struct {
	CallbackID int64 `json:"callback_id"`
	Round      int   `json:"round"`
}

// Kind names the job kind in River's table.
func (callbackArgs) Kind() string { return "callback" }

// nudgeArgs looks for unfinished reports gone quiet (a periodic job).
type nudgeArgs struct{}

// Kind names the job kind in River's table.
func (nudgeArgs) Kind() string { return "nudge" }

// unique makes a job's insertion idempotent: the relay may insert the same
// job again after a crash, and River keeps one.
func unique(at time.Time) *river.InsertOpts {
	return &river.InsertOpts{ScheduledAt: at, UniqueOpts: river.UniqueOpts{ByArgs: true}, MaxAttempts: 25}
}

// outcome turns an effect into the job's result: a void effect (the
// promise was kept or withdrawn before it fell due) cancels the job, so
// River's table shows it cancelled rather than done; one that must wait
// for the scheduler to take the ticket's latest events runs again shortly.
func outcome(eff storage.Effect, err error, why string) error {
	switch {
	case err != nil:
		return err
	case eff == storage.EffectVoid:
		return river.JobCancel(errors.New(why))
	case eff == storage.EffectWait:
		return river.JobSnooze(time.Second)
	}
	return nil
}

// inHours snoozes a job that speaks to a customer until working hours.
func (s *Scheduler) inHours(now time.Time) error {
	sla := s.cfg.SLA
	if at := now.In(s.cfg.Location); !sla.InHours(at) {
		return river.JobSnooze(sla.NextOpening(at).Sub(at))
	}
	return nil
}

type timerWorker struct {
	river.WorkerDefaults[timerArgs]
	s *Scheduler
}

// Work alarms the ticket's thread: a warning at 80% of the time, a breach
// at the due time, unless the timer has stopped. A warning made (or made
// by an earlier run of this job) schedules the breach; River keeps one
// breach job per timer however often that happens.
func (w *timerWorker) Work(ctx context.Context, job *river.Job[timerArgs]) error {
	s, a := w.s, job.Args
	kind, stage := "sla_warning", "warn"
	if a.Breach {
		kind, stage = "sla_breach", "breach"
	}
	eff, err := s.db.FireTimer(ctx, fmt.Sprintf("timer:%d:%s", a.TimerID, stage), a.TimerID, a.Breach, kind, func(t domain.Timer) string {
		return domain.TimerDetail(t)
	}, s.opts.Now())
	if err == nil && !a.Breach && !a.Due.IsZero() && (eff == storage.EffectMade || eff == storage.EffectRepeated) {
		if _, err := s.jobs.Insert(ctx, timerArgs{TimerID: a.TimerID, Breach: true}, unique(a.Due)); err != nil {
			return fmt.Errorf("schedule: breach of timer %d: %w", a.TimerID, err)
		}
	}
	return outcome(eff, err, "timer stopped")
}

type quoteWorker struct {
	river.WorkerDefaults[quoteArgs]
	s *Scheduler
}

// Work sends the customer one reminder of an undecided quote (noted in the
// thread), or alarms the supervisors; a decided quote cancels both.
func (w *quoteWorker) Work(ctx context.Context, job *river.Job[quoteArgs]) error {
	s, a := w.s, job.Args
	now := s.opts.Now()
	if a.Alarm {
		eff, err := s.db.QuoteFollowUp(ctx, fmt.Sprintf("quote:%d:alarm", a.QuoteEvent), a.TicketID, a.QuoteEvent,
			"quote_overdue", s.cfg.Promises.QuoteAlarm.String(), "", now)
		return outcome(eff, err, "quote decided")
	}
	if err := s.inHours(now); err != nil {
		return err
	}
	eff, err := s.db.QuoteFollowUp(ctx, fmt.Sprintf("quote:%d:remind", a.QuoteEvent), a.TicketID, a.QuoteEvent,
		"quote_reminder", s.cfg.Promises.QuoteRemind.String(), "quote_reminder", now)
	return outcome(eff, err, "quote decided")
}

type callbackWorker struct {
	river.WorkerDefaults[callbackArgs]
	s *Scheduler
}

// Work asks the callback's first question, within working hours; the
// notice carries it to the customer's channel.
func (w *callbackWorker) Work(ctx context.Context, job *river.Job[callbackArgs]) error {
	s, a := w.s, job.Args
	now := s.opts.Now()
	if err := s.inHours(now); err != nil {
		return err
	}
	eff, err := s.db.AskCallback(ctx, fmt.Sprintf("callback:%d:%d", a.CallbackID, a.Round), a.CallbackID, a.Round, now)
	if err == nil && eff == storage.EffectMade {
		s.awaitAnswer(ctx, a.CallbackID)
	}
	return outcome(eff, err, "callback no longer wanted")
}

// awaitAnswer readies the customer's chat for a typed answer to the
// callback just asked. The buttons work without it, so a failure is only
// logged: the question has gone out and is not asked twice.
func (s *Scheduler) awaitAnswer(ctx context.Context, callbackID int64) {
	err := func() error {
		cb, err := s.db.CallbackByID(ctx, callbackID)
		if err != nil {
			return err
		}
		tk, err := s.db.TicketByID(ctx, cb.TicketID)
		if err != nil {
			return err
		}
		return s.desk.AwaitCallback(ctx, tk.Channel, tk.ChatID, tk.Number)
	}()
	if err != nil {
		s.log.Warn("schedule: chat not readied for a typed callback answer", "callback", callbackID, "err", err)
	}
}

type nudgeWorker struct {
	river.WorkerDefaults[nudgeArgs]
	s *Scheduler
}

// Work nudges quiet unfinished reports.
func (w *nudgeWorker) Work(ctx context.Context, _ *river.Job[nudgeArgs]) error {
	n, err := w.s.desk.NudgeQuiet(ctx)
	if n > 0 {
		w.s.log.Info("schedule: nudged unfinished reports", "count", n)
	}
	return err
}
