// Package webchat is the web chat channel: a small page where a customer
// chats with the desk in the browser, and the JSON and Server-Sent Events
// endpoints behind it. Each browser gets a session (a random id in a cookie)
// whose transcript lives in Redis, so any replica can serve it and a reload
// shows the conversation so far.
//
// Routes (all relative, so the handler can be mounted under a prefix with
// http.StripPrefix as long as the page's URL ends in "/"):
//
//	GET  /              the chat page; issues the session cookie
//	GET  /static/...    its stylesheet and script
//	GET  /chat/history  the session's transcript as a JSON array of entries
//	POST /chat/send     one customer turn: {"text": "...", "payload": "..."}
//	GET  /chat/events   new transcript entries as Server-Sent Events
//
// Without a valid session cookie the /chat/ endpoints answer 401: the page
// issues the cookie, so only a client that never loaded it (or lost its
// cookie) gets there, and reloading the page fixes it.
package webchat

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
	"golang.org/x/text/language"
)

// Channel is the name of this channel in dialog.Message.Channel.
const Channel = "webchat"

// Desk runs one customer turn. An error means the turn failed; the customer
// then sees a generic apology and the error is logged. Text renders a reply
// template (the web chat's own error messages live in prompts/ too).
type Desk interface {
	Handle(ctx context.Context, m dialog.Message) ([]dialog.Reply, error)
	Text(locale, key string, data any) (string, error)
}

// recordingDesk is a desk that delivers a turn's replies through the web
// chat's Outlet in the step that saves the turn (dialog.Manager with
// storage.States.DeliverToTranscript): a crash cannot keep the turn and
// lose its replies.
type recordingDesk interface {
	Answer(ctx context.Context, m dialog.Message) ([]dialog.Reply, error)
}

// Chat serves the web chat and delivers the desk's proactive notices to it.
// It implements http.Handler; Outlet is its way out for the desk.
type Chat struct {
	desk   Desk
	tr     *storage.Transcripts
	logger *slog.Logger
	mux    *http.ServeMux

	heartbeat   time.Duration    // SSE comment interval, keeps proxies from closing idle streams
	turnTimeout time.Duration    // how long one desk turn may take
	now         func() time.Time // the clock for entry times

	locales []string                     // the page's languages, the default first
	chrome  map[string]map[string]string // the page's words per language (SetPage)
	matcher language.Matcher             // picks a browser's preferred language among locales
}

// New returns a Chat that passes turns to desk and keeps transcripts in tr.
func New(desk Desk, tr *storage.Transcripts, logger *slog.Logger) *Chat {
	c := &Chat{
		desk:        desk,
		tr:          tr,
		logger:      logger,
		mux:         http.NewServeMux(),
		heartbeat:   15 * time.Second,
		turnTimeout: 25 * time.Second, // within the conversation lock's 30 s
		now:         func() time.Time { return time.Now().UTC() },
	}
	c.SetPage([]string{"zh-CN", "en"}, nil)
	c.mux.HandleFunc("GET /{$}", c.handlePage)
	c.mux.HandleFunc("GET /static/{file}", c.handleStatic)
	c.mux.HandleFunc("GET /chat/history", c.handleHistory)
	c.mux.HandleFunc("POST /chat/send", c.handleSend)
	c.mux.HandleFunc("GET /chat/events", c.handleEvents)
	return c
}

// ServeHTTP serves the page and its endpoints.
func (c *Chat) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Referrer-Policy", "same-origin")
	c.mux.ServeHTTP(w, r)
}

// Outlet is the web chat's way to its customers for the desk
// (dialog.Manager.SetOutlet): the desk's replies become transcript entries
// that the store appends, in the step that saves their cause, and publishes
// to the pages open on the session. It refuses an id that is not a web chat
// session.
func (c *Chat) Outlet() dialog.Outlet {
	return dialog.Outlet{Encode: func(chatID string, replies []dialog.Reply) ([][]byte, error) {
		if !validSession(chatID) {
			return nil, fmt.Errorf("webchat: chat id %q is not a session", chatID)
		}
		return storage.EncodeEntries(c.deskEntries(replies))
	}, LogName: LogName}
}

// LogName names a web chat in log lines: a digest of its session, the same
// on every line, since the session itself is the customer's credential.
func LogName(session string) string {
	sum := sha256.Sum256([]byte(session))
	return "web-" + hex.EncodeToString(sum[:6])
}

// deskEntries turns the desk's replies into transcript entries.
func (c *Chat) deskEntries(replies []dialog.Reply) []storage.Entry {
	at := c.now()
	entries := make([]storage.Entry, 0, len(replies))
	for _, r := range replies {
		e := storage.Entry{From: storage.FromDesk, Text: r.Text, At: at, Lang: r.Lang}
		for _, b := range r.Buttons {
			if b.Contact {
				continue // the browser has no "share my number" button; the customer types it
			}
			e.Buttons = append(e.Buttons, storage.EntryButton{Label: b.Label, Payload: b.Payload})
		}
		entries = append(entries, e)
	}
	return entries
}

// apiError is the body of every failed /chat/ request. Message is written
// for the customer: the page shows it as it is.
type apiError struct {
	Message string `json:"error"`
}

func (c *Chat) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if err := json.NewEncoder(w).Encode(v); err != nil {
		c.logger.DebugContext(r.Context(), "webchat: write response", "err", err)
	}
}

func (c *Chat) writeError(w http.ResponseWriter, r *http.Request, status int, key string) {
	locale := "zh-CN"
	if strings.HasPrefix(strings.ToLower(r.Header.Get("Accept-Language")), "en") {
		locale = "en"
	}
	message, err := c.desk.Text(locale, key, map[string]any{"Max": maxRunes})
	if err != nil {
		c.logger.Error("webchat: render error text", "key", key, "err", err)
		message = key
	}
	c.writeJSON(w, r, status, apiError{Message: message})
}
