package storage

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

// Subject is whom a data request is about: everyone who gave a phone, or
// one chat (channel and chat id).
type Subject struct {
	Phone   string
	Channel string
	ChatID  string
}

// String is the subject as recorded with an erasure: a phone masked to its
// last four digits.
func (s Subject) String() string {
	if s.Phone != "" {
		return "phone ****" + s.Phone[max(0, len(s.Phone)-4):]
	}
	return s.Channel + ":" + s.ChatID
}

// Chat is one chat a subject wrote from.
type Chat struct {
	Channel string `db:"channel" json:"channel"`
	ChatID  string `db:"chat_id" json:"chat_id"`
}

// Held is everything the SQL store holds about a subject.
type Held struct {
	Chats       []Chat              `json:"chats"`
	Customers   []domain.Customer   `json:"customers"`
	Tickets     []domain.Ticket     `json:"tickets"`
	Events      []domain.Event      `json:"events"`
	Callbacks   []domain.Callback   `json:"callbacks"`
	Attachments []domain.Attachment `json:"attachments"`
	Feedback    []Feedback          `json:"feedback"`
	DoNotCall   []DoNotCall         `json:"do_not_call"`
}

// DoNotCall is a customer's wish not to be called back.
type DoNotCall struct {
	Channel   string    `db:"channel" json:"channel"`
	ChatID    string    `db:"chat_id" json:"chat_id"`
	TicketID  int64     `db:"ticket_id" json:"ticket_id"`
	Reason    string    `db:"reason" json:"reason"`
	CreatedAt time.Time `db:"created_at" json:"created_at"`
}

// Empty reports whether nothing is held.
func (h Held) Empty() bool { return len(h.Chats) == 0 && len(h.Tickets) == 0 && len(h.Customers) == 0 }

// Held gathers what is held about s: the chats it wrote from (by the phone
// on a customer row or a ticket, or the chat itself), and every row of
// those chats and their tickets.
func (db *DB) Held(ctx context.Context, s Subject) (Held, error) {
	var h Held
	err := db.inTx(ctx, func(tx *sqlx.Tx) error { return db.held(ctx, tx, s, &h) })
	if err != nil {
		return h, fmt.Errorf("storage: held data: %w", err)
	}
	return h, nil
}

func (db *DB) held(ctx context.Context, tx *sqlx.Tx, s Subject, h *Held) error {
	chats := map[Chat]bool{}
	if s.Phone != "" {
		var cs []Chat
		if err := tx.SelectContext(ctx, &cs, tx.Rebind(`SELECT channel, chat_id FROM customers WHERE phone = ?
			UNION SELECT channel, chat_id FROM tickets WHERE phone = ? OR phone2 = ?`), s.Phone, s.Phone, s.Phone); err != nil {
			return err
		}
		for _, c := range cs {
			chats[c] = true
		}
	} else {
		chats[Chat{Channel: s.Channel, ChatID: s.ChatID}] = true
	}
	for c := range chats {
		h.Chats = append(h.Chats, c)
	}
	sort.Slice(h.Chats, func(i, j int) bool {
		return h.Chats[i].Channel+h.Chats[i].ChatID < h.Chats[j].Channel+h.Chats[j].ChatID
	})
	for _, c := range h.Chats {
		var cus []domain.Customer
		if err := tx.SelectContext(ctx, &cus, tx.Rebind(`SELECT id, channel, chat_id, name, salutation, phone, company, locale, created_at
			FROM customers WHERE channel = ? AND chat_id = ?`), c.Channel, c.ChatID); err != nil {
			return err
		}
		h.Customers = append(h.Customers, cus...)
		var tks []domain.Ticket
		if err := tx.SelectContext(ctx, &tks, tx.Rebind(`SELECT `+ticketCols+` FROM tickets WHERE channel = ? AND chat_id = ? ORDER BY id`), c.Channel, c.ChatID); err != nil {
			return err
		}
		h.Tickets = append(h.Tickets, tks...)
		var fb []Feedback
		if err := tx.SelectContext(ctx, &fb, tx.Rebind(`SELECT id, channel, chat_id, kind, ticket_number, text, created_at
			FROM feedback WHERE channel = ? AND chat_id = ? ORDER BY id`), c.Channel, c.ChatID); err != nil {
			return err
		}
		h.Feedback = append(h.Feedback, fb...)
		var dn []DoNotCall
		if err := tx.SelectContext(ctx, &dn, tx.Rebind(`SELECT channel, chat_id, ticket_id, reason, created_at
			FROM do_not_call WHERE channel = ? AND chat_id = ?`), c.Channel, c.ChatID); err != nil {
			return err
		}
		h.DoNotCall = append(h.DoNotCall, dn...)
	}
	if len(h.Customers) == 0 && len(h.Tickets) == 0 && len(h.Feedback) == 0 && len(h.DoNotCall) == 0 {
		h.Chats = nil // a chat asked about that left no rows
		return nil
	}
	for _, tk := range h.Tickets {
		var es []domain.Event
		if err := tx.SelectContext(ctx, &es, tx.Rebind(`SELECT id, ticket_id, at, actor, kind, detail FROM ticket_events WHERE ticket_id = ? ORDER BY id`), tk.ID); err != nil {
			return err
		}
		h.Events = append(h.Events, es...)
		var cbs []domain.Callback
		if err := tx.SelectContext(ctx, &cbs, tx.Rebind(`SELECT `+callbackCols+` FROM callbacks WHERE ticket_id = ? ORDER BY id`), tk.ID); err != nil {
			return err
		}
		h.Callbacks = append(h.Callbacks, cbs...)
		var as []domain.Attachment
		if err := tx.SelectContext(ctx, &as, tx.Rebind(`SELECT id, ticket_id, channel, kind, file_id, name, mime, size, created_at
			FROM ticket_attachments WHERE ticket_id = ? ORDER BY id`), tk.ID); err != nil {
			return err
		}
		h.Attachments = append(h.Attachments, as...)
	}
	return nil
}

