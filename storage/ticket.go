package storage

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

// Change describes what a ticket update did, for the event log and for the
// customer: Notice names the notice to push to the customer ("" for none).
type Change struct {
	Kind   string
	Detail string
	Notice string
}

const ticketCols = `id, number, report_key, customer_id, channel, chat_id, locale,
	contact_name, salutation, phone, phone2, company, address, product, model,
	serial, asset_number, purchase_date, warranty_proof, warranty, fault,
	service_mode, preferred_time, accessories, repeat_of, state, engineer,
	diagnosis, quote_cents, quote_work, quote_days, decision, decided_at,
	satisfaction, remarks, created_at, updated_at`

const qUpdateTicket = `UPDATE tickets SET locale = :locale, contact_name = :contact_name,
	salutation = :salutation, phone = :phone, phone2 = :phone2, company = :company,
	address = :address, product = :product, model = :model, serial = :serial,
	purchase_date = :purchase_date, warranty_proof = :warranty_proof, warranty = :warranty,
	fault = :fault, service_mode = :service_mode, preferred_time = :preferred_time,
	accessories = :accessories, state = :state, engineer = :engineer, diagnosis = :diagnosis,
	quote_cents = :quote_cents, quote_work = :quote_work, quote_days = :quote_days,
	decision = :decision, decided_at = :decided_at, satisfaction = :satisfaction,
	remarks = :remarks, updated_at = :updated_at WHERE id = :id`

// TicketByNumber returns the ticket with that number, or ErrNotFound.
func (db *DB) TicketByNumber(ctx context.Context, number string) (*domain.Ticket, error) {
	var t domain.Ticket
	err := db.x.GetContext(ctx, &t, db.q(`SELECT `+ticketCols+` FROM tickets WHERE number = ?`), number)
	if err != nil {
		return nil, fmt.Errorf("storage: ticket %s: %w", number, notFound(err))
	}
	return &t, nil
}

// TicketByID returns the ticket with that id, or ErrNotFound.
func (db *DB) TicketByID(ctx context.Context, id int64) (*domain.Ticket, error) {
	var t domain.Ticket
	err := db.x.GetContext(ctx, &t, db.q(`SELECT `+ticketCols+` FROM tickets WHERE id = ?`), id)
	if err != nil {
		return nil, fmt.Errorf("storage: ticket %d: %w", id, notFound(err))
	}
	return &t, nil
}

// TicketsByID returns the tickets with those ids that exist, by id, in
// one read.
func (db *DB) TicketsByID(ctx context.Context, ids []int64) (map[int64]*domain.Ticket, error) {
	out := map[int64]*domain.Ticket{}
	if len(ids) == 0 {
		return out, nil
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids))) // a batch names a ticket once per event
	q, args, err := sqlx.In(`SELECT `+ticketCols+` FROM tickets WHERE id IN (?)`, ids)
	if err != nil {
		return nil, err
	}
	var ts []domain.Ticket
	if err := db.x.SelectContext(ctx, &ts, db.q(q), args...); err != nil {
		return nil, fmt.Errorf("storage: tickets by id: %w", err)
	}
	for i := range ts {
		out[ts[i].ID] = &ts[i]
	}
	return out, nil
}

// EarlierTickets returns a chat's newest tickets and, when phone is not
// empty, the newest on that phone, up to limit of each, newest first and
// each once, in one read (the repeat-repair check on every new report).
func (db *DB) EarlierTickets(ctx context.Context, channel, chatID, phone string, limit int) ([]domain.Ticket, error) {
	q := `SELECT * FROM (SELECT ` + ticketCols + ` FROM tickets WHERE channel = ? AND chat_id = ? ORDER BY id DESC LIMIT ?) AS chat`
	args := []any{channel, chatID, limit}
	if phone != "" {
		q += ` UNION ALL SELECT * FROM (SELECT ` + ticketCols + ` FROM tickets WHERE phone = ? ORDER BY id DESC LIMIT ?) AS phone`
		args = append(args, phone, limit)
	}
	var ts []domain.Ticket
	if err := db.x.SelectContext(ctx, &ts, db.q(q+` ORDER BY id DESC`), args...); err != nil {
		return nil, fmt.Errorf("storage: earlier tickets: %w", err)
	}
	return slices.CompactFunc(ts, func(a, b domain.Ticket) bool { return a.ID == b.ID }), nil
}

