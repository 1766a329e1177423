// Package dialog is the front desk itself: it turns a customer's message
// into replies and ticket changes through small flows (report a fault, check
// status, answer a quote, ...), keeps each chat's state in storage, and runs
// the staff operations whose results are pushed to customers. It knows no
// platform: channel adapters translate to and from Message and Reply.
package dialog

import (
	"context"
	"time"
)

// Message is one thing a customer did: typed text or pressed a button.
type Message struct {
	Channel string    // "webchat", "telegram", ...
	ChatID  string    // the chat's id on that channel
	Text    string    // what they typed; empty for a button press
	Payload string    // the pressed button's payload; empty for text
	Phone   string    // a phone number the platform vouches for (a shared contact)
	At      time.Time // when it arrived; zero means now
}

// Reply is one message from the desk to the customer.
type Reply struct {
	Key     string   `json:"-"` // the template it was rendered from, for logs and tests
	Text    string   `json:"text"`
	Buttons []Button `json:"buttons,omitempty"`
}

// Button is a choice offered with a reply; pressing it sends Payload back.
type Button struct {
	Label   string `json:"label"`
	Payload string `json:"payload"`
}

// Sender delivers replies to one chat of a channel. Adapters implement it so
// that notices (a quote, a status change) reach customers proactively.
type Sender interface {
	Send(ctx context.Context, chatID string, replies []Reply) error
}