// Erasure is what an erase did.
type Erasure struct {
	Chats   []Chat   // the chats erased: their Redis state is the caller's to delete
	Tickets []string // the tickets anonymised, by number
}

// Erase anonymises everything held about s in one transaction and records
// who did it: names, phones, addresses, serials, the customer's words
// (faults, complaints, suggestions, answers' remarks) and the chat ids are
// removed; what the measures need stays, anonymous: states, products,
// dates, service levels, the callbacks' ratings, quotes and decisions.
// Attachments' references and do-not-call entries are deleted. A second
// erase finds nothing and changes nothing.
func (db *DB) Erase(ctx context.Context, s Subject, actor string, now time.Time) (Erasure, error) {
	var out Erasure
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		var h Held
		if err := db.held(ctx, tx, s, &h); err != nil {
			return err
		}
		if len(h.Customers) == 0 && len(h.Tickets) == 0 && len(h.Feedback) == 0 && len(h.DoNotCall) == 0 {
			return nil
		}
		out.Chats = h.Chats
		for _, c := range h.Chats {
			// The anonymous chat keeps rows of one person together for the
			// measures (a repeat repair) without saying who.
			anon := "erased-" + newToken()[:12]
			for _, q := range []string{
				`UPDATE customers SET chat_id = ?, name = '', salutation = '', phone = '', company = '' WHERE channel = ? AND chat_id = ?`,
				`UPDATE tickets SET chat_id = ?, contact_name = '', salutation = '', phone = '', phone2 = '', company = '', address = '',
					serial = '', asset_number = '', fault = '', preferred_time = '', accessories = '', remarks = '' WHERE channel = ? AND chat_id = ?`,
				`UPDATE feedback SET chat_id = ?, text = '' WHERE channel = ? AND chat_id = ?`,
				`UPDATE staff_threads SET conv_chat_id = ? WHERE conv_channel = ? AND conv_chat_id = ?`,
			} {
				if _, err := tx.ExecContext(ctx, tx.Rebind(q), anon, c.Channel, c.ChatID); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, tx.Rebind(`DELETE FROM do_not_call WHERE channel = ? AND chat_id = ?`), c.Channel, c.ChatID); err != nil {
				return err
			}
		}
		for _, tk := range h.Tickets {
			out.Tickets = append(out.Tickets, tk.Number)
			// The customer's own words and a person's words to them go; the
			// structured events the measures read (states, quotes) stay.
			if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE ticket_events SET detail = '', actor = CASE WHEN actor LIKE 'customer:%' THEN 'customer' ELSE actor END
				WHERE ticket_id = ? AND (actor LIKE 'customer:%' OR kind IN ('staff_reply', 'complaint', 'suggestion', 'praise', 'consult', 'callback_answered', 'reopened', 'notice_undelivered'))`), tk.ID); err != nil {
				return err
			}
			for _, q := range []string{
				`UPDATE callbacks SET suggestion = '' WHERE ticket_id = ?`,
				`DELETE FROM ticket_attachments WHERE ticket_id = ?`,
			} {
				if _, err := tx.ExecContext(ctx, tx.Rebind(q), tk.ID); err != nil {
					return err
				}
			}
		}
		_, err := tx.ExecContext(ctx, tx.Rebind(`INSERT INTO erasures (actor, subject, tickets, chats, at) VALUES (?, ?, ?, ?, ?)`),
			actor, s.String(), strings.Join(out.Tickets, " "), len(h.Chats), now.UTC())
		return err
	})
	if err != nil {
		return out, fmt.Errorf("storage: erase: %w", err)
	}
	return out, nil
}

// ErasureRecord is one erasure as recorded.
type ErasureRecord struct {
	ID      int64     `db:"id"`
	Actor   string    `db:"actor"`
	Subject string    `db:"subject"`
	Tickets string    `db:"tickets"`
	Chats   int       `db:"chats"`
	At      time.Time `db:"at"`
}

// Erasures lists the erasures done, newest first.
func (db *DB) Erasures(ctx context.Context) ([]ErasureRecord, error) {
	var out []ErasureRecord
	if err := db.x.SelectContext(ctx, &out, `SELECT id, actor, subject, tickets, chats, at FROM erasures ORDER BY id DESC`); err != nil {
		return nil, fmt.Errorf("storage: erasures: %w", err)
	}
	return out, nil
}

// ThreadsOf returns the staff-desk threads about a subject's chats, for
// their messages to be redacted before the rows are anonymised (after, the
// threads can no longer be found by the chat).
func (db *DB) ThreadsOf(ctx context.Context, s Subject) ([]Thread, error) {
	h, err := db.Held(ctx, s)
	if err != nil {
		return nil, err
	}
	var out []Thread
	for _, c := range h.Chats {
		var ts []Thread
		if err := db.x.SelectContext(ctx, &ts, db.q(`SELECT `+threadCols+` FROM staff_threads WHERE conv_channel = ? AND conv_chat_id = ?`), c.Channel, c.ChatID); err != nil {
			return nil, fmt.Errorf("storage: threads: %w", err)
		}
		out = append(out, ts...)
	}
	return out, nil
}
