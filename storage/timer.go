package storage

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

const timerCols = `id, ticket_id, kind, start_event_id, started_at, warn_at, due_at, stopped_at, warned_at, breached_at, outcome`

// TimerPlan is what one ticket event does to its ticket's timers: the
// kinds it stops (met, unless already breached), ends without their event
// (not kept) or voids, and the timers it starts (TicketID, Kind, the
// event as StartEventID, and the times).
type TimerPlan struct {
	TicketID int64
	EventID  int64
	At       time.Time
	Stop     []string
	NotKept  []string
	Void     []string
	Start    []domain.Timer
}

// ApplyTimers applies plans in order, in one transaction, and returns each
// plan's started timers as stored, with their ids. A plan stops only
// timers that an earlier event started (so applying an event again, late,
// never stops what a later one started); a timer already breached, or
// stopped after its due time, is breached whatever the plan says. A timer
// of a kind being started that still runs is stopped first (met): a
// promise made again replaces the old one. Timers are kept once per
// (ticket, kind, start event), so applying an event twice, or two replicas
// applying it, starts each once and both get the stored row.
func (db *DB) ApplyTimers(ctx context.Context, plans []TimerPlan) ([][]domain.Timer, error) {
	out := make([][]domain.Timer, len(plans))
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		for i, p := range plans {
			if err := endTimers(ctx, tx, db.forUpdate(), p); err != nil {
				return err
			}
			started, err := startTimers(ctx, tx, p.Start)
			if err != nil {
				return err
			}
			out[i] = started
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: apply timers: %w", err)
	}
	return out, nil
}

// endTimers stops the running timers p ends, in one read of them; lock is
// " FOR UPDATE" on PostgreSQL, so a breach being fired and a stop wait for
// each other.
func endTimers(ctx context.Context, tx *sqlx.Tx, lock string, p TimerPlan) error {
	ends := map[string]string{}
	for _, k := range p.Start {
		ends[k.Kind] = domain.OutcomeMet
	}
	// The first of Stop, NotKept, Void and Start that names a kind decides
	// (each stops what the ones before it left running), so they are
	// written last to first.
	for _, l := range []struct {
		kinds   []string
		outcome string
	}{{p.Void, domain.OutcomeVoid}, {p.NotKept, domain.OutcomeNotKept}, {p.Stop, domain.OutcomeMet}} {
		for _, k := range l.kinds {
			ends[k] = l.outcome
		}
	}
	if len(ends) == 0 {
		return nil
	}
	q, args, err := sqlx.In(`SELECT `+timerCols+` FROM sla_timers WHERE ticket_id = ? AND stopped_at IS NULL
		AND start_event_id < ? AND kind IN (?)`+lock, p.TicketID, p.EventID, slices.Sorted(maps.Keys(ends)))
	if err != nil {
		return err
	}
	var open []domain.Timer
	if err := tx.SelectContext(ctx, &open, tx.Rebind(q), args...); err != nil {
		return err
	}
	for _, t := range open {
		outcome := ends[t.Kind]
		if t.BreachedAt != nil || p.At.After(t.DueAt) {
			outcome = domain.OutcomeBreached
		}
		if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE sla_timers SET stopped_at = ?, outcome = ? WHERE id = ? AND stopped_at IS NULL`), p.At.UTC(), outcome, t.ID); err != nil {
			return err
		}
	}
	return nil
}

// startTimers inserts ts in one statement and returns them as stored: a
// timer already there (the event applied before) is returned unchanged.
func startTimers(ctx context.Context, tx *sqlx.Tx, ts []domain.Timer) ([]domain.Timer, error) {
	if len(ts) == 0 {
		return nil, nil
	}
	var rows []string
	var args []any
	for _, t := range ts {
		rows = append(rows, "(?, ?, ?, ?, ?, ?, '')")
		args = append(args, t.TicketID, t.Kind, t.StartEventID, t.StartedAt.UTC(), t.WarnAt.UTC(), t.DueAt.UTC())
	}
	// The no-op update makes RETURNING give the row that was there.
	q := `INSERT INTO sla_timers (ticket_id, kind, start_event_id, started_at, warn_at, due_at, outcome)
		VALUES ` + strings.Join(rows, ", ") + `
		ON CONFLICT (ticket_id, kind, start_event_id) DO UPDATE SET outcome = sla_timers.outcome
		RETURNING ` + timerCols
	var out []domain.Timer
	if err := tx.SelectContext(ctx, &out, tx.Rebind(q), args...); err != nil {
		return nil, err
	}
	return out, nil
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
