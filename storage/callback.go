package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

const callbackCols = `id, ticket_id, close_event_id, category, round, due_at, state, working, attitude,
	quality, suggestion, asked_at, answered_at, created_at`

// ScheduleCallback records cb once per closing of its ticket and returns
// the row as stored.
func (db *DB) ScheduleCallback(ctx context.Context, cb domain.Callback) (domain.Callback, error) {
	cb.DueAt, cb.CreatedAt, cb.State = cb.DueAt.UTC(), cb.CreatedAt.UTC(), domain.CallbackScheduled
	var out domain.Callback
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		q, args, err := tx.BindNamed(`INSERT INTO callbacks (ticket_id, close_event_id, category, round, due_at, state, created_at)
			VALUES (:ticket_id, :close_event_id, :category, 0, :due_at, :state, :created_at)
			ON CONFLICT (ticket_id, close_event_id) DO NOTHING`, cb)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		return tx.GetContext(ctx, &out, tx.Rebind(`SELECT `+callbackCols+` FROM callbacks WHERE ticket_id = ? AND close_event_id = ?`), cb.TicketID, cb.CloseEventID)
	})
	if err != nil {
		return domain.Callback{}, fmt.Errorf("storage: schedule callback: %w", err)
	}
	return out, nil
}

// CallbackByID returns a callback, or ErrNotFound.
func (db *DB) CallbackByID(ctx context.Context, id int64) (*domain.Callback, error) {
	var cb domain.Callback
	if err := db.x.GetContext(ctx, &cb, db.q(`SELECT `+callbackCols+` FROM callbacks WHERE id = ?`), id); err != nil {
		return nil, fmt.Errorf("storage: callback %d: %w", id, notFound(err))
	}
	return &cb, nil
}

// LatestCallback returns the ticket's newest callback, or ErrNotFound.
func (db *DB) LatestCallback(ctx context.Context, ticketID int64) (*domain.Callback, error) {
	var cb domain.Callback
	if err := db.x.GetContext(ctx, &cb, db.q(`SELECT `+callbackCols+` FROM callbacks WHERE ticket_id = ? ORDER BY id DESC LIMIT 1`), ticketID); err != nil {
		return nil, fmt.Errorf("storage: callback of ticket %d: %w", ticketID, notFound(err))
	}
	return &cb, nil
}

// AskCallback makes a callback's first question once, for round: it marks
// the callback asked, queues the "callback" notice to the customer and
// notes it on the ticket. A customer on the do-not-call list, a ticket
// reopened meanwhile, a callback answered or refused, or a round replaced
// by a later one is not asked (EffectVoid); the first two mark the callback
// skipped.
func (db *DB) AskCallback(ctx context.Context, key string, id int64, round int, now time.Time) (Effect, error) {
	return db.once(ctx, key, now, func(tx *sqlx.Tx) (Effect, error) {
		var cb domain.Callback
		if err := tx.GetContext(ctx, &cb, tx.Rebind(`SELECT `+callbackCols+` FROM callbacks WHERE id = ?`+db.forUpdate()), id); err != nil {
			return EffectVoid, notFound(err)
		}
		if cb.Round != round || (cb.State != domain.CallbackScheduled && cb.State != domain.CallbackBusy) {
			return EffectVoid, nil
		}
		var listed int
		err := tx.GetContext(ctx, &listed, tx.Rebind(`SELECT COUNT(*) FROM do_not_call d JOIN tickets t
			ON d.channel = t.channel AND d.chat_id = t.chat_id WHERE t.id = ?`), cb.TicketID)
		if err != nil {
			return EffectVoid, err
		}
		var state string
		if err := tx.GetContext(ctx, &state, tx.Rebind(`SELECT state FROM tickets WHERE id = ?`), cb.TicketID); err != nil {
			return EffectVoid, err
		}
		if listed > 0 || state != domain.StateClosed {
			_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE callbacks SET state = ? WHERE id = ?`), domain.CallbackSkipped, id)
			return EffectVoid, err
		}
		if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE callbacks SET state = ?, asked_at = ? WHERE id = ?`), domain.CallbackAsked, now.UTC(), id); err != nil {
			return EffectVoid, err
		}
		if err := insertEvent(ctx, tx, domain.Event{TicketID: cb.TicketID, At: now.UTC(), Actor: "bot", Kind: "callback_asked",
			Detail: fmt.Sprintf("%s, round %d", cb.Category, round)}); err != nil {
			return EffectVoid, err
		}
		return EffectMade, queueNotice(ctx, tx, cb.TicketID, "callback", now)
	})
}

