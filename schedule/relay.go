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
// timers and jobs, and returns how many it took. Each event is applied,
// then marked taken. Applying is idempotent (timers and callbacks are
// keyed by their event, River inserts are unique by their arguments, a
// stop only stops timers started before it), so a crash between the two,
// or two replicas taking the same event, schedules nothing twice. Events
// are taken by their mark (storage.Tail, as the staff desk takes them), so
// one whose transaction commits after a later id's is not passed over; a
// ticket's own changes commit in order, under its row lock.
func (s *Scheduler) RelayOnce(ctx context.Context) (int, error) {
	n := 0
	for {
		es, err := s.db.UnreadEvents(ctx, storage.ScheduleTail, relayBatch)
		if err != nil {
			return n, err
		}
		for _, e := range es {
			err := s.apply(ctx, e)
			if errors.Is(err, storage.ErrNotFound) {
				// Its ticket is gone (erased on request): nothing to keep.
				s.log.Error("schedule: event of a missing ticket skipped", "event", e.ID, "kind", e.Kind, "err", err)
			} else if err != nil {
				return n, fmt.Errorf("event %d (%s): %w", e.ID, e.Kind, err)
			}
			if err := s.db.Taken(ctx, storage.ScheduleTail, e.ID, s.opts.Now()); err != nil {
				return n, err
			}
			n++
		}
		if len(es) < relayBatch {
			return n, nil
		}
	}
}

// apply schedules what one event promises.
func (s *Scheduler) apply(ctx context.Context, e domain.Event) error {
	tk, err := s.db.TicketByID(ctx, e.TicketID)
	if err != nil {
		return err
	}
	p := s.cfg.Plan(e, tk)
	if err := s.db.StopTimers(ctx, tk.ID, p.Stop, e.ID, e.At); err != nil {
		return err
	}
	// then what the job's end leaves without its event
	if err := s.db.EndTimers(ctx, tk.ID, p.NotKept, domain.OutcomeNotKept, e.ID, e.At); err != nil {
		return err
	}
	if err := s.db.EndTimers(ctx, tk.ID, p.Void, domain.OutcomeVoid, e.ID, e.At); err != nil {
		return err
	}
	var jobs []river.InsertManyParams
	for _, st := range p.Start {
		t, err := s.db.StartTimer(ctx, domain.Timer{TicketID: tk.ID, Kind: st.Kind, StartEventID: e.ID,
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
