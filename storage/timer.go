package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

const timerCols = `id, ticket_id, kind, start_event_id, started_at, warn_at, due_at, stopped_at, warned_at, breached_at, outcome`

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
