package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

// Feedback is what a customer said for staff to act on: a complaint, a
// suggestion, a consultation, with the ticket it concerns if any.
type Feedback struct {
	ID           int64     `db:"id"`
	Channel      string    `db:"channel"`
	ChatID       string    `db:"chat_id"`
	Kind         string    `db:"kind"`
	TicketNumber string    `db:"ticket_number"`
	Text         string    `db:"text"`
	CreatedAt    time.Time `db:"created_at"`
}

// AddFeedback records f, and an event on its ticket when it names one.
func (db *DB) AddFeedback(ctx context.Context, f Feedback) error {
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		_, err := tx.NamedExecContext(ctx, `INSERT INTO feedback (channel, chat_id, kind, ticket_number, text, created_at)
			VALUES (:channel, :chat_id, :kind, :ticket_number, :text, :created_at)`, f)
		if err != nil || f.TicketNumber == "" {
			return err
		}
		var id int64
		if err := tx.GetContext(ctx, &id, tx.Rebind(`SELECT id FROM tickets WHERE number = ?`), f.TicketNumber); err != nil {
			return notFound(err)
		}
		return insertEvent(ctx, tx, domain.Event{TicketID: id, At: f.CreatedAt, Actor: "customer:" + f.Channel + ":" + f.ChatID,
			Kind: f.Kind, Detail: f.Text})
	})
	if err != nil {
		return fmt.Errorf("storage: add feedback: %w", err)
	}
	return nil
}

// FeedbackList returns the newest feedback first, at most limit rows.
func (db *DB) FeedbackList(ctx context.Context, limit int) ([]Feedback, error) {
	var fs []Feedback
	err := db.x.SelectContext(ctx, &fs, db.q(`SELECT id, channel, chat_id, kind, ticket_number, text, created_at
		FROM feedback ORDER BY id DESC LIMIT ?`), limit)
	if err != nil {
		return nil, fmt.Errorf("storage: list feedback: %w", err)
	}
	return fs, nil
}
