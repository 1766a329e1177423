package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

const qInsertTicket = `INSERT INTO tickets (report_key, customer_id, channel, chat_id, locale,
	contact_name, salutation, phone, phone2, company, address, product, model,
	serial, asset_number, purchase_date, warranty_proof, warranty, fault,
	service_mode, preferred_time, accessories, repeat_of, state, created_at, updated_at)
	VALUES (:report_key, :customer_id, :channel, :chat_id, :locale,
	:contact_name, :salutation, :phone, :phone2, :company, :address, :product, :model,
	:serial, :asset_number, :purchase_date, :warranty_proof, :warranty, :fault,
	:service_mode, :preferred_time, :accessories, :repeat_of, :state, :created_at, :updated_at)
	ON CONFLICT (report_key) DO NOTHING RETURNING id`

// qCreateTicketPG is CreateTicket on PostgreSQL in one statement (one
// round trip, and its own transaction): the customer, the ticket with its
// number from the id it takes from the sequence, the "created" event and
// the attachments. On a report_key already used it makes nothing and
// returns no row (the customer is still brought up to date, as the
// transaction on SQLite does).
const qCreateTicketPG = `WITH c AS (
	INSERT INTO customers (channel, chat_id, name, salutation, phone, company, locale, created_at)
	VALUES (:channel, :chat_id, :contact_name, :salutation, :phone, :company, :locale, :created_at)
	ON CONFLICT (channel, chat_id) DO UPDATE SET name = excluded.name, salutation = excluded.salutation,
	phone = excluded.phone, company = excluded.company, locale = excluded.locale
	RETURNING id
), n AS (SELECT nextval(pg_get_serial_sequence('tickets', 'id')) AS id
), t AS (
	INSERT INTO tickets (id, number, report_key, customer_id, channel, chat_id, locale,
	contact_name, salutation, phone, phone2, company, address, product, model,
	serial, asset_number, purchase_date, warranty_proof, warranty, fault,
	service_mode, preferred_time, accessories, repeat_of, state, created_at, updated_at)
	SELECT n.id, 'FD-' || (1000 + n.id), :report_key, c.id, :channel, :chat_id, :locale,
	:contact_name, :salutation, :phone, :phone2, :company, :address, :product, :model,
	:serial, :asset_number, :purchase_date, :warranty_proof, :warranty, :fault,
	:service_mode, :preferred_time, :accessories, :repeat_of, :state, :created_at, :updated_at
	FROM c, n
	ON CONFLICT (report_key) DO NOTHING RETURNING id, number, customer_id
), e AS (
	INSERT INTO ticket_events (ticket_id, at, actor, kind, detail)
	SELECT t.id, :created_at, :actor, 'created', :repeat_of FROM t
), a AS (
	INSERT INTO ticket_attachments (ticket_id, channel, kind, file_id, name, mime, size, created_at)
	SELECT t.id, x.channel, x.kind, x.file_id, x.name, x.mime, x.size, x.created_at
	FROM t, unnest(CAST(:a_channel AS text[]), CAST(:a_kind AS text[]), CAST(:a_file_id AS text[]),
	CAST(:a_name AS text[]), CAST(:a_mime AS text[]), CAST(:a_size AS bigint[]), CAST(:a_created_at AS timestamptz[]))
	AS x(channel, kind, file_id, name, mime, size, created_at)
)
SELECT id, number, customer_id FROM t`

// createParams are qCreateTicketPG's arguments: the ticket, the actor of
// its event, and its attachments column by column.
type createParams struct {
	*domain.Ticket
	Actor      string      `db:"actor"`
	AChannel   []string    `db:"a_channel"`
	AKind      []string    `db:"a_kind"`
	AFileID    []string    `db:"a_file_id"`
	AName      []string    `db:"a_name"`
	AMime      []string    `db:"a_mime"`
	ASize      []int64     `db:"a_size"`
	ACreatedAt []time.Time `db:"a_created_at"`
}

