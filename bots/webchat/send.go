package webchat

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"os"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
)

// Limits of one customer message.
const (
	maxBody  = 16 << 10 // bytes of a /chat/send request body
	maxRunes = 2000     // characters of typed text: the most the desk takes in one message
)

// What a customer reads when a request fails: template keys of prompts/,
// rendered in the browser's language. The page shows them as they are,
// except for 5xx, where it shows its own apology.
const (
	msgNoSession   = "webchat.no_session"
	msgContentType = "webchat.bad_request"
	msgMalformed   = "webchat.malformed"
	msgEmpty       = "webchat.empty"
	msgTooLong     = "webchat.too_long"
	msgTooLarge    = "webchat.too_large"
	msgFailed      = "webchat.failed"
)

// sendRequest is one customer action. For a typed message Text is what they
// typed and Payload is empty. For a pressed button Payload is its payload
// and Text its label, which is shown in the transcript but not passed to the
// desk as typed text.
type sendRequest struct {
	Text    string `json:"text"`
	Payload string `json:"payload"`
	// ID is the page's own id for this message (letters, digits, - and _),
	// so a message sent again after a failure is taken once: its entry is
	// not drawn twice and a turn already run is not run again.
	ID string `json:"id,omitempty"`
}

// validClientID reports whether id is a usable client message id.
func validClientID(id string) bool {
	if len(id) < 8 || len(id) > 64 {
		return false
	}
	for _, r := range id {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}

// takenFor is how long a handled message id is remembered: far longer than
// a page retries.
const takenFor = time.Hour

// handleSend runs one turn: it records the customer's entry, asks the desk,
// records the replies and returns them (the page draws them from the event
// stream; the body is for other clients). Turns of one session run in order
// because the page sends one request at a time.
//
// Codes: 401 without a session, 415 unless the body is JSON (a cross-site
// form cannot send that without CORS), 413 over 16 KiB, 400 malformed, empty
// or over 2000 characters, 500 when the desk or Redis fails.
func (c *Chat) handleSend(w http.ResponseWriter, r *http.Request) {
	session, ok := sessionFrom(r)
	if !ok {
		c.writeError(w, r, http.StatusUnauthorized, msgNoSession)
		return
	}
	if mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); mt != "application/json" {
		c.writeError(w, r, http.StatusUnsupportedMediaType, msgContentType)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		c.writeError(w, r, http.StatusRequestEntityTooLarge, msgTooLarge)
		return
	case errors.Is(err, os.ErrDeadlineExceeded):
		c.writeError(w, r, http.StatusRequestTimeout, msgMalformed)
		return
	case err != nil:
		c.writeError(w, r, http.StatusBadRequest, msgMalformed)
		return
	}
	var req sendRequest
	if err := json.Unmarshal(body, &req); err != nil {
		c.writeError(w, r, http.StatusBadRequest, msgMalformed)
		return
	}
	req.Text = strings.TrimSpace(req.Text)
	switch {
	case req.Text == "" && req.Payload == "":
		c.writeError(w, r, http.StatusBadRequest, msgEmpty)
		return
	case utf8.RuneCountInString(req.Text) > maxRunes:
		c.writeError(w, r, http.StatusBadRequest, msgTooLong)
		return
	case req.ID != "" && !validClientID(req.ID):
		c.writeError(w, r, http.StatusBadRequest, msgMalformed)
		return
	}

	// The turn outlives a customer who closes the tab: its replies are
	// recorded and shown on the next visit, and a half-run turn could leave
	// the ticket and the conversation out of step.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), c.turnTimeout)
	defer cancel()
	replies, err := c.turn(ctx, session, req)
	if err != nil {
		c.logger.ErrorContext(ctx, "webchat: turn failed", "chat", LogName(session), "err", err)
		c.writeError(w, r, http.StatusInternalServerError, msgFailed)
		return
	}
	if replies == nil {
		replies = []dialog.Reply{}
	}
	c.writeJSON(w, r, http.StatusOK, replies)
}

// turn records the customer's entry, runs the desk and records its replies.
// A message with the page's id is taken once: sent again after a failure,
// its entry is not drawn twice, and after a whole turn (the answer lost on
// the way) it is not run again.
func (c *Chat) turn(ctx context.Context, session string, req sendRequest) ([]dialog.Reply, error) {
	m := dialog.Message{Channel: Channel, ChatID: session, Text: req.Text, At: c.now()}
	shown := req.Text
	if req.Payload != "" {
		m.Text, m.Payload = "", req.Payload
		if shown == "" {
			shown = req.Payload
		}
	}
	entry := storage.Entry{From: storage.FromCustomer, Text: shown, At: m.At}
	if req.ID == "" {
		if err := c.tr.Append(ctx, session, entry); err != nil {
			return nil, err
		}
	} else {
		if taken, err := c.tr.Taken(ctx, session, req.ID); err != nil || taken {
			return []dialog.Reply{}, err
		}
		entry.ID = "c-" + req.ID
		if _, err := c.tr.AppendOnce(ctx, session, entry); err != nil {
			return nil, err
		}
	}
	var replies []dialog.Reply
	var err error
	if d, ok := c.desk.(recordingDesk); ok {
		// the replies reach the transcript in the step that saves the turn
		replies, err = d.Answer(ctx, m)
	} else {
		replies, err = c.desk.Handle(ctx, m)
		if err == nil {
			err = c.tr.Append(ctx, session, c.deskEntries(replies)...)
		}
	}
	if err != nil {
		return nil, fmt.Errorf("desk: %w", err)
	}
	if req.ID != "" {
		if err := c.tr.MarkTaken(ctx, session, req.ID, takenFor); err != nil {
			// the turn stands; a page that lost this answer and sends
			// again would see its turn run twice
			c.logger.WarnContext(ctx, "webchat: message not marked taken", "err", err)
		}
	}
	return replies, nil
}
