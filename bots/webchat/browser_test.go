package webchat_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/chromedp/chromedp"
	"github.com/frontdesk/frontdesk/bots/webchat"
	"github.com/frontdesk/frontdesk/bots/webchat/webchattest"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/redis/go-redis/v9"
)

// pageDesk offers two buttons on "hi", answers the first, echoes the rest,
// and remembers the chat it talks to.
type pageDesk struct {
	mu     sync.Mutex
	chatID string
}

func (d *pageDesk) Handle(_ context.Context, m dialog.Message) ([]dialog.Reply, error) {
	d.mu.Lock()
	d.chatID = m.ChatID
	d.mu.Unlock()
	switch {
	case m.Text == "hi":
		return []dialog.Reply{{
			Text: "您好！请选择:\nPlease choose:",
			Buttons: []dialog.Button{
				{Label: "报修 Repair", Payload: "flow:report"},
				{Label: "查询 Status", Payload: "flow:status"},
			},
		}}, nil
	case m.Text == "slow":
		time.Sleep(1500 * time.Millisecond)
		return []dialog.Reply{{Text: "sorry for the wait", Lang: "en"}}, nil
	case m.Payload == "flow:report":
		return []dialog.Reply{{Text: "请问是什么产品? Which product?"}}, nil
	}
	return []dialog.Reply{{Text: "echo: " + m.Text}}, nil
}

func (d *pageDesk) chat() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.chatID
}

func TestPageInBrowser(t *testing.T) {
	ctx := webchattest.Browser(t)

	rig := newPageRig(t, &redis.Options{})
	desk, chat, srv := rig.desk, rig.chat, rig.srv

	const wait = 10 * time.Second
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(webchattest.Open(ctx, srv.URL+"/"))

	must(webchattest.Send(ctx, "hi"))
	must(webchattest.WaitText(ctx, "Please choose:", wait))
	must(webchattest.Press(ctx, "报修 Repair"))
	must(webchattest.WaitText(ctx, "Which product?", wait))

	// Markup typed by the customer is shown as text, never parsed.
	must(webchattest.Send(ctx, "<b>x</b>"))
	must(webchattest.WaitText(ctx, "echo: <b>x</b>", wait))
	bold, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`document.querySelector("#fd-log b") !== null`))
	must(err)
	if bold {
		t.Error("the transcript holds a <b> element")
	}
	// The desk's line breaks are kept.
	ws, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`getComputedStyle(document.querySelector("#fd-log .fd-msg--desk .fd-text")).whiteSpace`))
	must(err)
	if ws != "pre-wrap" {
		t.Errorf("desk text white-space = %q, want pre-wrap", ws)
	}

	// A notice pushed by the desk at any time arrives over the stream.
	must(chat.Send(context.Background(), desk.chat(), []dialog.Reply{{Text: "您的报价已出 Your quote is ready"}}))
	must(webchattest.WaitText(ctx, "Your quote is ready", wait))

	want := []webchattest.Line{
		{From: "customer", Text: "hi"},
		{From: "desk", Text: "您好！请选择:\nPlease choose:"},
		{From: "customer", Text: "报修 Repair"},
		{From: "desk", Text: "请问是什么产品? Which product?"},
		{From: "customer", Text: "<b>x</b>"},
		{From: "desk", Text: "echo: <b>x</b>"},
		{From: "desk", Text: "您的报价已出 Your quote is ready"},
	}
	checkTranscript(t, ctx, want)

	must(webchattest.Reload(ctx))
	checkTranscript(t, ctx, want)
}

func checkTranscript(t *testing.T, ctx context.Context, want []webchattest.Line) {
	t.Helper()
	got, err := webchattest.Transcript(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Fatalf("the page shows %d entries, want %d:\n%q", len(got), len(want), got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d = %q, want %q", i, got[i], want[i])
		}
	}
}

// Text returns the key itself: the tests check which message was chosen.
func (d *pageDesk) Text(_, key string, _ any) (string, error) { return key, nil }

