package storage

import (
	"context"
	"fmt"
	"time"
)

// Thread links a staff-desk thread (a Slack message and its replies) to a
// ticket and to the customer's chat.
type Thread struct {
	ID           int64     `db:"id"`
	ThreadTS     string    `db:"thread_ts"`
	StaffChannel string    `db:"staff_channel"`
	TicketID     int64     `db:"ticket_id"` // 0 for a chat escalated before it had a ticket
	ConvChannel  string    `db:"conv_channel"`
	ConvChatID   string    `db:"conv_chat_id"`
	CreatedAt    time.Time `db:"created_at"`
}

const threadCols = `id, thread_ts, staff_channel, ticket_id, conv_channel, conv_chat_id, created_at`

// SaveThread records a new thread.
func (db *DB) SaveThread(ctx context.Context, t Thread) error {
	t.CreatedAt = t.CreatedAt.UTC()
	_, err := db.x.NamedExecContext(ctx, `INSERT INTO staff_threads (thread_ts, staff_channel, ticket_id, conv_channel, conv_chat_id, created_at)
		VALUES (:thread_ts, :staff_channel, :ticket_id, :conv_channel, :conv_chat_id, :created_at)`, t)
	if err != nil {
		return fmt.Errorf("storage: save thread: %w", err)
	}
	return nil
}

func (db *DB) thread(ctx context.Context, where string, args ...any) (*Thread, error) {
	var t Thread
	err := db.x.GetContext(ctx, &t, db.q(`SELECT `+threadCols+` FROM staff_threads WHERE `+where+` ORDER BY id DESC LIMIT 1`), args...)
	if err != nil {
		return nil, fmt.Errorf("storage: thread: %w", notFound(err))
	}
	return &t, nil
}

// ThreadByTS returns the thread whose top message has ts, or ErrNotFound.
func (db *DB) ThreadByTS(ctx context.Context, ts string) (*Thread, error) {
	return db.thread(ctx, `thread_ts = ?`, ts)
}

// ThreadByTicket returns the ticket's thread, or ErrNotFound.
func (db *DB) ThreadByTicket(ctx context.Context, ticketID int64) (*Thread, error) {
	return db.thread(ctx, `ticket_id = ?`, ticketID)
}

// ThreadByChat returns the newest thread of a customer's chat, or
// ErrNotFound.
func (db *DB) ThreadByChat(ctx context.Context, channel, chatID string) (*Thread, error) {
	return db.thread(ctx, `conv_channel = ? AND conv_chat_id = ?`, channel, chatID)
}
