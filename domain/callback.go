package domain

import "time"

// Callback states.
const (
	CallbackScheduled = "scheduled" // waiting for its time
	CallbackAsked     = "asked"     // the first question went out
	CallbackBusy      = "busy"      // the customer asked to be asked later
	CallbackAnswered  = "answered"  // done, answers stored
	CallbackRefused   = "refused"   // the customer declined; on the do-not-call list
	CallbackSkipped   = "skipped"   // not made (do-not-call, ticket reopened meanwhile)
)

// CallbackStates lists every callback state (metrics report each, at zero
// too).
var CallbackStates = []string{CallbackScheduled, CallbackAsked, CallbackBusy, CallbackAnswered, CallbackRefused, CallbackSkipped}

// Callback is one after-visit callback (回访) of a ticket.
type Callback struct {
	ID           int64      `db:"id"`
	TicketID     int64      `db:"ticket_id"`
	CloseEventID int64      `db:"close_event_id"`
	Category     string     `db:"category"`
	Round        int        `db:"round"`
	DueAt        time.Time  `db:"due_at"`
	State        string     `db:"state"`
	Working      string     `db:"working"`
	Attitude     string     `db:"attitude"`
	Quality      string     `db:"quality"`
	Suggestion   string     `db:"suggestion"`
	AskedAt      *time.Time `db:"asked_at"`
	AnsweredAt   *time.Time `db:"answered_at"`
	CreatedAt    time.Time  `db:"created_at"`
}
