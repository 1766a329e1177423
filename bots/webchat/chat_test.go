package webchat

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
)

func TestSessionCookie(t *testing.T) {
	f := newFixture(t)
	res, err := http.Get(f.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK || !strings.Contains(string(body), "<title>webchat.page.title</title>") {
		t.Fatalf("GET / = %d, body %.80q", res.StatusCode, body)
	}
	cookies := res.Cookies()
	if len(cookies) != 1 || cookies[0].Name != CookieName {
		t.Fatalf("cookies = %v, want one %s", cookies, CookieName)
	}
	ck := cookies[0]
	if !ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || !validSession(ck.Value) || ck.Path != "/" {
		t.Errorf("cookie = %+v, want HttpOnly, SameSite=Lax, Path=/, a valid id", ck)
	}

	// A page load with the cookie keeps it: no new cookie.
	req, _ := http.NewRequest(http.MethodGet, f.srv.URL+"/", nil)
	req.AddCookie(&http.Cookie{Name: CookieName, Value: ck.Value})
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if len(res.Cookies()) != 0 {
		t.Errorf("second visit set %v, want no new cookie", res.Cookies())
	}

	// A forged, malformed id is replaced.
	req, _ = http.NewRequest(http.MethodGet, f.srv.URL+"/", nil)
	req.AddCookie(&http.Cookie{Name: CookieName, Value: "x:*"})
	res, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if c := res.Cookies(); len(c) != 1 || c[0].Value == "x:*" {
		t.Errorf("malformed cookie: got %v, want a new session", c)
	}
}

func TestStaticAssets(t *testing.T) {
	f := newFixture(t)
	tests := []struct {
		path, wantType string
		wantStatus     int
	}{
		{"/static/chat.js", "text/javascript", http.StatusOK},
		{"/static/chat.css", "text/css", http.StatusOK},
		{"/static/chat.html", "", http.StatusNotFound},
		{"/static/", "", http.StatusNotFound},
		{"/nope", "", http.StatusNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res, err := http.Get(f.srv.URL + tt.path)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != tt.wantStatus || !strings.HasPrefix(res.Header.Get("Content-Type"), tt.wantType) {
				t.Errorf("status %d type %q, want %d %q", res.StatusCode, res.Header.Get("Content-Type"), tt.wantStatus, tt.wantType)
			}
		})
	}
}

func TestSendThenHistoryAcrossReload(t *testing.T) {
	f := newFixture(t)
	client := f.browserClient(t)
	session := f.session(t, client)

	res := f.post(t, client, `{"text": "  hi \n"}`)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("send = %d", res.StatusCode)
	}
	var replies []dialog.Reply
	if err := json.NewDecoder(res.Body).Decode(&replies); err != nil {
		t.Fatal(err)
	}
	if len(replies) != 1 || len(replies[0].Buttons) != 2 {
		t.Fatalf("replies = %+v", replies)
	}
	res = f.post(t, client, `{"text": "Report a fault", "payload": "flow:report"}`)
	if res.StatusCode != http.StatusOK {
		t.Fatalf("press = %d", res.StatusCode)
	}

	got := f.desk.messages()
	want := []dialog.Message{
		{Channel: Channel, ChatID: session, Text: "hi"},
		{Channel: Channel, ChatID: session, Payload: "flow:report"},
	}
	if len(got) != len(want) {
		t.Fatalf("desk got %d messages, want %d", len(got), len(want))
	}
	for i := range want {
		if got[i].At.IsZero() {
			t.Errorf("message %d has no time", i)
		}
		got[i].At = time.Time{}
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("message %d = %+v, want %+v", i, got[i], want[i])
		}
	}

	// "Reload": the page again, then its history request.
	if again := f.session(t, client); again != session {
		t.Fatalf("session changed on reload: %s -> %s", session, again)
	}
	entries := f.history(t, client)
	wantEntries := []struct{ from, text string }{
		{storage.FromCustomer, "hi"},
		{storage.FromDesk, "您好！What can we do?\nPick one:"},
		{storage.FromCustomer, "Report a fault"},
		{storage.FromDesk, "Which product is it?"},
	}
	if len(entries) != len(wantEntries) {
		t.Fatalf("history has %d entries, want %d: %+v", len(entries), len(wantEntries), entries)
	}
	for i, w := range wantEntries {
		if entries[i].From != w.from || entries[i].Text != w.text || entries[i].ID == "" {
			t.Errorf("entry %d = %+v, want %s %q", i, entries[i], w.from, w.text)
		}
	}
	if b := entries[1].Buttons; len(b) != 2 || b[0] != (storage.EntryButton{Label: "Report a fault", Payload: "flow:report"}) {
		t.Errorf("buttons = %+v", b)
	}

	// Another browser has its own, empty transcript.
	other := f.browserClient(t)
	f.session(t, other)
	if e := f.history(t, other); len(e) != 0 {
		t.Errorf("a new browser sees %d entries", len(e))
	}
}

