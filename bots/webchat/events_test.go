package webchat

import (
	"bufio"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
)

func TestEventsDeliverSend(t *testing.T) {
	f := newFixture(t)
	client := f.browserClient(t)
	session := f.session(t, client)
	stream := f.events(t, client, "")

	notice := []dialog.Reply{{Text: "您的报价已出：¥120\n请确认", Buttons: []dialog.Button{{Label: "同意", Payload: "quote:yes"}}}}
	if err := f.chat.Send(context.Background(), session, notice); err != nil {
		t.Fatal(err)
	}
	e := stream.next(t)
	if e.From != "desk" || e.Text != notice[0].Text || len(e.Buttons) != 1 || e.Buttons[0].Payload != "quote:yes" || e.ID == "" {
		t.Errorf("event = %+v", e)
	}

	// A turn from another tab of the same session shows up too.
	if res := f.post(t, client, `{"text": "hi"}`); res.StatusCode != http.StatusOK {
		t.Fatalf("send = %d", res.StatusCode)
	}
	if e := stream.next(t); e.Text != "hi" || e.From != "customer" {
		t.Errorf("event = %+v, want the customer's hi", e)
	}
	if e := stream.next(t); e.From != "desk" || len(e.Buttons) != 2 {
		t.Errorf("event = %+v, want the desk's reply", e)
	}
}

func TestEventsReplayAfter(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		name  string
		after func(history []storage.Entry) string
		want  []string
	}{
		{"from the start", func([]storage.Entry) string { return "" }, []string{"one", "two", "three"}},
		{"after the first", func(h []storage.Entry) string { return h[0].ID }, []string{"two", "three"}},
		{"after the last", func(h []storage.Entry) string { return h[2].ID }, nil},
		{"unknown id", func([]storage.Entry) string { return "0123456789abcdef" }, []string{"one", "two", "three"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			client := f.browserClient(t)
			session := f.session(t, client)
			for _, text := range []string{"one", "two", "three"} {
				if err := f.chat.Send(context.Background(), session, []dialog.Reply{{Text: text}}); err != nil {
					t.Fatal(err)
				}
			}
			stream := f.events(t, client, "?after="+url.QueryEscape(tt.after(f.history(t, client))))
			for _, want := range tt.want {
				if e := stream.next(t); e.Text != want {
					t.Errorf("replayed %q, want %q", e.Text, want)
				}
			}
			// Then the live entries, with nothing replayed twice.
			if err := f.chat.Send(context.Background(), session, []dialog.Reply{{Text: "live"}}); err != nil {
				t.Fatal(err)
			}
			if e := stream.next(t); e.Text != "live" {
				t.Errorf("got %q, want the live entry", e.Text)
			}
		})
	}
}

func TestEventsHeartbeat(t *testing.T) {
	f := newFixture(t)
	f.chat.heartbeat = 20 * time.Millisecond
	client := f.browserClient(t)
	f.session(t, client)
	f.events(t, client, "").waitLine(t, ": ping")
}

func TestEventsEndWhenClientLeaves(t *testing.T) {
	f := newFixture(t)
	client := f.browserClient(t)
	f.session(t, client)
	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, f.srv.URL+"/chat/events", nil)
	res, err := (&http.Client{Jar: client.Jar}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	cancel()
	res.Body.Close()
	// The handler returns and releases its subscription: Close would
	// block on a handler still running.
	done := make(chan struct{})
	go func() { f.srv.Close(); close(done) }()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the events handler did not end after the client left")
	}
}

// sseStream reads the events of /chat/events.
type sseStream struct {
	lines chan string
}

func (f *chatFixture) events(t *testing.T, client *http.Client, query string) *sseStream {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, f.srv.URL+"/chat/events"+query, nil)
	streamClient := &http.Client{Jar: client.Jar} // no timeout: the stream is long
	res, err := streamClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/event-stream") {
		t.Fatalf("events = %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	s := &sseStream{lines: make(chan string, 100)}
	go func() {
		defer res.Body.Close()
		defer close(s.lines)
		sc := bufio.NewScanner(res.Body)
		for sc.Scan() {
			s.lines <- sc.Text()
		}
	}()
	return s
}

// next returns the next data entry, skipping other lines.
func (s *sseStream) next(t *testing.T) storage.Entry {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case line, ok := <-s.lines:
			if !ok {
				t.Fatal("stream ended")
			}
			if data, ok := strings.CutPrefix(line, "data: "); ok {
				var e storage.Entry
				if err := json.Unmarshal([]byte(data), &e); err != nil {
					t.Fatalf("event data %q: %v", data, err)
				}
				return e
			}
		case <-timeout:
			t.Fatal("no event within 5s")
		}
	}
}

// waitLine waits for a line equal to want.
func (s *sseStream) waitLine(t *testing.T, want string) {
	t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case line, ok := <-s.lines:
			if !ok {
				t.Fatal("stream ended")
			}
			if line == want {
				return
			}
		case <-timeout:
			t.Fatalf("no line %q within 5s", want)
		}
	}
}
