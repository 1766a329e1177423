package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
	"github.com/frontdesk/frontdesk/bots/webchat"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/redis/go-redis/v9"
)

// TestJSONLogsCarryRedisToo: with FRONTDESK_LOG_FORMAT=json every line is
// one JSON object, go-redis's own messages included (as warnings with their
// component), and FRONTDESK_LOG_LEVEL=warn drops info lines.
func TestJSONLogsCarryRedisToo(t *testing.T) {
	cfg, err := loadConfig(envOf(map[string]string{"FRONTDESK_LOG_FORMAT": "json", "FRONTDESK_LOG_LEVEL": "warn"}))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	log := newLogger(cfg, &out)
	t.Cleanup(func() { newLogger(Config{}, &bytes.Buffer{}) }) // go-redis's logger is process-wide
	log.Info("not shown")
	log.Warn("shown", "chat", "webchat:abc")
	// A client that cannot connect makes go-redis log its dial failures.
	rdb := redis.NewClient(&redis.Options{Addr: "127.0.0.1:1", MaxRetries: -1, DialTimeout: 100e6})
	_ = rdb.Ping(context.Background()).Err()
	rdb.Close()
	var sawWarn, sawRedis bool
	for _, line := range strings.Split(strings.TrimSpace(out.String()), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("not a JSON line: %q", line)
		}
		if rec["msg"] == "not shown" {
			t.Error("an info line passed FRONTDESK_LOG_LEVEL=warn")
		}
		if rec["msg"] == "shown" && rec["level"] == slog.LevelWarn.String() {
			sawWarn = true
		}
		if rec["component"] == "redis" && strings.Contains(rec["msg"].(string), "dial") {
			sawRedis = true
		}
	}
	if !sawWarn {
		t.Errorf("no warning in %s", out.String())
	}
	if !sawRedis {
		t.Errorf("go-redis's dial failure did not come through the logger:\n%s", out.String())
	}
}

// TestTurnLinesCarryTheirChat: a line logged with a turn's context carries
// the channel, chat and ticket the turn put on it, whatever logger wrote it.
func TestTurnLinesCarryTheirChat(t *testing.T) {
	cfg, err := loadConfig(envOf(map[string]string{"FRONTDESK_LOG_FORMAT": "json"}))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	log := newLogger(cfg, &out).With("component", "test")
	t.Cleanup(func() { newLogger(Config{}, &bytes.Buffer{}) })
	ctx := dialog.WithLog(context.Background(), "channel", "webchat", "chat", "abc123")
	ctx = dialog.WithLog(ctx, "ticket", "FD-1001")
	log.ErrorContext(ctx, "turn failed", "err", "boom")
	var rec map[string]any
	if err := json.Unmarshal(out.Bytes(), &rec); err != nil {
		t.Fatal(err)
	}
	if rec["channel"] != "webchat" || rec["chat"] != "abc123" || rec["ticket"] != "FD-1001" || rec["component"] != "test" {
		t.Errorf("line = %v", rec)
	}
}

// TestSenderLinesCarryTheTicket: a reply Telegram refuses for good is
// logged with its chat and the ticket it was about, so staff can tell the
// customer of that ticket another way.
func TestSenderLinesCarryTheTicket(t *testing.T) {
	getenv, fake := tgEnv(t)
	var out syncBuffer
	srv, _ := startAppLogging(t, jsonLogs(getenv), &out)
	script, err := prompts.LoadScript()
	if err != nil {
		t.Fatal(err)
	}
	const chat = 71
	for i, s := range script {
		body := telegramtest.Text(int64(i+1), chat, strings.ReplaceAll(s.Text, "{phone}", "139-0000-0071"))
		if s.Payload != "" {
			// once the summary with its buttons is sent, the reply that
			// gives the ticket's number is refused for good
			for deadline := time.Now().Add(10 * time.Second); !offered(fake, chat, s.Payload); time.Sleep(10 * time.Millisecond) {
				if time.Now().After(deadline) {
					t.Fatalf("no button %q was offered", s.Payload)
				}
			}
			fake.FailFor("sendMessage", "71", 1, telegramtest.BadRequest())
			body = telegramtest.Callback(int64(i+1), chat, s.Payload, 1)
		}
		if code := post(t, srv.URL, body, tgSecret); code != 200 {
			t.Fatalf("step %d: status %d", i, code)
		}
	}
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		for line := range strings.Lines(out.String()) {
			var rec map[string]any
			if json.Unmarshal([]byte(line), &rec) != nil || rec["msg"] != "telegram: reply not delivered, given up" {
				continue
			}
			if rec["chat"] != "71" || !strings.HasPrefix(fmt.Sprint(rec["ticket"]), "FD-") {
				t.Fatalf("line = %v", rec)
			}
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("no line for the refused reply:\n%s", out.String())
		}
	}
}

// offered says whether a message sent to chat has a button with payload.
func offered(fake *telegramtest.Server, chat int64, payload string) bool {
	for _, c := range sent(fake, chat) {
		if strings.Contains(c.Fields["reply_markup"], payload) {
			return true
		}
	}
	return false
}

// jsonLogs is getenv with the log written as JSON lines.
func jsonLogs(getenv func(string) string) func(string) string {
	return func(k string) string {
		if k == "FRONTDESK_LOG_FORMAT" {
			return "json"
		}
		return getenv(k)
	}
}

// syncBuffer is a bytes.Buffer safe for the desk's goroutines to write to
// while the test reads it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// TestWebChatSessionsStayOutOfTheLog: a web chat's id is its session, the
// cookie that is the customer's credential; the log names the chat by a
// digest instead, the same on every line of it.
func TestWebChatSessionsStayOutOfTheLog(t *testing.T) {
	var out syncBuffer
	srv, _ := startAppLogging(t, jsonLogs(testEnv(t)), &out)
	client := newWebClient(t, srv.URL)
	client.report()
	logged := out.String()
	if strings.Contains(logged, client.session) {
		t.Fatalf("the log holds the session:\n%s", logged)
	}
	for line := range strings.Lines(logged) {
		var rec map[string]any
		if json.Unmarshal([]byte(line), &rec) == nil && rec["msg"] == "ticket registered" {
			if rec["chat"] != webchat.LogName(client.session) || rec["channel"] != "webchat" {
				t.Fatalf("line = %v", rec)
			}
			return
		}
	}
	t.Fatalf("no line for the registered ticket:\n%s", logged)
}
