package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

// PeriodRows are the rows the trade's measures of a period are computed
// from: every ticket touched in it (registered before its end, changed
// after its start) with its events, timers and callbacks; the repeat
// repairs registered since the period began (a job is not fixed first time
// when one names it); and the requests for a person.
type PeriodRows struct {
	Tickets   []domain.Ticket
	Events    []domain.Event
	Timers    []domain.Timer
	Callbacks []domain.Callback
	Repeats   []domain.Ticket // tickets with repeat_of set, registered from the period's start on
	Handovers []Feedback      // requests for a person (kind handover:…), from a day before the period on
}

// PeriodRows reads the rows for [from, to).
func (db *DB) PeriodRows(ctx context.Context, from, to time.Time) (PeriodRows, error) {
	var r PeriodRows
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if err := tx.SelectContext(ctx, &r.Tickets, tx.Rebind(`SELECT `+ticketCols+` FROM tickets
			WHERE created_at < ? AND updated_at >= ? ORDER BY id`), to.UTC(), from.UTC()); err != nil {
			return err
		}
		if err := tx.SelectContext(ctx, &r.Repeats, tx.Rebind(`SELECT `+ticketCols+` FROM tickets
			WHERE repeat_of <> '' AND created_at >= ? ORDER BY id`), from.UTC()); err != nil {
			return err
		}
		if err := tx.SelectContext(ctx, &r.Handovers, tx.Rebind(`SELECT id, channel, chat_id, kind, ticket_number, text, created_at
			FROM feedback WHERE kind LIKE 'handover:%' AND created_at >= ? AND created_at < ? ORDER BY id`), from.Add(-24*time.Hour).UTC(), to.UTC()); err != nil {
			return err
		}
		for _, tk := range r.Tickets {
			var es []domain.Event
			if err := tx.SelectContext(ctx, &es, tx.Rebind(`SELECT id, ticket_id, at, actor, kind, detail FROM ticket_events WHERE ticket_id = ? ORDER BY id`), tk.ID); err != nil {
				return err
			}
			r.Events = append(r.Events, es...)
			var ts []domain.Timer
			if err := tx.SelectContext(ctx, &ts, tx.Rebind(`SELECT `+timerCols+` FROM sla_timers WHERE ticket_id = ? ORDER BY id`), tk.ID); err != nil {
				return err
			}
			r.Timers = append(r.Timers, ts...)
			var cbs []domain.Callback
			if err := tx.SelectContext(ctx, &cbs, tx.Rebind(`SELECT `+callbackCols+` FROM callbacks WHERE ticket_id = ? ORDER BY id`), tk.ID); err != nil {
				return err
			}
			r.Callbacks = append(r.Callbacks, cbs...)
		}
		return nil
	})
	if err != nil {
		return r, fmt.Errorf("storage: period rows: %w", err)
	}
	return r, nil
}
