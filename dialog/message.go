// Package dialog is the front desk itself: it turns a customer's message
// into replies and ticket changes through small flows (report a fault, check
// status, answer a quote, ...), keeps each chat's state in storage, and runs
// the staff operations whose results are pushed to customers. It knows no
// platform: channel adapters translate to and from Message and Reply.
package dialog

import (
	"time"
)

// Message is one thing a customer did: typed text or pressed a button.
type Message struct {
	Channel string    // "webchat", "telegram", ...
	ChatID  string    // the chat's id on that channel
	Text    string    // what they typed (or a file's caption); empty for a button press
	Payload string    // the pressed button's payload; empty for text
	Phone   string    // a phone number the platform vouches for (the sender's own shared contact)
	At      time.Time // when it arrived; zero means now

	// Seq is the platform's increasing number for this update (Telegram's
	// update_id): a message whose Seq is not above the chat's last is a
	// redelivery and changes nothing. Zero turns the check off.
	Seq int64
	// MessageID is the platform's id of the message; Edited says this is a
	// correction of that earlier message.
	MessageID string
	Edited    bool
	// Attachments are photos or documents sent with the message.
	Attachments []Attachment
	// Location is a shared map location, which may answer the address.
	Location *Location
	// ForeignContact says the customer shared someone else's contact card.
	ForeignContact bool
	// Group says the message came from a group chat; the desk serves
	// private chats only.
	Group bool
}

// Attachment is a file sent by the customer, kept by the platform.
type Attachment struct {
	Kind   string // photo or document
	FileID string // the platform's reference to the file
	Name   string
	Mime   string
	Size   int64
	Album  string // the album (media group) it belongs to, if any
}

// Location is a point on the map.
type Location struct {
	Lat, Lon float64
}

// Reply is one message from the desk to the customer.
type Reply struct {
	Key     string   `json:"key,omitempty"` // the template it was rendered from, for logs and tests
	Text    string   `json:"text"`
	Buttons []Button `json:"buttons,omitempty"`
	// Lang is the locale the text was written in, so a channel with page
	// chrome of its own (the web chat) can show it in the same language.
	Lang string `json:"lang,omitempty"`
	// ID names a queued reply, so that a sender recognises one already
	// sent when the step after sending failed (see Queued).
	ID string `json:"id,omitempty"`
	// Ticket is the number of the ticket the reply is about, when its turn
	// or notice knows one: the sender's log lines carry it.
	Ticket string `json:"ticket,omitempty"`
}

// Queued returns r as queued for a sender: with an identity of its own.
func (r Reply) Queued() Reply {
	if r.ID == "" {
		r.ID = newKey()
	}
	return r
}

// Button is a choice offered with a reply; pressing it sends Payload back.
type Button struct {
	Label   string `json:"label"`
	Payload string `json:"payload"`
	// Contact asks the platform for a "share my phone number" button
	// instead; channels without one leave it out.
	Contact bool `json:"contact,omitempty"`
}
