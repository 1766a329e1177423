package storage

import (
	"context"
	"fmt"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

const qUpsertCustomer = `INSERT INTO customers (channel, chat_id, name, salutation, phone, company, locale, created_at)
	VALUES (:channel, :chat_id, :name, :salutation, :phone, :company, :locale, :created_at)
	ON CONFLICT (channel, chat_id) DO UPDATE SET name = excluded.name, salutation = excluded.salutation,
	phone = excluded.phone, company = excluded.company, locale = excluded.locale
	RETURNING id`

func upsertCustomer(ctx context.Context, tx *sqlx.Tx, c domain.Customer) (int64, error) {
	q, args, err := tx.BindNamed(qUpsertCustomer, c)
	if err != nil {
		return 0, err
	}
	var id int64
	if err := tx.GetContext(ctx, &id, q, args...); err != nil {
		return 0, fmt.Errorf("upsert customer: %w", err)
	}
	return id, nil
}

// CustomerByChat returns the customer known on that chat, or ErrNotFound.
func (db *DB) CustomerByChat(ctx context.Context, channel, chatID string) (*domain.Customer, error) {
	var c domain.Customer
	err := db.x.GetContext(ctx, &c, db.q(`SELECT id, channel, chat_id, name, salutation, phone, company, locale, created_at
		FROM customers WHERE channel = ? AND chat_id = ?`), channel, chatID)
	if err != nil {
		return nil, fmt.Errorf("storage: customer: %w", notFound(err))
	}
	return &c, nil
}
