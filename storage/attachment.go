package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Attachment is a photo or document of a fault, held by the channel
// (FileID is the channel's reference, e.g. Telegram's file_id).
type Attachment struct {
	ID        int64     `db:"id" json:"-"`
	TicketID  int64     `db:"ticket_id" json:"-"`
	Channel   string    `db:"channel" json:"channel"`
	Kind      string    `db:"kind" json:"kind"` // photo or document
	FileID    string    `db:"file_id" json:"file_id"`
	Name      string    `db:"name" json:"name,omitempty"`
	Mime      string    `db:"mime" json:"mime,omitempty"`
	Size      int64     `db:"size" json:"size,omitempty"`
	CreatedAt time.Time `db:"created_at" json:"at"`
}

func insertAttachments(ctx context.Context, tx *sqlx.Tx, ticketID int64, as []Attachment) error {
	for _, a := range as {
		a.TicketID = ticketID
		a.CreatedAt = a.CreatedAt.UTC()
		_, err := tx.NamedExecContext(ctx, `INSERT INTO ticket_attachments (ticket_id, channel, kind, file_id, name, mime, size, created_at)
			VALUES (:ticket_id, :channel, :kind, :file_id, :name, :mime, :size, :created_at)`, a)
		if err != nil {
			return fmt.Errorf("attachment: %w", err)
		}
	}
	return nil
}

// AddAttachments attaches files to the ticket with number, with an event.
func (db *DB) AddAttachments(ctx context.Context, number, actor string, as []Attachment) error {
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var id int64
		if err := tx.GetContext(ctx, &id, tx.Rebind(`SELECT id FROM tickets WHERE number = ?`), number); err != nil {
			return notFound(err)
		}
		if err := insertAttachments(ctx, tx, id, as); err != nil {
			return err
		}
		return insertEvent(ctx, tx, Event{TicketID: id, At: as[0].CreatedAt, Actor: actor, Kind: "attached",
			Detail: fmt.Sprintf("%d file(s)", len(as))})
	})
	if err != nil {
		return fmt.Errorf("storage: add attachments: %w", err)
	}
	return nil
}

// Attachments lists a ticket's files, oldest first.
func (db *DB) Attachments(ctx context.Context, ticketID int64) ([]Attachment, error) {
	var as []Attachment
	err := db.x.SelectContext(ctx, &as, db.q(`SELECT id, ticket_id, channel, kind, file_id, name, mime, size, created_at
		FROM ticket_attachments WHERE ticket_id = ? ORDER BY id`), ticketID)
	if err != nil {
		return nil, fmt.Errorf("storage: attachments: %w", err)
	}
	return as, nil
}
