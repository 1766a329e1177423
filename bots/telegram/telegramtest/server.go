// Package telegramtest is a fake Telegram Bot API for tests: an httptest server that
// records every call, answers with documented result shapes, injects failures and
// serves queued updates to long polling.
package telegramtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

const (
	maxBody = 50 << 20        // Telegram's upload limit
	maxPoll = 2 * time.Second // cap on a getUpdates wait, so tests stay quick
)

// Server is a fake Bot API listening on loopback. It is safe for concurrent use.
type Server struct {
	// URL is the base URL to give the bot (bot.WithServerURL).
	URL string

	t      testing.TB
	token  string
	closed chan struct{}

	mu       sync.Mutex
	calls    []Call
	failures []failure
	lastMsg  map[string]int64 // last message_id per chat_id
	updates  []queued
	pushed   chan struct{} // closed and replaced by PushUpdate to wake long polls
	slow     map[string]time.Duration
}

// Slow makes every call of method answer only after d (a slow network), so
// that a test can fail something else while sends are in flight.
func (s *Server) Slow(method string, d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.slow == nil {
		s.slow = map[string]time.Duration{}
	}
	s.slow[strings.ToLower(method)] = d
}

// Call is one recorded Bot API request.
type Call struct {
	Method string
	Fields map[string]string // uploaded files appear as their file name
	At     time.Time
	Failed bool // answered with an injected Failure
}

// Failure is an error answer given instead of a method's result.
type Failure struct {
	Status      int // HTTP status and error_code
	Description string
	RetryAfter  int // seconds, sent as parameters.retry_after when positive
}

type failure struct {
	method, chatID string
	left           int
	f              Failure
}

type queued struct {
	id  int64
	raw json.RawMessage
}

// TooManyRequests is Telegram's flood-control answer asking to retry after n seconds.
func TooManyRequests(n int) Failure {
	return Failure{
		Status:      http.StatusTooManyRequests,
		Description: fmt.Sprintf("Too Many Requests: retry after %d", n),
		RetryAfter:  n,
	}
}

// ServerError is an internal error on Telegram's side.
func ServerError() Failure {
	return Failure{Status: http.StatusInternalServerError, Description: "Internal Server Error"}
}

// BadRequest is Telegram's answer to a call it will never take (a text
// too long, a chat that does not exist).
func BadRequest() Failure {
	return Failure{Status: http.StatusBadRequest, Description: "Bad Request: message is too long"}
}

// Forbidden is the answer for a chat whose user blocked the bot.
func Forbidden() Failure {
	return Failure{Status: http.StatusForbidden, Description: "Forbidden: bot was blocked by the user"}
}

// NewServer starts a fake Bot API accepting token and closes it when t ends.
func NewServer(t testing.TB, token string) *Server {
	s := &Server{t: t, token: token, closed: make(chan struct{}),
		lastMsg: map[string]int64{}, pushed: make(chan struct{})}
	hs := httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.URL = hs.URL
	t.Cleanup(func() {
		close(s.closed) // end pending long polls first: Close waits for them
		hs.Close()
	})
	return s
}

// Fail makes the next times calls to method answer f.
func (s *Server) Fail(method string, times int, f Failure) { s.FailFor(method, "", times, f) }

// FailFor makes the next times calls to method for chatID answer f.
func (s *Server) FailFor(method, chatID string, times int, f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{method, chatID, times, f})
}

// Calls returns every call recorded since the start or the last Reset.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// CallsTo returns the recorded calls to method (compared case-insensitively, as Telegram does).
func (s *Server) CallsTo(method string) []Call {
	var out []Call
	for _, c := range s.Calls() {
		if strings.EqualFold(c.Method, method) {
			out = append(out, c)
		}
	}
	return out
}

