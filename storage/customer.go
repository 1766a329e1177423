package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/jmoiron/sqlx"
)

// Customer is a person who chats with the desk, known by channel and chat id.
type Customer struct {
	ID         int64     `db:"id"`
	Channel    string    `db:"channel"`
	ChatID     string    `db:"chat_id"`
	Name       string    `db:"name"`
	Salutation string    `db:"salutation"`
	Phone      string    `db:"phone"`
	Company    string    `db:"company"`
	Locale     string    `db:"locale"`
	CreatedAt  time.Time `db:"created_at"`
}

const qUpsertCustomer = `INSERT INTO customers (channel, chat_id, name, salutation, phone, company, locale, created_at)
	VALUES (:channel, :chat_id, :name, :salutation, :phone, :company, :locale, :created_at)
	ON CONFLICT (channel, chat_id) DO UPDATE SET name = excluded.name, salutation = excluded.salutation,
	phone = excluded.phone, company = excluded.company, locale = excluded.locale
	RETURNING id`

func upsertCustomer(ctx context.Context, tx *sqlx.Tx, c Customer) (int64, error) {
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
func (db *DB) CustomerByChat(ctx context.Context, channel, chatID string) (*Customer, error) {
	var c Customer
	err := db.x.GetContext(ctx, &c, db.q(`SELECT id, channel, chat_id, name, salutation, phone, company, locale, created_at
		FROM customers WHERE channel = ? AND chat_id = ?`), channel, chatID)
	if err != nil {
		return nil, fmt.Errorf("storage: customer: %w", notFound(err))
	}
	return &c, nil
}
