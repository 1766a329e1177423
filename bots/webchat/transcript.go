package webchat

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/storage"
)

// handleHistory returns the session's transcript as a JSON array of
// storage.Entry, oldest first.
func (c *Chat) handleHistory(w http.ResponseWriter, r *http.Request) {
	session, ok := sessionFrom(r)
	if !ok {
		c.writeError(w, r, http.StatusUnauthorized, msgNoSession)
		return
	}
	entries, err := c.tr.History(r.Context(), session)
	if err != nil {
		c.logger.ErrorContext(r.Context(), "webchat: history", "chat", LogName(session), "err", err)
		c.writeError(w, r, http.StatusInternalServerError, msgFailed)
		return
	}
	c.writeJSON(w, r, http.StatusOK, entries)
}

// handleEvents streams the session's new entries as Server-Sent Events, one
// "message" event per entry with the entry's id as the event id and its JSON
// as data, until the client goes away.
//
// On connect it first sends the entries after the one the client saw last
// (the Last-Event-ID header of a reconnecting EventSource, else the "after"
// query parameter; all of them when that id is unknown), so nothing appended
// between the page's history request and the stream is lost. The client
// drops entries it already has by id.
func (c *Chat) handleEvents(w http.ResponseWriter, r *http.Request) {
	session, ok := sessionFrom(r)
	if !ok {
		c.writeError(w, r, http.StatusUnauthorized, msgNoSession)
		return
	}
	ctx := r.Context()
	// Subscribe before reading the history: an entry appended in between is
	// then in both, never in neither.
	live, stop, err := c.tr.Subscribe(ctx, session)
	if err != nil {
		c.logger.ErrorContext(ctx, "webchat: events", "chat", LogName(session), "err", err)
		c.writeError(w, r, http.StatusInternalServerError, msgFailed)
		return
	}
	defer stop()
	history, err := c.tr.History(ctx, session)
	if err != nil {
		c.logger.ErrorContext(ctx, "webchat: events", "chat", LogName(session), "err", err)
		c.writeError(w, r, http.StatusInternalServerError, msgFailed)
		return
	}

	rc := http.NewResponseController(w)
	// The stream lives as long as the page; a server-wide WriteTimeout
	// must not cut it.
	if err := rc.SetWriteDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		c.logger.DebugContext(ctx, "webchat: events: clear write deadline", "err", err)
	}
	// nor the server's read timeout (the request is read; the connection
	// stays open for the answer)
	if err := rc.SetReadDeadline(time.Time{}); err != nil && !errors.Is(err, http.ErrNotSupported) {
		c.logger.DebugContext(ctx, "webchat: events: clear read deadline", "err", err)
	}
	h := w.Header()
	h.Set("Content-Type", "text/event-stream; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no") // tell nginx not to buffer the stream
	w.WriteHeader(http.StatusOK)

	after := r.Header.Get("Last-Event-ID")
	if after == "" {
		after = r.URL.Query().Get("after")
	}
	missed := entriesAfter(history, after)
	replayed := make(map[string]bool, len(missed))
	if _, err := io.WriteString(w, "retry: 3000\n\n"); err != nil {
		return
	}
	for _, e := range missed {
		replayed[e.ID] = true
		if err := writeEvent(w, e); err != nil {
			return
		}
	}
	if err := rc.Flush(); err != nil {
		return
	}

	tick := time.NewTicker(c.heartbeat)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case e, ok := <-live:
			if !ok {
				return // the page's EventSource reconnects
			}
			if replayed[e.ID] {
				continue
			}
			if err := writeEvent(w, e); err != nil {
				return
			}
		case <-tick.C:
			// A comment line: ignored by EventSource, keeps proxies and
			// load balancers from closing an idle connection.
			if _, err := io.WriteString(w, ": ping\n\n"); err != nil {
				return
			}
		}
		if err := rc.Flush(); err != nil {
			return
		}
	}
}

// entriesAfter returns the entries that follow the one with id after, or all
// of them when after is empty or no longer in the history.
func entriesAfter(history []storage.Entry, after string) []storage.Entry {
	if after == "" {
		return history
	}
	for i, e := range history {
		if e.ID == after {
			return history[i+1:]
		}
	}
	return history
}

// writeEvent writes one entry as an SSE event. JSON has no raw newlines, so
// the data fits on one line; an id that would break the framing is left out
// (Append only makes hex ids).
func writeEvent(w io.Writer, e storage.Entry) error {
	data, err := json.Marshal(e)
	if err != nil {
		return fmt.Errorf("webchat: encode entry: %w", err)
	}
	if e.ID != "" && !strings.ContainsAny(e.ID, "\r\n") {
		if _, err := fmt.Fprintf(w, "id: %s\n", e.ID); err != nil {
			return err
		}
	}
	_, err = fmt.Fprintf(w, "data: %s\n\n", data)
	return err
}
