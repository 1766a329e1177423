package storage

import (
	"context"
	"time"

	"github.com/redis/go-redis/v9"
)

// hold renews the lock at key, held with token, every third of ttl until
// the returned function is called (which waits for the renewing to stop).
// It stops by itself once the lock is lost (another holder's step then
// refuses this one's). A Redis error is tried again at the next tick, well
// within the TTL. It is the one renewal every lock-holding consumer uses:
// a turn (States.Update) and every queue drain (Outbound.Hold).
func hold(ctx context.Context, rdb redis.UniversalClient, key, token string, ttl time.Duration) func() {
	ctx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	done := make(chan struct{})
	go func() {
		defer close(done)
		tick := time.NewTicker(ttl / 3)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				n, err := renewScript.Run(ctx, rdb, []string{key}, token, ttl.Milliseconds()).Int()
				if err == nil && n == 0 {
					return // lost
				}
			}
		}
	}()
	return func() { cancel(); <-done }
}