// CreateTicket registers t for its customer atomically: the customer row,
// the ticket with its number, the "created" event, its attachments.
// ReportKey makes it idempotent: a second call with the same key returns
// the ticket the first one made, with created false. The number is FD-
// followed by 1000 plus the row id, so it is unique under any concurrency.
// PostgreSQL does it in one statement, SQLite in one transaction.
func (db *DB) CreateTicket(ctx context.Context, t *domain.Ticket, actor string) (created bool, err error) {
	t.CreatedAt = t.CreatedAt.UTC()
	t.UpdatedAt = t.CreatedAt
	if t.State == "" {
		t.State = domain.StateNew
	}
	if db.postgres {
		created, err = db.createTicketPG(ctx, t, actor)
	} else {
		created, err = db.createTicketTx(ctx, t, actor)
	}
	if err != nil {
		return false, fmt.Errorf("storage: create ticket: %w", err)
	}
	return created, nil
}

func (db *DB) createTicketPG(ctx context.Context, t *domain.Ticket, actor string) (bool, error) {
	p := createParams{Ticket: t, Actor: actor}
	for _, a := range t.Attachments {
		p.AChannel, p.AKind, p.AFileID = append(p.AChannel, a.Channel), append(p.AKind, a.Kind), append(p.AFileID, a.FileID)
		p.AName, p.AMime, p.ASize = append(p.AName, a.Name), append(p.AMime, a.Mime), append(p.ASize, a.Size)
		p.ACreatedAt = append(p.ACreatedAt, a.CreatedAt.UTC())
	}
	stmt, err := db.create.get(func() (*sqlx.NamedStmt, error) {
		return db.x.PrepareNamedContext(context.WithoutCancel(ctx), qCreateTicketPG)
	})
	if err != nil {
		return false, err
	}
	var made struct {
		ID         int64  `db:"id"`
		Number     string `db:"number"`
		CustomerID int64  `db:"customer_id"`
	}
	if err := stmt.GetContext(ctx, &made, p); err != nil {
		if notFound(err) != ErrNotFound {
			return false, err
		}
		// conflict on report_key: already made
		return false, db.x.GetContext(ctx, t, db.q(`SELECT `+ticketCols+` FROM tickets WHERE report_key = ?`), t.ReportKey)
	}
	t.ID, t.Number, t.CustomerID = made.ID, made.Number, made.CustomerID
	db.written.ring() // its own transaction committed (inTx rings for SQLite's)
	return true, nil
}

func (db *DB) createTicketTx(ctx context.Context, t *domain.Ticket, actor string) (created bool, err error) {
	err = db.inTx(ctx, func(tx *sqlx.Tx) error {
		cid, err := upsertCustomer(ctx, tx, domain.Customer{Channel: t.Channel, ChatID: t.ChatID,
			Name: t.ContactName, Salutation: t.Salutation, Phone: t.Phone, Company: t.Company,
			Locale: t.Locale, CreatedAt: t.CreatedAt})
		if err != nil {
			return err
		}
		t.CustomerID = cid
		q, args, err := tx.BindNamed(qInsertTicket, t)
		if err != nil {
			return err
		}
		var id int64
		if err := tx.GetContext(ctx, &id, q, args...); err != nil {
			if notFound(err) == ErrNotFound { // conflict on report_key: already made
				return tx.GetContext(ctx, t, tx.Rebind(`SELECT `+ticketCols+` FROM tickets WHERE report_key = ?`), t.ReportKey)
			}
			return err
		}
		created = true
		t.ID = id
		t.Number = fmt.Sprintf("FD-%d", 1000+id)
		if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE tickets SET number = ? WHERE id = ?`), t.Number, id); err != nil {
			return err
		}
		if err := insertAttachments(ctx, tx, id, t.Attachments); err != nil {
			return err
		}
		return insertEvent(ctx, tx, domain.Event{TicketID: id, At: t.CreatedAt, Actor: actor, Kind: "created", Detail: t.RepeatOf})
	})
	return created, err
}
