package storage_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

// TestIdleTracksAndAdoptsTheOlderTrackers: members touched before a time
// are quiet, forgotten ones are not; an upgraded desk's older sets (seconds,
// members joined by NUL) are taken over once, in milliseconds.
func TestIdleTracksAndAdoptsTheOlderTrackers(t *testing.T) {
	clients, prefix := storagetest.Redis(t)
	for name, rdb := range clients {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			idle := storage.NewIdle(rdb, prefix+name+":")
			at := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
			idle.Touch(ctx, "held", "a", at)
			idle.Touch(ctx, "held", "b", at.Add(time.Minute))
			idle.Touch(ctx, "held", "c", at.Add(-time.Minute))
			idle.Forget(ctx, "held", "c")
			if q, err := idle.Quiet(ctx, "held", at.Add(30*time.Second), 0); err != nil || !slices.Equal(q, []string{"a"}) {
				t.Fatalf("quiet before 10:00:30: %v %v", q, err)
			}
			rdb.ZAdd(ctx, prefix+name+":touch:old", redis.Z{Score: float64(at.Unix()), Member: "ts1"})
			rdb.ZAdd(ctx, prefix+name+":reporting", redis.Z{Score: float64(at.UnixMilli()), Member: "webchat\x00s1"})
			if err := idle.Adopt(ctx, "touch:old", "held", 1000, nil); err != nil {
				t.Fatal(err)
			}
			if err := idle.Adopt(ctx, "reporting", "reporting", 1, func(m string) (string, error) { return strings.Replace(m, "\x00", ":", 1), nil }); err != nil {
				t.Fatal(err)
			}
			if q, _ := idle.Quiet(ctx, "held", at.Add(30*time.Second), 0); !slices.Equal(q, []string{"a", "ts1"}) {
				t.Fatalf("adopted takeovers: %v", q)
			}
			if q, _ := idle.Quiet(ctx, "reporting", at.Add(time.Second), 0); !slices.Equal(q, []string{"webchat:s1"}) {
				t.Fatalf("adopted reports: %v", q)
			}
			if n, _ := rdb.Exists(ctx, prefix+name+":touch:old", prefix+name+":reporting").Result(); n != 0 {
				t.Fatalf("older keys kept: %d", n)
			}
		})
	}
}

// TestSaveChangesTheIdleTracker: the changes a turn makes to the idle
// tracker (one set touched, another forgotten) are made by the script that
// saves it, all of them.
func TestSaveChangesTheIdleTracker(t *testing.T) {
	clients, prefix := storagetest.Redis(t)
	for name, rdb := range clients {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			p := prefix + name + ":save:"
			states, idle := storage.NewStates(rdb, p, time.Hour), storage.NewIdle(rdb, p)
			at := time.Date(2026, 11, 30, 10, 0, 0, 0, time.UTC)
			idle.Touch(ctx, "reporting", "webchat:s", at)
			err := states.Update(ctx, "webchat", "s", func(c *storage.Conversation) error {
				c.Idle = []storage.IdleMark{{Set: "reporting", Member: "webchat:s", Forget: true}, {Set: "held", Member: "webchat:s", At: at}}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if q, _ := idle.Quiet(ctx, "reporting", at.Add(time.Hour), 0); len(q) != 0 {
				t.Errorf("reporting still holds %v", q)
			}
			if q, _ := idle.Quiet(ctx, "held", at.Add(time.Minute), 0); !slices.Equal(q, []string{"webchat:s"}) {
				t.Errorf("held holds %v, want the chat", q)
			}
		})
	}
}
