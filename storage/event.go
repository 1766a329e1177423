package storage

import (
	"context"
	"fmt"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

func insertEvent(ctx context.Context, tx *sqlx.Tx, e domain.Event) error {
	_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO ticket_events (ticket_id, at, actor, kind, detail) VALUES (?, ?, ?, ?, ?)`),
		e.TicketID, e.At.UTC(), e.Actor, e.Kind, e.Detail)
	return err
}

// AddEvent appends an event that changes no ticket field (an escalation,
// a customer's message noted for staff).
func (db *DB) AddEvent(ctx context.Context, e domain.Event) error {
	err := db.inTx(ctx, func(tx *sqlx.Tx) error { return insertEvent(ctx, tx, e) })
	if err != nil {
		return fmt.Errorf("storage: add event: %w", err)
	}
	return nil
}

// Events returns a ticket's log, oldest first.
func (db *DB) Events(ctx context.Context, ticketID int64) ([]domain.Event, error) {
	var es []domain.Event
	err := db.x.SelectContext(ctx, &es, db.q(`SELECT id, ticket_id, at, actor, kind, detail FROM ticket_events WHERE ticket_id = ? ORDER BY id`), ticketID)
	if err != nil {
		return nil, fmt.Errorf("storage: events: %w", err)
	}
	return es, nil
}
