package webchat

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/redis/go-redis/v9"
)

// scriptedDesk answers a few known messages and echoes the rest. It records
// what it was given.
type scriptedDesk struct {
	mu   sync.Mutex
	got  []dialog.Message
	fail error
}

func (d *scriptedDesk) Handle(_ context.Context, m dialog.Message) ([]dialog.Reply, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.got = append(d.got, m)
	if d.fail != nil {
		return nil, d.fail
	}
	switch {
	case m.Text == "hi":
		return []dialog.Reply{{
			Text: "您好！What can we do?\nPick one:",
			Buttons: []dialog.Button{
				{Label: "Report a fault", Payload: "flow:report"},
				{Label: "Check status", Payload: "flow:status"},
			},
		}}, nil
	case m.Payload == "flow:report":
		return []dialog.Reply{{Text: "Which product is it?"}}, nil
	case m.Payload != "":
		return []dialog.Reply{{Text: "pressed " + m.Payload}}, nil
	}
	return []dialog.Reply{{Text: "echo: " + m.Text}}, nil
}

func (d *scriptedDesk) messages() []dialog.Message {
	d.mu.Lock()
	defer d.mu.Unlock()
	return append([]dialog.Message(nil), d.got...)
}

// chatFixture is a Chat on miniredis behind an httptest server.
type chatFixture struct {
	chat *Chat
	desk *scriptedDesk
	srv  *httptest.Server
	tr   *storage.Transcripts
}

func newFixture(t *testing.T) *chatFixture {
	t.Helper()
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { rdb.Close() })
	tr := storage.NewTranscripts(rdb, "test:", time.Hour)
	desk := &scriptedDesk{}
	logger := slog.New(slog.NewTextHandler(io.Discard, nil))
	if testing.Verbose() {
		logger = slog.New(slog.NewTextHandler(testWriter{t}, nil))
	}
	chat := New(desk, tr, logger)
	srv := httptest.NewServer(chat)
	// Close stream connections first, or Close waits for them.
	t.Cleanup(func() { srv.CloseClientConnections(); srv.Close() })
	return &chatFixture{chat: chat, desk: desk, srv: srv, tr: tr}
}

// browserClient is an HTTP client that keeps cookies, like one browser.
func (f *chatFixture) browserClient(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, Timeout: 10 * time.Second}
}

// session opens the page with client and returns the session id it holds.
func (f *chatFixture) session(t *testing.T, client *http.Client) string {
	t.Helper()
	res, err := client.Get(f.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for _, c := range client.Jar.Cookies(res.Request.URL) {
		if c.Name == CookieName {
			return c.Value
		}
	}
	t.Fatal("no session cookie after opening the page")
	return ""
}

func (f *chatFixture) post(t *testing.T, client *http.Client, body string) *http.Response {
	t.Helper()
	res, err := client.Post(f.srv.URL+"/chat/send", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { res.Body.Close() })
	return res
}

func (f *chatFixture) history(t *testing.T, client *http.Client) []storage.Entry {
	t.Helper()
	res, err := client.Get(f.srv.URL + "/chat/history")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		t.Fatalf("history = %d", res.StatusCode)
	}
	var entries []storage.Entry
	if err := json.NewDecoder(res.Body).Decode(&entries); err != nil {
		t.Fatal(err)
	}
	return entries
}

type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimRight(string(p), "\n"))
	return len(p), nil
}

var errDeskDown = errors.New("desk down")

// Text returns the key itself: the tests check which message was chosen.
func (d *scriptedDesk) Text(_, key string, _ any) (string, error) { return key, nil }
