package schedule

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/riverqueue/river"

	"github.com/frontdesk/frontdesk/storage"
)

const relayCursor = "schedule:events"

// RelayOnce turns the ticket events committed since the last call into
// timers and jobs, and returns how many events it took. Each event is
// applied, then the cursor moved past it by compare-and-set. Applying is
// idempotent (timers and callbacks are keyed by their event, River
// inserts are unique by their arguments, a stop only stops timers started
// before it), so a crash between the two, or two replicas reading the same
// events, schedules nothing twice.
func (s *Scheduler) RelayOnce(ctx context.Context) (int, error) {
	cur, err := s.db.Cursor(ctx, relayCursor)
	if err != nil {
		return 0, err
	}
	if cur == 0 {
		// The first run on a desk that already has history (an upgrade)
		// starts an hour back: promises long past would only raise a flood
		// of stale alarms and callbacks. A new desk has no history to skip.
		start, err := s.db.LastEventBefore(ctx, s.opts.Now().Add(-time.Hour))
		if err != nil {
			return 0, err
		}
		if start > 0 {
			if moved, err := s.db.MoveCursor(ctx, relayCursor, 0, start); err != nil || !moved {
				return 0, err
			}
			cur = start
		}
	}
	es, err := s.db.EventsAfter(ctx, cur, s.opts.Now().Add(-s.opts.Lag), 200)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, e := range es {
		if err := s.apply(ctx, e); err != nil {
			return n, fmt.Errorf("event %d (%s): %w", e.ID, e.Kind, err)
		}
		moved, err := s.db.MoveCursor(ctx, relayCursor, cur, e.ID)
		if err != nil || !moved {
			return n, err
		}
		cur = e.ID
		n++
	}
	return n, nil
}

// apply schedules what one event promises.
func (s *Scheduler) apply(ctx context.Context, e storage.Event) error {
	tk, err := s.db.TicketByID(ctx, e.TicketID)
	if err != nil {
		return err
	}
	p := s.cfg.Plan(e, tk)
	if err := s.db.StopTimers(ctx, tk.ID, p.Stop, e.ID, e.At); err != nil {
		return err
	}
	var jobs []river.InsertManyParams
	for _, st := range p.Start {
		t, err := s.db.StartTimer(ctx, storage.Timer{TicketID: tk.ID, Kind: st.Kind, StartEventID: e.ID,
			StartedAt: st.Start, WarnAt: st.Warn, DueAt: st.Due})
		if err != nil {
			return err
		}
		jobs = append(jobs, river.InsertManyParams{Args: timerArgs{TimerID: t.ID}, InsertOpts: unique(t.WarnAt)},
			river.InsertManyParams{Args: timerArgs{TimerID: t.ID, Breach: true}, InsertOpts: unique(t.DueAt)})
	}
	if p.Quote {
		pr := s.cfg.Promises
		jobs = append(jobs, river.InsertManyParams{Args: quoteArgs{TicketID: tk.ID, QuoteEvent: e.ID}, InsertOpts: unique(e.At.Add(pr.QuoteRemind))},
			river.InsertManyParams{Args: quoteArgs{TicketID: tk.ID, QuoteEvent: e.ID, Alarm: true}, InsertOpts: unique(e.At.Add(pr.QuoteAlarm))})
	}
	if p.Callback {
		job, err := s.callback(ctx, tk, e)
		if err != nil {
			return err
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
	if len(jobs) == 0 {
		return nil
	}
	_, err = s.jobs.InsertMany(ctx, jobs)
	return err
}

// callback records the ticket's callback, if it gets one, and returns its
// job. A customer on the do-not-call list gets none.
func (s *Scheduler) callback(ctx context.Context, tk *storage.Ticket, e storage.Event) (*river.InsertManyParams, error) {
	if listed, _, err := s.db.DoNotCall(ctx, tk.Channel, tk.ChatID); err != nil || listed {
		return nil, err
	}
	category, due, ok, err := s.cfg.CallbackFor(ctx, s.db, tk, e.At)
	if err != nil || !ok {
		return nil, err
	}
	cb, err := s.db.ScheduleCallback(ctx, storage.Callback{TicketID: tk.ID, CloseEventID: e.ID, Category: category, DueAt: due, CreatedAt: e.At})
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
