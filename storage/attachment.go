package storage

import (
	"context"
	"fmt"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

func insertAttachments(ctx context.Context, tx *sqlx.Tx, ticketID int64, as []domain.Attachment) error {
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
func (db *DB) AddAttachments(ctx context.Context, number, actor string, as []domain.Attachment) error {
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var id int64
		if err := tx.GetContext(ctx, &id, tx.Rebind(`SELECT id FROM tickets WHERE number = ?`), number); err != nil {
			return notFound(err)
		}
		if err := insertAttachments(ctx, tx, id, as); err != nil {
			return err
		}
		return insertEvent(ctx, tx, domain.Event{TicketID: id, At: as[0].CreatedAt, Actor: actor, Kind: "attached",
			Detail: fmt.Sprintf("%d file(s)", len(as))})
	})
	if err != nil {
		return fmt.Errorf("storage: add attachments: %w", err)
	}
	return nil
}

// Attachments lists a ticket's files, oldest first.
func (db *DB) Attachments(ctx context.Context, ticketID int64) ([]domain.Attachment, error) {
	var as []domain.Attachment
	err := db.x.SelectContext(ctx, &as, db.q(`SELECT id, ticket_id, channel, kind, file_id, name, mime, size, created_at
		FROM ticket_attachments WHERE ticket_id = ? ORDER BY id`), ticketID)
	if err != nil {
		return nil, fmt.Errorf("storage: attachments: %w", err)
	}
	return as, nil
}
