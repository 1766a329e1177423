// Package slacktest is a fake Slack Web API for tests, and builders of the signed
// requests Slack sends to an app: Events API callbacks, interactivity payloads and
// slash commands.
package slacktest

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Identities of the fake workspace and its bot.
const (
	Token     = "xoxb-test-token" // bot token NewServer accepts
	BotUserID = "U0BOT"           // the bot's user id, as auth.test reports it
	BotID     = "B0BOT"           // the bot's bot id, as auth.test reports it
	TeamID    = "T0TEST"          // the workspace id
	AppID     = "A0TEST"          // the app id in inbound payloads
)

const maxBody = 1 << 20 // generous for any Web API call a chat bot makes

// Server is a fake Slack Web API listening on loopback. It is safe for concurrent use.
type Server struct {
	// URL is the API base URL, ending in "/", to pass to slack.OptionAPIURL.
	URL string
	// Token is the only token accepted; others are answered invalid_auth.
	// Change it before the first call, since the handler reads it unlocked.
	Token string

	mu       sync.Mutex
	calls    []Call
	failures []failure
	lastTS   int // sequence number of the last timestamp handed out
	sockOnce sync.Once
	socket   *socket
}

// Call is one recorded Web API request.
type Call struct {
	Method string
	// Fields are the form or JSON parameters, without the token; JSON values that
	// are not strings (blocks, view) keep their JSON text.
	Fields map[string]string
	At     time.Time
	Failed bool   // answered with an error: injected, invalid_auth or invalid_form_data
	TS     string // the ts the answer gave a posted message (chat.postMessage)
}

// NewServer starts a fake Web API accepting Token and closes it when t ends.
func NewServer(t testing.TB) *Server {
	s := &Server{Token: Token}
	hs := httptest.NewServer(http.HandlerFunc(s.serveHTTP))
	s.URL = hs.URL + "/"
	t.Cleanup(hs.Close)
	return s
}

// Fail makes the next times calls to method answer f.
func (s *Server) Fail(method string, times int, f Failure) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failures = append(s.failures, failure{method, times, f})
}

// Calls returns every call recorded since the start or the last Reset.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.calls)
}

// CallsTo returns the recorded calls to method, such as "chat.postMessage".
func (s *Server) CallsTo(method string) []Call {
	var out []Call
	for _, c := range s.Calls() {
		if c.Method == method {
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
			t.Fatalf("slacktest: want %d calls to %s within %v, got %d; calls:%s",
				n, method, timeout, len(s.CallsTo(method)), b.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Reset forgets recorded calls and pending failures. Timestamps keep increasing,
// so a running bot never sees one twice.
func (s *Server) Reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls, s.failures = nil, nil
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
	if r.URL.Path == "/socket" {
		s.serveSocket(w, r)
		return
	}
	if id, ok := strings.CutPrefix(r.URL.Path, "/upload/"); ok {
		s.serveUpload(w, r, id)
		return
	}
	method := strings.TrimPrefix(r.URL.Path, "/")
	if method == "" || strings.Contains(method, "/") {
		http.NotFound(w, r)
		return
	}
	fields, token, err := parseFields(w, r)
	if err != nil {
		s.record(method, fields, true)
		writeFailure(w, APIError("invalid_form_data"))
		return
	}
	// Slack checks the token before anything else, so a bad one consumes no failure.
	if method == "apps.connections.open" {
		s.record(method, fields, token != AppToken)
		if token != AppToken {
			writeFailure(w, APIError("invalid_auth"))
			return
		}
		writeJSON(w, obj{"ok": true, "url": "ws" + strings.TrimPrefix(s.URL, "http") + "socket"})
		return
	}
	if token == "" || token != s.Token {
		s.record(method, fields, true)
		writeFailure(w, APIError("invalid_auth"))
		return
	}
	f, failed, i := s.inject(method, fields)
	if failed {
		writeFailure(w, f)
		return
	}
	ans := s.answer(method, fields)
	if ts, ok := ans["ts"].(string); ok && method == "chat.postMessage" {
		s.mu.Lock()
		if i < len(s.calls) { // not Reset meanwhile
			s.calls[i].TS = ts
		}
		s.mu.Unlock()
	}
	writeJSON(w, ans)
}

func (s *Server) record(method string, fields map[string]string, failed bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.calls = append(s.calls, Call{Method: method, Fields: fields, At: time.Now(), Failed: failed})
}

// inject records the call, consuming the first pending failure for its method.
func (s *Server) inject(method string, fields map[string]string) (Failure, bool, int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := Call{Method: method, Fields: fields, At: time.Now()}
	var f Failure
	if i := slices.IndexFunc(s.failures, func(p failure) bool { return p.method == method }); i >= 0 {
		p := &s.failures[i]
		f, c.Failed = p.f, true
		if p.left--; p.left <= 0 {
			s.failures = slices.Delete(s.failures, i, i+1)
		}
	}
	s.calls = append(s.calls, c)
	return f, c.Failed, len(s.calls) - 1
}

// parseFields flattens the query and a form-encoded or JSON body into one map and
// returns the token apart: slack-go sends it as a form field, or as a Bearer
// Authorization header with JSON bodies.
func parseFields(w http.ResponseWriter, r *http.Request) (map[string]string, string, error) {
	fields := map[string]string{}
	for k, v := range r.URL.Query() {
		fields[k] = v[0]
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		return fields, "", err
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	switch {
	case len(body) == 0:
	case mt == "application/json":
		var m map[string]json.RawMessage
		if err := json.Unmarshal(body, &m); err != nil {
			return fields, "", err
		}
		for k, raw := range m {
			var str string
			if json.Unmarshal(raw, &str) != nil {
				str = string(raw)
			}
			fields[k] = str
		}
	case mt == "application/x-www-form-urlencoded":
		v, err := url.ParseQuery(string(body))
		if err != nil {
			return fields, "", err
		}
		for k := range v {
			fields[k] = v.Get(k)
		}
	default:
		return fields, "", fmt.Errorf("unsupported content type %q", mt)
	}
	token, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if t, ok := fields["token"]; ok {
		token = t
		delete(fields, "token")
	}
	return fields, token, nil
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	json.NewEncoder(w).Encode(v)
}