// WaitCalls waits until at least n calls to method were recorded and returns them;
// it fails t, listing all calls, if that takes longer than timeout.
func (s *Server) WaitCalls(t testing.TB, method string, n int, timeout time.Duration) []Call {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for {
		if calls := s.CallsTo(method); len(calls) >= n {
			return calls
		}
		if time.Now().After(deadline) {
			var b strings.Builder
			for _, c := range s.Calls() {
				fmt.Fprintf(&b, "\n\t%s", c)
			}
			t.Fatalf("telegramtest: want %d calls to %s within %v, got %d; calls:%s",
				n, method, timeout, len(s.CallsTo(method)), b.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Reset forgets recorded calls and pending failures; queued updates and message ids stay,
// so a running bot sees a consistent server.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls, s.failures = nil, nil
}

// PushUpdate queues an update (JSON with an update_id) for getUpdates; call it from
// the test's goroutine, since a malformed update fails the test.
func (s *Server) PushUpdate(raw []byte) {
	var u struct {
		ID *int64 `json:"update_id"`
	}
	if err := json.Unmarshal(raw, &u); err != nil || u.ID == nil {
		s.t.Helper()
		s.t.Fatalf("telegramtest: PushUpdate needs JSON with update_id: %s (%v)", raw, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.updates = append(s.updates, queued{*u.ID, slices.Clone(raw)})
	close(s.pushed)
	s.pushed = make(chan struct{})
}

// String formats c on one line with its fields sorted, for failure messages.
func (c Call) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s", c.At.Format("15:04:05.000"), c.Method)
	for _, k := range slices.Sorted(maps.Keys(c.Fields)) {
		fmt.Fprintf(&b, " %s=%q", k, c.Fields[k])
	}
	if c.Failed {
		b.WriteString(" (failed)")
	}
	return b.String()
}

func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	token, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !strings.HasPrefix(r.URL.Path, "/bot") || !ok || token != s.token ||
		r.Method != http.MethodPost || method == "" || strings.Contains(method, "/") {
		writeFailure(w, Failure{Status: http.StatusNotFound, Description: "Not Found"})
		return
	}
	fields, err := parseFields(w, r)
	if err != nil {
		writeFailure(w, Failure{Status: http.StatusBadRequest, Description: "Bad Request: " + err.Error()})
		return
	}
	s.mu.Lock()
	d := s.slow[strings.ToLower(method)]
	s.mu.Unlock()
	if d > 0 {
		time.Sleep(d) // recorded once answered: a sent message is one that was answered
	}
	if f, failed := s.record(method, fields); failed {
		writeFailure(w, f)
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"ok": true, "result": s.answer(r.Context(), method, fields)})
}

// record logs the call and consumes the first pending failure that matches it.
func (s *Server) record(method string, fields map[string]string) (Failure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := Call{Method: method, Fields: fields, At: time.Now()}
	var f Failure
	for i := range s.failures {
		p := &s.failures[i]
		if strings.EqualFold(p.method, method) && (p.chatID == "" || p.chatID == fields["chat_id"]) {
			f, c.Failed = p.f, true
			if p.left--; p.left <= 0 {
				s.failures = slices.Delete(s.failures, i, i+1)
			}
			break
		}
	}
	s.calls = append(s.calls, c)
	return f, c.Failed
}

// answer returns the documented result of a successful call.
func (s *Server) answer(ctx context.Context, method string, f map[string]string) any {
	switch strings.ToLower(method) {
	case "getme":
		return botUser()
	case "getupdates":
		return s.poll(ctx, f)
	case "sendmessage":
		m := s.sent(f)
		m.Text = f["text"]
		return m
	case "sendphoto":
		m := s.sent(f)
		m.Photo, m.Caption = photoSizes(fmt.Sprintf("sent%d_%d", m.Chat.ID, m.MessageID), 0), f["caption"]
		return m
	case "senddocument":
		m := s.sent(f)
		id := fmt.Sprintf("sent%d_%d", m.Chat.ID, m.MessageID)
		m.Document, m.Caption = &document{FileID: id, FileUniqueID: "u" + id, FileName: f["document"]}, f["caption"]
		return m
	case "editmessagetext", "editmessagereplymarkup", "editmessagecaption":
		if f["inline_message_id"] != "" {
			return true // edits of inline messages return True
		}
		m := &message{MessageID: intField(f, "message_id"), From: botUser(), Date: time.Now().Unix(),
			Chat: chatFor(f["chat_id"]), Text: f["text"], Caption: f["caption"], ReplyMarkup: inlineMarkup(f)}
		m.EditDate = m.Date
		return m
	default: // answerCallbackQuery, setMyCommands, setWebhook, deleteWebhook, ...
		return true
	}
}

// sent builds the message a send* method returns, with the chat's next message_id.
func (s *Server) sent(f map[string]string) *message {
	s.mu.Lock()
	s.lastMsg[f["chat_id"]]++
	id := s.lastMsg[f["chat_id"]]
	s.mu.Unlock()
	return &message{MessageID: id, From: botUser(), Date: time.Now().Unix(),
		Chat: chatFor(f["chat_id"]), ReplyMarkup: inlineMarkup(f)}
}

// poll answers getUpdates: updates below offset are confirmed and dropped, the rest
// returned at once, or after waiting up to the timeout field (capped) for one to arrive.
func (s *Server) poll(ctx context.Context, f map[string]string) []json.RawMessage {
	offset, limit := intField(f, "offset"), int(intField(f, "limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timer := time.NewTimer(min(time.Duration(intField(f, "timeout"))*time.Second, maxPoll))
	defer timer.Stop()
	for {
		out := []json.RawMessage{}
		s.mu.Lock()
		s.updates = slices.DeleteFunc(s.updates, func(q queued) bool { return q.id < offset })
		for _, q := range s.updates[:min(limit, len(s.updates))] {
			out = append(out, q.raw)
		}
		pushed := s.pushed
		s.mu.Unlock()
		if len(out) > 0 {
			return out
		}
		select {
		case <-pushed:
		case <-timer.C:
			return out
		case <-ctx.Done():
			return out
		case <-s.closed:
			return out
		}
	}
}

// parseFields flattens URL query, multipart, JSON and urlencoded parameters, which the
// Bot API all accepts, into one map; JSON values that are not strings keep their JSON text.
func parseFields(w http.ResponseWriter, r *http.Request) (map[string]string, error) {
	fields := map[string]string{}
	for k, v := range r.URL.Query() {
		fields[k] = v[0]
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil || len(body) == 0 {
		// go-telegram/bot sends an empty body for methods without parameters.
		return fields, err
	}
	mt, params, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch mt {
	case "multipart/form-data":
		form, err := multipart.NewReader(bytes.NewReader(body), params["boundary"]).ReadForm(maxBody)
		if err != nil {
			return nil, err
		}
		defer form.RemoveAll()
		for k, v := range form.Value {
			fields[k] = v[0]
		}
		for k, v := range form.File {
			fields[k] = v[0].Filename
		}
	case "application/json":
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			return nil, err
		}
		for k, raw := range m {
			var str string
			if json.Unmarshal(raw, &str) != nil {
				str = string(raw)
			}
			fields[k] = str
		}
	case "application/x-www-form-urlencoded":
		v, err := url.ParseQuery(string(body))
		if err != nil {
			return nil, err
		}
		for k := range v {
			fields[k] = v.Get(k)
		}
	default:
		return nil, fmt.Errorf("unsupported content type %q", mt)
	}
	return fields, nil
}

// chatFor describes chat_id as Telegram would: negative ids are groups, -100… supergroups.
func chatFor(id string) chat {
	n, _ := strconv.ParseInt(id, 10, 64) // "@channel" names have no numeric id here
	switch {
	case strings.HasPrefix(id, "-100"):
		return chat{ID: n, Type: "supergroup", Title: "Test supergroup"}
	case n < 0:
		return chat{ID: n, Type: "group", Title: "Test group"}
	}
	return privateChat(n)
}

// inlineMarkup returns reply_markup when it is an inline keyboard, the only kind
// Telegram echoes back in a Message.
func inlineMarkup(f map[string]string) json.RawMessage {
	var m struct {
		Keyboard json.RawMessage `json:"inline_keyboard"`
	}
	if json.Unmarshal([]byte(f["reply_markup"]), &m) != nil || m.Keyboard == nil {
		return nil
	}
	return json.RawMessage(f["reply_markup"])
}

// intField reads a numeric field; like Telegram, a missing or malformed one counts as 0.
func intField(f map[string]string, key string) int64 {
	n, _ := strconv.ParseInt(f[key], 10, 64)
	return n
}

func writeFailure(w http.ResponseWriter, f Failure) {
	body := map[string]any{"ok": false, "error_code": f.Status, "description": f.Description}
	if f.RetryAfter > 0 {
		body["parameters"] = map[string]int{"retry_after": f.RetryAfter}
	}
	writeJSON(w, f.Status, body)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// An encode error means the client went away; there is no one left to tell.
	json.NewEncoder(w).Encode(v)
}
