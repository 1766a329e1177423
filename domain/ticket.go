// Package domain is the desk's home for what the trade means, with no I/O:
// the ticket, its states and the moves staff may make, its event log,
// customers, callbacks and service-level timers, the working-hours
// calendar and the service-level plan (docs/TRADE.md). Package storage
// reads and writes these types; dialog, schedule, report and the staff
// desks decide with them.
package domain

import (
	"errors"
	"fmt"
	"time"
)

// Ticket states, in lifecycle order (docs/TRADE.md, Lifecycle).
const (
	StateNew          = "new"
	StateDiagnosed    = "diagnosed"
	StateQuoted       = "quoted"
	StateApproved     = "approved"
	StateRepairing    = "repairing"
	StateWaitingParts = "waiting_parts"
	StateReady        = "ready"
	StateClosed       = "closed"
	StateCancelled    = "cancelled"
)

// Ticket is one service ticket (维修服务单), from report to callback.
type Ticket struct {
	ID            int64      `db:"id"`
	Number        string     `db:"number"`
	ReportKey     string     `db:"report_key"`
	CustomerID    int64      `db:"customer_id"`
	Channel       string     `db:"channel"`
	ChatID        string     `db:"chat_id"`
	Locale        string     `db:"locale"`
	ContactName   string     `db:"contact_name"`
	Salutation    string     `db:"salutation"`
	Phone         string     `db:"phone"`
	Phone2        string     `db:"phone2"`
	Company       string     `db:"company"`
	Address       string     `db:"address"`
	Product       string     `db:"product"`
	Model         string     `db:"model"`
	Serial        string     `db:"serial"`
	AssetNumber   string     `db:"asset_number"`
	PurchaseDate  string     `db:"purchase_date"`
	WarrantyProof string     `db:"warranty_proof"`
	Warranty      string     `db:"warranty"`
	Fault         string     `db:"fault"`
	ServiceMode   string     `db:"service_mode"`
	PreferredTime string     `db:"preferred_time"`
	Accessories   string     `db:"accessories"`
	RepeatOf      string     `db:"repeat_of"`
	State         string     `db:"state"`
	Engineer      string     `db:"engineer"`
	Diagnosis     string     `db:"diagnosis"`
	QuoteCents    int64      `db:"quote_cents"`
	QuoteWork     string     `db:"quote_work"`
	QuoteDays     int        `db:"quote_days"`
	Decision      string     `db:"decision"`
	DecidedAt     *time.Time `db:"decided_at"`
	Satisfaction  string     `db:"satisfaction"`
	Remarks       string     `db:"remarks"`
	CreatedAt     time.Time  `db:"created_at"`
	UpdatedAt     time.Time  `db:"updated_at"`

	// Attachments are stored with the ticket by CreateTicket; not read back
	// with it (see DB.Attachments).
	Attachments []Attachment `db:"-"`
}

// StatusMoves lists the states staff may move a ticket to from each state.
// Quoted tickets move on by the customer's decision; a quote is posted with
// Quote and a diagnosis with Diagnose.
var StatusMoves = map[string][]string{
	StateNew:          {StateApproved, StateRepairing, StateWaitingParts, StateCancelled, StateClosed},
	StateDiagnosed:    {StateApproved, StateRepairing, StateWaitingParts, StateCancelled, StateClosed},
	StateQuoted:       {StateCancelled, StateClosed},
	StateApproved:     {StateRepairing, StateWaitingParts, StateReady, StateClosed},
	StateRepairing:    {StateWaitingParts, StateReady, StateClosed},
	StateWaitingParts: {StateRepairing, StateReady, StateClosed},
	StateReady:        {StateRepairing, StateClosed},
	StateClosed:       {StateRepairing, StateNew},
}

// States lists every ticket state, for help texts and validation.
var States = []string{StateNew, StateDiagnosed, StateQuoted, StateApproved,
	StateRepairing, StateWaitingParts, StateReady, StateClosed, StateCancelled}

// Attachment is a photo or document of a fault, held by the channel
// (FileID is the channel's reference, e.g. Telegram's file_id).
type Attachment struct {
	ID        int64     `db:"id" json:"-"`
	TicketID  int64     `db:"ticket_id" json:"-"`
	Channel   string    `db:"channel" json:"channel"`
	Kind      string    `db:"kind" json:"kind"` // photo or document
	FileID    string    `db:"file_id" json:"file_id"`
	Name      string    `db:"name" json:"name,omitempty"`
	Mime      string    `db:"mime" json:"mime,omitempty"`
	Size      int64     `db:"size" json:"size,omitempty"`
	CreatedAt time.Time `db:"created_at" json:"at"`
}

// Event is one entry of a ticket's append-only log: what changed, when to
// the second, and who did it ("customer:webchat:abc", "staff:wang", "bot").
type Event struct {
	ID       int64     `db:"id"`
	TicketID int64     `db:"ticket_id"`
	At       time.Time `db:"at"`
	Actor    string    `db:"actor"`
	Kind     string    `db:"kind"`
	Detail   string    `db:"detail"`
}

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

// ErrNotAllowed means the change does not fit the ticket's current state
// (closing a cancelled ticket, quoting an in-warranty repair, deciding a
// quote twice).
var ErrNotAllowed = errors.New("not allowed in this state")

// NotAllowed is ErrNotAllowed for doing what to tk, naming its state.
func NotAllowed(tk *Ticket, what string) error {
	return fmt.Errorf("%s: %s is %s: %w", what, tk.Number, tk.State, ErrNotAllowed)
}