func TestSendRefusals(t *testing.T) {
	f := newFixture(t)
	client := f.browserClient(t)
	f.session(t, client)
	tests := []struct {
		name        string
		contentType string
		body        string
		noCookie    bool
		want        int
	}{
		{name: "malformed JSON", body: `{"text": `, want: http.StatusBadRequest},
		{name: "trailing garbage", body: `{"text": "a"} x`, want: http.StatusBadRequest},
		{name: "wrong type", body: `{"text": 5}`, want: http.StatusBadRequest},
		{name: "both empty", body: `{"text": "  ", "payload": ""}`, want: http.StatusBadRequest},
		{name: "2001 characters", body: `{"text": "` + strings.Repeat("修", 2001) + `"}`, want: http.StatusBadRequest},
		{name: "over 16 KiB", body: `{"text": "` + strings.Repeat("a", 17<<10) + `"}`, want: http.StatusRequestEntityTooLarge},
		{name: "no session", body: `{"text": "hi"}`, noCookie: true, want: http.StatusUnauthorized},
		{name: "form post", contentType: "application/x-www-form-urlencoded", body: `text=hi`, want: http.StatusUnsupportedMediaType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := client
			if tt.noCookie {
				c = http.DefaultClient
			}
			ct := tt.contentType
			if ct == "" {
				ct = "application/json"
			}
			res, err := c.Post(f.srv.URL+"/chat/send", ct, strings.NewReader(tt.body))
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			var problem struct{ Error string }
			if err := json.NewDecoder(res.Body).Decode(&problem); err != nil {
				t.Fatalf("body is not a JSON error: %v", err)
			}
			if res.StatusCode != tt.want || problem.Error == "" {
				t.Errorf("status %d error %q, want %d and a message", res.StatusCode, problem.Error, tt.want)
			}
		})
	}
	if n := len(f.desk.messages()); n != 0 {
		t.Errorf("the desk saw %d refused messages", n)
	}
	if e := f.history(t, client); len(e) != 0 {
		t.Errorf("refused messages left %d entries", len(e))
	}

	// Exactly 2000 characters is fine.
	res := f.post(t, client, `{"text": "`+strings.Repeat("修", 2000)+`"}`)
	if res.StatusCode != http.StatusOK {
		t.Errorf("2000 characters: status %d, want 200", res.StatusCode)
	}
}

func TestSendDeskFailure(t *testing.T) {
	f := newFixture(t)
	f.desk.fail = errDeskDown
	client := f.browserClient(t)
	f.session(t, client)
	res := f.post(t, client, `{"text": "hi"}`)
	var problem struct{ Error string }
	json.NewDecoder(res.Body).Decode(&problem)
	if res.StatusCode != http.StatusInternalServerError || problem.Error != msgFailed {
		t.Errorf("status %d error %q, want 500 %q", res.StatusCode, problem.Error, msgFailed)
	}
	// What the customer wrote stays in the transcript.
	if e := f.history(t, client); len(e) != 1 || e[0].Text != "hi" {
		t.Errorf("history = %+v, want the customer's message", e)
	}
}

func TestWithoutSession(t *testing.T) {
	f := newFixture(t)
	for _, path := range []string{"/chat/history", "/chat/events"} {
		res, err := http.Get(f.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusUnauthorized {
			t.Errorf("GET %s without a session = %d, want 401", path, res.StatusCode)
		}
	}
}

func TestChatSendRejectsForeignID(t *testing.T) {
	f := newFixture(t)
	for _, id := range []string{"", "12345", "telegram:42", strings.Repeat("Z", 32)} {
		if err := f.chat.Send(context.Background(), id, []dialog.Reply{{Text: "x"}}); err == nil {
			t.Errorf("Send to %q: no error", id)
		}
	}
}