// TicketFilter selects tickets for listing; empty fields match everything.
type TicketFilter struct {
	Channel, ChatID string // the customer's chat identity
	Phone           string // the phone on the ticket
	State           string
	Limit           int // default 50
}

// Tickets lists tickets matching f, newest first.
func (db *DB) Tickets(ctx context.Context, f TicketFilter) ([]domain.Ticket, error) {
	q := `SELECT ` + ticketCols + ` FROM tickets WHERE 1 = 1`
	var args []any
	if f.Channel != "" || f.ChatID != "" {
		q += ` AND channel = ? AND chat_id = ?`
		args = append(args, f.Channel, f.ChatID)
	}
	if f.Phone != "" {
		q += ` AND phone = ?`
		args = append(args, f.Phone)
	}
	if f.State != "" {
		q += ` AND state = ?`
		args = append(args, f.State)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	q += ` ORDER BY id DESC LIMIT ?`
	args = append(args, f.Limit)
	var ts []domain.Ticket
	if err := db.x.SelectContext(ctx, &ts, db.q(q), args...); err != nil {
		return nil, fmt.Errorf("storage: list tickets: %w", err)
	}
	return ts, nil
}

// UpdateTicket changes one ticket in one transaction: it locks the row, lets
// fn change it (fn holds the business rules and may refuse with an error,
// which is returned as is), writes it, records the event with its exact time
// and actor, and queues the customer notice fn asks for in the outbox.
func (db *DB) UpdateTicket(ctx context.Context, number, actor string, now time.Time, fn func(*domain.Ticket) (Change, error)) (*domain.Ticket, error) {
	var t domain.Ticket
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		err := tx.GetContext(ctx, &t, tx.Rebind(`SELECT `+ticketCols+` FROM tickets WHERE number = ?`+db.forUpdate()), number)
		if err != nil {
			return fmt.Errorf("storage: ticket %s: %w", number, notFound(err))
		}
		ch, err := fn(&t)
		if err != nil {
			return err
		}
		t.UpdatedAt = now.UTC()
		q, args, err := tx.BindNamed(qUpdateTicket, &t)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, q, args...); err != nil {
			return fmt.Errorf("storage: update ticket: %w", err)
		}
		if err := insertEvent(ctx, tx, domain.Event{TicketID: t.ID, At: now.UTC(), Actor: actor, Kind: ch.Kind, Detail: ch.Detail}); err != nil {
			return fmt.Errorf("storage: update ticket: %w", err)
		}
		if ch.Notice != "" {
			if _, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO outbox (ticket_id, kind, created_at) VALUES (?, ?, ?)`), t.ID, ch.Notice, now.UTC()); err != nil {
				return fmt.Errorf("storage: queue notice: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// JobStates returns the states of the chat's tickets that are not closed or
// cancelled (a quote waiting, a job under way), at most ten. It is asked on
// most first messages, so it is one short prepared query.
func (db *DB) JobStates(ctx context.Context, channel, chatID string) ([]string, error) {
	stmt, err := db.jobStates.get(func() (*sqlx.Stmt, error) {
		return db.x.PreparexContext(context.WithoutCancel(ctx),
			db.x.Rebind(`SELECT state FROM tickets WHERE channel = ? AND chat_id = ? AND state NOT IN ('closed', 'cancelled') LIMIT 10`))
	})
	if err != nil {
		return nil, fmt.Errorf("storage: job states: %w", err)
	}
	var out []string
	if err := stmt.SelectContext(ctx, &out, channel, chatID); err != nil {
		return nil, fmt.Errorf("storage: job states: %w", err)
	}
	return out, nil
}
