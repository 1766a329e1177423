package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

// Effect says what a job's effect call did.
type Effect int

// A job's effect is made now, was made by an earlier run, no longer
// applies (the quote was decided, the timer stopped), or must wait (events
// that may keep the promise are not yet taken by the scheduler): in the
// last three nothing is made.
const (
	EffectMade Effect = iota
	EffectRepeated
	EffectVoid
	EffectWait
)

// once runs fn in one transaction with the job effect key recorded, unless
// the key is already recorded: then fn does not run. fn returns what it
// did; unless it made its effect the key is not kept, so a later run may.
// Whatever fn writes (an event, a notice, a ticket change) is thereby made
// exactly once however often the job that asks for it runs.
func (db *DB) once(ctx context.Context, key string, now time.Time, fn func(tx *sqlx.Tx) (Effect, error)) (Effect, error) {
	eff := EffectRepeated
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		res, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO job_effects (key, done_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`), key, now.UTC())
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return nil
		}
		if eff, err = fn(tx); err != nil {
			return err
		}
		if eff != EffectMade {
			_, err = tx.ExecContext(ctx, tx.Rebind(`DELETE FROM job_effects WHERE key = ?`), key)
		}
		return err
	})
	if err != nil {
		return EffectRepeated, fmt.Errorf("storage: effect %s: %w", key, err)
	}
	return eff, nil
}

func queueNotice(ctx context.Context, tx *sqlx.Tx, ticketID int64, kind string, now time.Time) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO outbox (ticket_id, kind, created_at) VALUES (?, ?, ?)`), ticketID, kind, now.UTC())
	return err
}

// QuoteFollowUp makes a quote's follow-up once, if the ticket still waits
// on the quote its event quoteEvent posted: event kind (a reminder noted
// in the thread, an overdue alarm) and, when notice is set, that notice to
// the customer. EffectVoid means the quote was decided or replaced.
func (db *DB) QuoteFollowUp(ctx context.Context, key string, ticketID, quoteEvent int64, kind, detail, notice string, now time.Time) (Effect, error) {
	return db.once(ctx, key, now, func(tx *sqlx.Tx) (Effect, error) {
		var state string
		var last int64
		err := tx.QueryRowxContext(ctx, tx.Rebind(`SELECT t.state, COALESCE((SELECT MAX(id) FROM ticket_events e
			WHERE e.ticket_id = t.id AND e.kind = 'quoted'), 0) FROM tickets t WHERE t.id = ?`), ticketID).Scan(&state, &last)
		if err != nil {
			return EffectVoid, notFound(err)
		}
		if state != domain.StateQuoted || last != quoteEvent {
			return EffectVoid, nil
		}
		if err := insertEvent(ctx, tx, domain.Event{TicketID: ticketID, At: now.UTC(), Actor: "bot", Kind: kind, Detail: detail}); err != nil {
			return EffectVoid, err
		}
		if notice != "" {
			return EffectMade, queueNotice(ctx, tx, ticketID, notice, now)
		}
		return EffectMade, nil
	})
}

// OutsideEffect makes an effect outside the database (a post to Slack)
// once per key: fn runs inside the transaction that records the key, so a
// second run of the job finds the key and does nothing, and a run racing
// it waits on the key. A crash after fn and before the commit makes it
// again: at least once, never silently lost.
func (db *DB) OutsideEffect(ctx context.Context, key string, now time.Time, fn func() error) (Effect, error) {
	return db.once(ctx, key, now, func(*sqlx.Tx) (Effect, error) {
		if err := fn(); err != nil {
			return EffectVoid, err
		}
		return EffectMade, nil
	})
}