// CallbackAnswer is what one step of a callback conversation records.
type CallbackAnswer struct {
	Callback  domain.Callback // the row to write back (answers, state, round, due time)
	Events    []domain.Event  // noted on the ticket (answers, alarms, a later time)
	Reopen    bool            // a closed ticket goes back to new
	DoNotCall string          // when set, the customer goes on the do-not-call list with this reason
}

// AnswerCallback writes a callback step in one transaction: the callback
// row, the ticket reopened if asked, its events, and the do-not-call entry.
func (db *DB) AnswerCallback(ctx context.Context, a CallbackAnswer, now time.Time) error {
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		cb := a.Callback
		cb.DueAt = cb.DueAt.UTC()
		q, args, err := tx.BindNamed(`UPDATE callbacks SET round = :round, due_at = :due_at, state = :state,
			working = :working, attitude = :attitude, quality = :quality, suggestion = :suggestion,
			answered_at = :answered_at WHERE id = :id`, cb)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return err
		}
		if a.Reopen {
			_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE tickets SET state = ?, satisfaction = ?, updated_at = ? WHERE id = ? AND state = ?`),
				domain.StateNew, cb.Attitude+"/"+cb.Quality, now.UTC(), cb.TicketID, domain.StateClosed)
			if err != nil {
				return err
			}
		} else if cb.Attitude != "" || cb.Quality != "" {
			_, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE tickets SET satisfaction = ? WHERE id = ?`), cb.Attitude+"/"+cb.Quality, cb.TicketID)
			if err != nil {
				return err
			}
		}
		for _, e := range a.Events {
			e.TicketID, e.At = cb.TicketID, now.UTC()
			if err := insertEvent(ctx, tx, e); err != nil {
				return err
			}
		}
		if a.DoNotCall == "" {
			return nil
		}
		_, err = tx.ExecContext(ctx, tx.Rebind(`INSERT INTO do_not_call (channel, chat_id, ticket_id, reason, created_at)
			SELECT channel, chat_id, id, ?, ? FROM tickets WHERE id = ? ON CONFLICT (channel, chat_id) DO UPDATE SET reason = excluded.reason`),
			a.DoNotCall, now.UTC(), cb.TicketID)
		return err
	})
	if err != nil {
		return fmt.Errorf("storage: answer callback: %w", err)
	}
	return nil
}

// DoNotCall reports whether the chat is on the do-not-call list, and why.
func (db *DB) DoNotCall(ctx context.Context, channel, chatID string) (bool, string, error) {
	var reasons []string
	if err := db.x.SelectContext(ctx, &reasons, db.q(`SELECT reason FROM do_not_call WHERE channel = ? AND chat_id = ?`), channel, chatID); err != nil {
		return false, "", fmt.Errorf("storage: do-not-call: %w", err)
	}
	if len(reasons) == 0 {
		return false, "", nil
	}
	return true, reasons[0], nil
}

// EngineerRecord tells when engineer was first assigned a ticket (zero if
// never) and how many complaints were made since since on tickets they had.
func (db *DB) EngineerRecord(ctx context.Context, engineer string, since time.Time) (time.Time, int, error) {
	var first []time.Time
	err := db.x.SelectContext(ctx, &first, db.q(`SELECT at FROM ticket_events WHERE kind = 'assigned' AND detail = ? ORDER BY id LIMIT 1`), engineer)
	if err != nil {
		return time.Time{}, 0, fmt.Errorf("storage: engineer record: %w", err)
	}
	var n int
	err = db.x.GetContext(ctx, &n, db.q(`SELECT COUNT(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id
		WHERE e.kind = 'complaint' AND t.engineer = ? AND e.at >= ?`), engineer, since.UTC())
	if err != nil {
		return time.Time{}, 0, fmt.Errorf("storage: engineer record: %w", err)
	}
	if len(first) == 0 {
		return time.Time{}, n, nil
	}
	return first[0], n, nil
}

// EventCount counts a ticket's events of kind.
func (db *DB) EventCount(ctx context.Context, ticketID int64, kind string) (int, error) {
	var n int
	if err := db.x.GetContext(ctx, &n, db.q(`SELECT COUNT(*) FROM ticket_events WHERE ticket_id = ? AND kind = ?`), ticketID, kind); err != nil {
		return 0, fmt.Errorf("storage: count events: %w", err)
	}
	return n, nil
}
