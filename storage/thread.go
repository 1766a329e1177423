package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdesk/frontdesk/domain"
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

// Cursor returns the last id a reader called name has taken (0 at first).
func (db *DB) Cursor(ctx context.Context, name string) (int64, error) {
	var id int64
	err := db.x.GetContext(ctx, &id, db.q(`SELECT last_id FROM cursors WHERE name = ?`), name)
	if notFound(err) == ErrNotFound {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("storage: cursor %s: %w", name, err)
	}
	return id, nil
}

// MoveCursor moves reader name from from to to, if no one moved it first;
// false means another replica took those rows.
func (db *DB) MoveCursor(ctx context.Context, name string, from, to int64) (bool, error) {
	if from == 0 {
		res, err := db.x.ExecContext(ctx, db.q(`INSERT INTO cursors (name, last_id) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`), name, to)
		if err != nil {
			return false, fmt.Errorf("storage: cursor %s: %w", name, err)
		}
		if n, _ := res.RowsAffected(); n == 1 {
			return true, nil
		}
	}
	res, err := db.x.ExecContext(ctx, db.q(`UPDATE cursors SET last_id = ? WHERE name = ? AND last_id = ?`), to, name, from)
	if err != nil {
		return false, fmt.Errorf("storage: cursor %s: %w", name, err)
	}
	n, _ := res.RowsAffected()
	return n == 1, nil
}

// gapGrace is how long a gap in ids is waited on before it counts as a
// rolled-back transaction rather than one still committing.
const gapGrace = 5 * time.Second

// settledRun keeps the leading rows (ids in ascending order, with times)
// that are safe to take: each at or before settled, and none after a gap
// in the ids unless the row after it is older than settled by gapGrace.
// Ids are handed out before commit, so a higher id can be visible while a
// lower one is still committing; taking the higher one would move a
// reader's cursor past the lower for good.
func settledRun(after int64, n int, id func(int) int64, at func(int) time.Time, settled time.Time) int {
	prev := after
	for i := range n {
		if at(i).After(settled) {
			return i
		}
		if id(i) != prev+1 && prev != 0 && at(i).After(settled.Add(-gapGrace)) {
			return i
		}
		prev = id(i)
	}
	return n
}

// EventsAfter returns up to limit events of all tickets with id above
// after, oldest first, stopping at the first that is not yet settled (see
// settledRun): the feed the staff desk tails.
func (db *DB) EventsAfter(ctx context.Context, after int64, settled time.Time, limit int) ([]domain.Event, error) {
	var es []domain.Event
	err := db.x.SelectContext(ctx, &es, db.q(`SELECT id, ticket_id, at, actor, kind, detail FROM ticket_events
		WHERE id > ? ORDER BY id LIMIT ?`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: events after: %w", err)
	}
	n := settledRun(after, len(es), func(i int) int64 { return es[i].ID }, func(i int) time.Time { return es[i].At }, settled)
	return es[:n], nil
}

// FeedbackAfter returns up to limit feedback rows with id above after,
// oldest first, stopping at the first not yet settled (see EventsAfter).
func (db *DB) FeedbackAfter(ctx context.Context, after int64, settled time.Time, limit int) ([]Feedback, error) {
	var fs []Feedback
	err := db.x.SelectContext(ctx, &fs, db.q(`SELECT id, channel, chat_id, kind, ticket_number, text, created_at
		FROM feedback WHERE id > ? ORDER BY id LIMIT ?`), after, limit)
	if err != nil {
		return nil, fmt.Errorf("storage: feedback after: %w", err)
	}
	n := settledRun(after, len(fs), func(i int) int64 { return fs[i].ID }, func(i int) time.Time { return fs[i].CreatedAt }, settled)
	return fs[:n], nil
}

// UnrelayedEvents returns up to limit events the scheduler has not taken
// yet, oldest first.
func (db *DB) UnrelayedEvents(ctx context.Context, limit int) ([]domain.Event, error) {
	var es []domain.Event
	err := db.x.SelectContext(ctx, &es, db.q(`SELECT id, ticket_id, at, actor, kind, detail FROM ticket_events
		WHERE relayed_at IS NULL ORDER BY id LIMIT ?`), limit)
	if err != nil {
		return nil, fmt.Errorf("storage: unrelayed events: %w", err)
	}
	return es, nil
}

// MarkRelayed records that the scheduler took event id.
func (db *DB) MarkRelayed(ctx context.Context, id int64, now time.Time) error {
	if _, err := db.x.ExecContext(ctx, db.q(`UPDATE ticket_events SET relayed_at = ? WHERE id = ?`), now.UTC(), id); err != nil {
		return fmt.Errorf("storage: mark relayed: %w", err)
	}
	return nil
}
