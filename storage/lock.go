package storage

import (
	"context"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// hold renews the lock at key, held with token, every third of ttl until
// the returned function is called. It stops by itself once the lock is
// lost (another holder's step then refuses this one's). A Redis error is
// tried again at the next tick, well within the TTL. It is the one renewal
// every lock-holding consumer uses: a turn (States.Update) and every queue
// drain (Outbound.Hold). It runs on a timer, not a goroutine of its own:
// most turns and drains end before the first renewal, and then holding
// cost neither a goroutine nor a wait for one to stop. A renewal still
// running when the hold ends is harmless: it renews only while the token
// holds the lock.
func hold(ctx context.Context, rdb redis.UniversalClient, key, token string, ttl time.Duration) func() {
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	var mu sync.Mutex
	ended := false
	var t *time.Timer
	mu.Lock()
	defer mu.Unlock()
	t = time.AfterFunc(ttl/3, func() {
		n, err := renewScript.Run(ctx, rdb, []string{key}, token, ttl.Milliseconds()).Int()
		mu.Lock()
		defer mu.Unlock()
		if !ended && !(err == nil && n == 0) { // not ended, not lost
			t.Reset(ttl / 3)
		}
	})
	return func() {
		mu.Lock()
		defer mu.Unlock()
		ended = true
		t.Stop()
		cancel()
	}
}