// TestPageWhileTheDeskAnswers checks what the customer sees around a turn:
// the desk's typing indicator while it answers and gone after, an entry of
// another day dated, and the page's words following the desk into English.
func TestPageWhileTheDeskAnswers(t *testing.T) {
	ctx := webchattest.Browser(t)
	rig := newPageRig(t, &redis.Options{})
	desk, tr, srv := rig.desk, rig.tr, rig.srv
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(webchattest.Open(ctx, srv.URL+"/"))
	must(webchattest.Send(ctx, "hi"))
	must(webchattest.WaitText(ctx, "Please choose:", 10*time.Second))

	typing := func() bool {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`!document.getElementById("fd-typing").hidden`))
		must(err)
		return v
	}
	if typing() {
		t.Error("the typing indicator shows with no turn under way")
	}
	must(webchattest.Send(ctx, "slow"))
	deadline := time.Now().Add(time.Second)
	for !typing() && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if !typing() {
		t.Error("no typing indicator while the desk answers")
	}
	must(webchattest.WaitText(ctx, "sorry for the wait", 10*time.Second))
	must(webchattest.LastEntryVisible(ctx))
	if typing() {
		t.Error("the typing indicator stays after the answer")
	}
	chrome, err := webchattest.PageChrome(ctx)
	must(err)
	if chrome.Lang != "en" {
		t.Errorf("after an English answer the page is in %q", chrome.Lang)
	}

	// An entry of another day carries its date; today's only the time.
	yesterday := time.Now().Add(-30 * time.Hour)
	must(tr.Append(context.Background(), desk.chat(), storage.Entry{From: storage.FromDesk, Text: "old news", At: yesterday}))
	must(webchattest.WaitText(ctx, "old news", 10*time.Second))
	times, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](
		`[...document.querySelectorAll("#fd-log .fd-time")].map((e) => e.textContent)`))
	must(err)
	last, first := times[len(times)-1], times[0]
	if !strings.Contains(last, strconv.Itoa(yesterday.Day())) || len(last) <= len(first) {
		t.Errorf("times shown = %q: the last entry (%s) should carry its date", times, yesterday.Format("Jan 2"))
	}
}

// TestMessageWaitsForTheServer: with Redis down, a message the server
// cannot take stays on the page marked not sent instead of vanishing; once
// Redis is back the page sends it by itself, the desk answers it, and the
// transcript holds it once.
func TestMessageWaitsForTheServer(t *testing.T) {
	ctx := webchattest.Browser(t)
	// Redis away is noticed at once: no retries, a short dial.
	rig := newPageRig(t, &redis.Options{MaxRetries: -1, DialTimeout: 200 * time.Millisecond})
	mr, srv := rig.mr, rig.srv
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(webchattest.Open(ctx, srv.URL+"/"))
	must(webchattest.Send(ctx, "hi"))
	must(webchattest.WaitText(ctx, "Please choose:", 10*time.Second))

	mr.Close() // Redis goes away
	must(webchattest.Send(ctx, "are you there?"))
	unsent := func() int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](
			`[...document.querySelectorAll("#fd-log .fd-msg--unsent")].filter((e) => !e.hidden).length`))
		must(err)
		return n
	}
	deadline := time.Now().Add(10 * time.Second)
	for unsent() == 0 && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if unsent() != 1 {
		t.Fatal("the message the server could not take is not shown as not sent")
	}
	must(webchattest.WaitText(ctx, "are you there?", time.Second))

	must(mr.Restart()) // back, with what it held
	must(webchattest.WaitText(ctx, "echo: are you there?", 30*time.Second))
	for deadline := time.Now().Add(5 * time.Second); unsent() != 0 && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
	if unsent() != 0 {
		t.Error("the message is still marked not sent after the desk answered it")
	}
	must(webchattest.Reload(ctx))
	want := []webchattest.Line{
		{From: "customer", Text: "hi"},
		{From: "desk", Text: "您好！请选择:\nPlease choose:"},
		{From: "customer", Text: "are you there?"},
		{From: "desk", Text: "echo: are you there?"},
	}
	checkTranscript(t, ctx, want)
}

// pageRig is the web chat served with pageDesk over an in-process Redis.
type pageRig struct {
	mr   *miniredis.Miniredis
	desk *pageDesk
	tr   *storage.Transcripts
	chat *webchat.Chat
	srv  *httptest.Server
}

// newPageRig serves the web chat; opts tunes the Redis client (its address
// is filled in).
func newPageRig(t *testing.T, opts *redis.Options) pageRig {
	t.Helper()
	r := pageRig{mr: miniredis.RunT(t), desk: &pageDesk{}}
	opts.Addr = r.mr.Addr()
	rdb := redis.NewClient(opts)
	t.Cleanup(func() { rdb.Close() })
	r.tr = storage.NewTranscripts(rdb, "test:", time.Hour)
	r.chat = webchat.New(r.desk, r.tr, slog.New(slog.NewTextHandler(io.Discard, nil)))
	r.srv = httptest.NewServer(r.chat)
	t.Cleanup(func() { r.srv.CloseClientConnections(); r.srv.Close() })
	return r
}
