package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

const timerCols = `id, ticket_id, kind, start_event_id, started_at, warn_at, due_at, stopped_at, warned_at, breached_at, outcome`

// StartTimer records t, once per (ticket, kind, start event), and returns
// the row as stored with its id. A timer of the same kind that an earlier
// event started and that still runs is stopped first: a promise made again
// replaces the old one. Two replicas applying the same event meet on the
// unique key and both get the one row.
func (db *DB) StartTimer(ctx context.Context, t domain.Timer) (domain.Timer, error) {
	t = utcTimer(t)
	var out domain.Timer
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := stopTimers(ctx, tx, db.forUpdate(), t.TicketID, []string{t.Kind}, domain.OutcomeMet, t.StartEventID, t.StartedAt); err != nil {
			return err
		}
		q, args, err := tx.BindNamed(`INSERT INTO sla_timers (ticket_id, kind, start_event_id, started_at, warn_at, due_at, outcome)
			VALUES (:ticket_id, :kind, :start_event_id, :started_at, :warn_at, :due_at, '')
			ON CONFLICT (ticket_id, kind, start_event_id) DO NOTHING`, t)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		return tx.GetContext(ctx, &out, tx.Rebind(`SELECT `+timerCols+` FROM sla_timers WHERE ticket_id = ? AND kind = ? AND start_event_id = ?`),
			t.TicketID, t.Kind, t.StartEventID)
	})
	if err != nil {
		return domain.Timer{}, fmt.Errorf("storage: start timer: %w", err)
	}
	return out, nil
}

func utcTimer(t domain.Timer) domain.Timer {
	t.StartedAt, t.WarnAt, t.DueAt = t.StartedAt.UTC(), t.WarnAt.UTC(), t.DueAt.UTC()
	return t
}

// StopTimers stops the ticket's running timers of the given kinds that an
// event before event started, at at, recording each as met unless it
// breached. Only earlier events' timers stop, so applying an event again,
// late, never stops a timer a later event started.
func (db *DB) StopTimers(ctx context.Context, ticketID int64, kinds []string, event int64, at time.Time) error {
	return db.EndTimers(ctx, ticketID, kinds, domain.OutcomeMet, event, at)
}

// EndTimers stops the running timers of kinds started before event with
// outcome (OutcomeMet when their own event came; OutcomeNotKept or
// OutcomeVoid when the job ended without it); a timer already breached, or
// stopped after its due time, is breached whatever the outcome asked.
func (db *DB) EndTimers(ctx context.Context, ticketID int64, kinds []string, outcome string, event int64, at time.Time) error {
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		return stopTimers(ctx, tx, db.forUpdate(), ticketID, kinds, outcome, event, at)
	})
	if err != nil {
		return fmt.Errorf("storage: stop timers: %w", err)
	}
	return nil
}

// stopTimers stops them in tx; lock is " FOR UPDATE" on PostgreSQL, so a
// breach being fired and a stop wait for each other.
func stopTimers(ctx context.Context, tx *sqlx.Tx, lock string, ticketID int64, kinds []string, ended string, event int64, at time.Time) error {
	if len(kinds) == 0 {
		return nil
	}
	q, args, err := sqlx.In(`SELECT `+timerCols+` FROM sla_timers WHERE ticket_id = ? AND stopped_at IS NULL
		AND start_event_id < ? AND kind IN (?)`+lock, ticketID, event, kinds)
	if err != nil {
		return err
	}
	var open []domain.Timer
	if err := tx.SelectContext(ctx, &open, tx.Rebind(q), args...); err != nil {
		return err
	}
	for _, t := range open {
		outcome := ended
		if t.BreachedAt != nil || at.After(t.DueAt) {
			outcome = domain.OutcomeBreached
		}
		if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE sla_timers SET stopped_at = ?, outcome = ? WHERE id = ? AND stopped_at IS NULL`), at.UTC(), outcome, t.ID); err != nil {
			return err
		}
	}
	return nil
}

// Timers returns a ticket's timers, oldest first.
func (db *DB) Timers(ctx context.Context, ticketID int64) ([]domain.Timer, error) {
	var ts []domain.Timer
	if err := db.x.SelectContext(ctx, &ts, db.q(`SELECT `+timerCols+` FROM sla_timers WHERE ticket_id = ? ORDER BY id`), ticketID); err != nil {
		return nil, fmt.Errorf("storage: timers: %w", err)
	}
	return ts, nil
}

// FireTimer makes a timer's warning (breach false) or breach once, if the
// timer still runs: it stamps the timer (a breach also records the outcome)
// and appends the event that alarms the ticket's thread. EffectVoid means
// the timer had stopped; EffectWait that the ticket has events by people
// (the bot's own notes keep no promise) the scheduler has not taken yet,
// one of which may stop the timer.
func (db *DB) FireTimer(ctx context.Context, key string, id int64, breach bool, kind string, detail func(domain.Timer) string, now time.Time) (Effect, error) {
	return db.once(ctx, key, now, func(tx *sqlx.Tx) (Effect, error) {
		var t domain.Timer
		if err := tx.GetContext(ctx, &t, tx.Rebind(`SELECT `+timerCols+` FROM sla_timers WHERE id = ?`+db.forUpdate()), id); err != nil {
			return EffectVoid, notFound(err)
		}
		if t.StoppedAt != nil {
			return EffectVoid, nil
		}
		var pending int
		if err := tx.GetContext(ctx, &pending, tx.Rebind(`SELECT COUNT(*) FROM ticket_events WHERE ticket_id = ? AND relayed_at IS NULL AND actor <> 'bot'`), t.TicketID); err != nil {
			return EffectVoid, err
		}
		if pending > 0 {
			return EffectWait, nil
		}
		q := `UPDATE sla_timers SET warned_at = ? WHERE id = ? AND stopped_at IS NULL`
		if breach {
			q = `UPDATE sla_timers SET breached_at = ?, outcome = 'breached' WHERE id = ? AND stopped_at IS NULL`
		}
		if _, err := tx.ExecContext(ctx, tx.Rebind(q), now.UTC(), id); err != nil {
			return EffectVoid, err
		}
		return EffectMade, insertEvent(ctx, tx, domain.Event{TicketID: t.TicketID, At: now.UTC(), Actor: "bot", Kind: kind, Detail: detail(t)})
	})
}
