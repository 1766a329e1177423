package main

import (
	"bytes"
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"

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
