package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

// Tail is one reader of an append-only table (the ticket event log, the
// feedback). Every reader takes rows the same way: by a mark of its own on
// each row, set when it has dealt with the row, never by a cursor over
// ids. Ids are handed out before commit, so a row can become visible after
// a higher one; a cursor would pass it for good, a mark cannot. A reader
// deals with a row before marking it, so a crash between repeats that row
// rather than losing it.
type Tail struct {
	table string // the table read
	mark  string // the column that records when this reader took a row
}

var (
	// ScheduleTail is the scheduler's reading of the ticket events: the
	// timers and jobs each event promises.
	ScheduleTail = Tail{"ticket_events", "relayed_at"}
	// FeedTail is the staff desk's reading of the ticket events: a line in
	// each ticket's thread.
	FeedTail = Tail{"ticket_events", "fed_at"}
	// FeedbackTail is the staff desk's reading of the feedback: complaints
	// and requests posted to the staff channel.
	FeedbackTail = Tail{"feedback", "fed_at"}
)

// UnreadEvents returns up to limit ticket events that t has not taken,
// oldest first.
func (db *DB) UnreadEvents(ctx context.Context, t Tail, limit int) ([]domain.Event, error) {
	var es []domain.Event
	err := db.x.SelectContext(ctx, &es, db.q(`SELECT id, ticket_id, at, actor, kind, detail FROM ticket_events
		WHERE `+t.mark+` IS NULL ORDER BY id LIMIT ?`), limit)
	if err != nil {
		return nil, fmt.Errorf("storage: unread events (%s): %w", t.mark, err)
	}
	return es, nil
}

// UnreadFeedback returns up to limit feedback rows the staff desk has not
// taken, oldest first.
func (db *DB) UnreadFeedback(ctx context.Context, limit int) ([]Feedback, error) {
	var fs []Feedback
	err := db.x.SelectContext(ctx, &fs, db.q(`SELECT id, channel, chat_id, kind, ticket_number, text, created_at
		FROM feedback WHERE `+FeedbackTail.mark+` IS NULL ORDER BY id LIMIT ?`), limit)
	if err != nil {
		return nil, fmt.Errorf("storage: unread feedback: %w", err)
	}
	return fs, nil
}

// Taken records that t has dealt with the rows ids, in one statement.
func (db *DB) Taken(ctx context.Context, t Tail, now time.Time, ids ...int64) error {
	if len(ids) == 0 {
		return nil
	}
	q, args, err := sqlx.In(`UPDATE `+t.table+` SET `+t.mark+` = ? WHERE id IN (?)`, now.UTC(), ids)
	if err != nil {
		return err
	}
	if _, err := db.x.ExecContext(ctx, db.q(q), args...); err != nil {
		return fmt.Errorf("storage: %s %v taken (%s): %w", t.table, ids, t.mark, err)
	}
	return nil
}
