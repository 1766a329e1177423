package schedule

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// relayBatch is how many events one read takes.
const relayBatch = 200

// RelayOnce turns the ticket events committed and not yet taken into
// timers and jobs, and returns how many it took. Each read of events is
// applied as one batch (their tickets in one read, their timers in one
// transaction, their jobs in one insert), then marked taken. Applying is
// idempotent (timers and callbacks are keyed by their event, River inserts
// are unique by their arguments, a stop only stops timers started before
// it), so a crash between the two, or two replicas taking the same event,
// schedules nothing twice. Events are taken by their mark (storage.Tail,
// as the staff desk takes them), so one whose transaction commits after a
// later id's is not passed over; a ticket's own changes commit in order,
// under its row lock.
func (s *Scheduler) RelayOnce(ctx context.Context) (int, error) {
	n := 0
	for {
		es, err := s.db.UnreadEvents(ctx, storage.ScheduleTail, relayBatch)
		if err != nil {
			return n, err
		}
		if len(es) == 0 {
			return n, nil
		}
		if err := s.applyAll(ctx, es); err != nil {
			return n, fmt.Errorf("events %d to %d: %w", es[0].ID, es[len(es)-1].ID, err)
		}
		ids := make([]int64, len(es))
		for i, e := range es {
			ids[i] = e.ID
		}
		if err := s.db.Taken(ctx, storage.ScheduleTail, s.opts.Now(), ids...); err != nil {
			return n, err
		}
		n += len(es)
		if len(es) < relayBatch {
			return n, nil
		}
	}
}

// applyAll schedules what the events promise, in their order.
func (s *Scheduler) applyAll(ctx context.Context, es []domain.Event) error {
	ids := make([]int64, 0, len(es))
	for _, e := range es {
		ids = append(ids, e.TicketID)
	}
	tickets, err := s.db.TicketsByID(ctx, ids)
	if err != nil {
		return err
	}
	type applied struct {
		e  domain.Event
		tk *domain.Ticket
		p  domain.Plan
	}
	var plans []storage.TimerPlan
	var kept []applied // one per plan
	for _, e := range es {
		tk := tickets[e.TicketID]
		if tk == nil {
			// Its ticket is gone (erased on request): nothing to keep.
			s.log.Error("schedule: event of a missing ticket skipped", "event", e.ID, "kind", e.Kind)
			continue
		}
		p := s.cfg.Plan(e, tk)
		tp := storage.TimerPlan{TicketID: tk.ID, EventID: e.ID, At: e.At, Stop: p.Stop, NotKept: p.NotKept, Void: p.Void}
		for _, st := range p.Start {
			tp.Start = append(tp.Start, domain.Timer{TicketID: tk.ID, Kind: st.Kind, StartEventID: e.ID,
				StartedAt: st.Start, WarnAt: st.Warn, DueAt: st.Due})
		}
		plans, kept = append(plans, tp), append(kept, applied{e, tk, p})
	}
	started, err := s.db.ApplyTimers(ctx, plans)
	if err != nil {
		return err
	}
	var jobs []river.InsertManyParams
	for i, a := range kept {
		for _, t := range started[i] {
			// The breach job comes when the warning fires (timerWorker).
			jobs = append(jobs, river.InsertManyParams{Args: timerArgs{TimerID: t.ID, Due: t.DueAt}, InsertOpts: unique(t.WarnAt)})
		}
		more, err := s.promised(ctx, a.e, a.tk, a.p)
		if err != nil {
			return fmt.Errorf("event %d (%s): %w", a.e.ID, a.e.Kind, err)
		}
		jobs = append(jobs, more...)
	}
	if len(jobs) == 0 {
		return nil
	}
	_, err = s.jobs.InsertMany(ctx, jobs)
	return err
}

// promised returns the jobs one event promises besides its timers: a
// quote's follow-ups, a callback, a callback moved to later.
func (s *Scheduler) promised(ctx context.Context, e domain.Event, tk *domain.Ticket, p domain.Plan) ([]river.InsertManyParams, error) {
	var jobs []river.InsertManyParams
	if p.Quote {
		pr := s.cfg.Promises
		jobs = append(jobs, river.InsertManyParams{Args: quoteArgs{TicketID: tk.ID, QuoteEvent: e.ID}, InsertOpts: unique(e.At.Add(pr.QuoteRemind))},
			river.InsertManyParams{Args: quoteArgs{TicketID: tk.ID, QuoteEvent: e.ID, Alarm: true}, InsertOpts: unique(e.At.Add(pr.QuoteAlarm))})
	}
	if p.Callback {
		job, err := s.callback(ctx, tk, e)
		if err != nil {
			return nil, err
		}
		if job != nil {
			jobs = append(jobs, *job)
		}
	}
	if e.Kind == "callback_later" {
		id, round, at, err := parseLater(e.Detail)
		if err != nil {
			s.log.Error("schedule: unreadable callback_later event, skipped", "event", e.ID, "err", err)
		} else {
			jobs = append(jobs, river.InsertManyParams{Args: callbackArgs{CallbackID: id, Round: round}, InsertOpts: unique(at)})
		}
	}
	return jobs, nil
}

// callback records the ticket's callback, if it gets one, and returns its
// job. A customer on the do-not-call list gets none.
func (s *Scheduler) callback(ctx context.Context, tk *domain.Ticket, e domain.Event) (*river.InsertManyParams, error) {
	if listed, _, err := s.db.DoNotCall(ctx, tk.Channel, tk.ChatID); err != nil || listed {
		return nil, err
	}
	category, due, ok, err := s.cfg.CallbackFor(ctx, s.db, tk, e.At)
	if err != nil || !ok {
		return nil, err
	}
	cb, err := s.db.ScheduleCallback(ctx, domain.Callback{TicketID: tk.ID, CloseEventID: e.ID, Category: category, DueAt: due, CreatedAt: e.At})
	if err != nil {
		return nil, err
	}
	return &river.InsertManyParams{Args: callbackArgs{CallbackID: cb.ID}, InsertOpts: unique(cb.DueAt)}, nil
}

// parseLater reads a callback_later event's "ID:ROUND:RFC3339".
func parseLater(detail string) (int64, int, time.Time, error) {
	parts := strings.SplitN(detail, ":", 3)
	if len(parts) != 3 {
		return 0, 0, time.Time{}, errors.New("want ID:ROUND:TIME")
	}
	id, err1 := strconv.ParseInt(parts[0], 10, 64)
	round, err2 := strconv.Atoi(parts[1])
	at, err3 := time.Parse(time.RFC3339, parts[2])
	if err := errors.Join(err1, err2, err3); err != nil {
		return 0, 0, time.Time{}, err
	}
	return id, round, at, nil
}
