package storage

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// Notice is a queued message to a ticket's customer, written in the same
// transaction as the change it tells about, so a process that makes the
// change (the staff CLI) and the server that delivers it never disagree.
type Notice struct {
	ID       int64  `db:"id"`
	TicketID int64  `db:"ticket_id"`
	Kind     string `db:"kind"`
	Attempts int    `db:"attempts"`
}

// ClaimNotices leases up to limit undelivered notices, oldest first, until
// now+lease. A claimed notice that is neither delivered nor released before
// its lease ends is offered again, so a crashed deliverer loses nothing.
func (db *DB) ClaimNotices(ctx context.Context, now time.Time, lease time.Duration, limit int) ([]Notice, error) {
	skip := ""
	if db.postgres {
		skip = " FOR UPDATE SKIP LOCKED" // replicas claim disjoint rows without waiting
	}
	var ns []Notice
	err := db.x.SelectContext(ctx, &ns, db.q(`UPDATE outbox SET claimed_until = ?, attempts = attempts + 1
		WHERE id IN (SELECT id FROM outbox WHERE delivered_at IS NULL AND (claimed_until IS NULL OR claimed_until < ?)
		ORDER BY id LIMIT ?`+skip+`) RETURNING id, ticket_id, kind, attempts`), now.Add(lease).UTC(), now.UTC(), limit)
	if err != nil {
		return nil, fmt.Errorf("storage: claim notices: %w", err)
	}
	// RETURNING follows no order on PostgreSQL; a chat's notices must
	// leave in the order they were made.
	sort.Slice(ns, func(i, j int) bool { return ns[i].ID < ns[j].ID })
	return ns, nil
}

// DeferNotice offers a notice again only from at (a retry after a failure).
func (db *DB) DeferNotice(ctx context.Context, id int64, at time.Time) error {
	_, err := db.x.ExecContext(ctx, db.q(`UPDATE outbox SET claimed_until = ? WHERE id = ?`), at.UTC(), id)
	if err != nil {
		return fmt.Errorf("storage: defer notice: %w", err)
	}
	return nil
}

// MarkDelivered records that a notice reached the customer's channel.
func (db *DB) MarkDelivered(ctx context.Context, id int64, now time.Time) error {
	_, err := db.x.ExecContext(ctx, db.q(`UPDATE outbox SET delivered_at = ? WHERE id = ?`), now.UTC(), id)
	if err != nil {
		return fmt.Errorf("storage: mark delivered: %w", err)
	}
	return nil
}

// PendingNotices counts notices not yet delivered.
func (db *DB) PendingNotices(ctx context.Context) (int, error) {
	var n int
	if err := db.x.GetContext(ctx, &n, `SELECT COUNT(*) FROM outbox WHERE delivered_at IS NULL`); err != nil {
		return 0, fmt.Errorf("storage: pending notices: %w", err)
	}
	return n, nil
}
