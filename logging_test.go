package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

	"github.com/frontdesk/frontdesk/dialog"
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
