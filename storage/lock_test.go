package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"

	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

// lockClients are two connections to each Redis a test runs on (an
// in-process one whose clock follows the wall clock, and REDIS_URL's): one
// per replica.
func lockClients(t *testing.T) map[string][2]redis.UniversalClient {
	mr := miniredis.RunT(t)
	t.Cleanup(storage.RealTime(mr))
	out := map[string][2]redis.UniversalClient{"miniredis": {
		redis.NewClient(&redis.Options{Addr: mr.Addr()}), redis.NewClient(&redis.Options{Addr: mr.Addr()})}}
	if real, ok := func() (redis.UniversalClient, bool) {
		all, _ := storagetest.Redis(t)
		r, ok := all["redis"]
		return r, ok
	}(); ok {
		opt := real.(*redis.Client).Options()
		out["redis"] = [2]redis.UniversalClient{redis.NewClient(opt), redis.NewClient(opt)}
	}
	return out
}

// TestDeadHolderReleasesTheChatInSeconds: a replica dies in the middle of a
// turn (its connection to Redis gone, its lock no longer renewed); the other
// replica takes the chat once the short lock runs out, and the dead turn
// saves nothing.
func TestDeadHolderReleasesTheChatInSeconds(t *testing.T) {
	const ttl = time.Second
	for name, c := range lockClients(t) {
		t.Run(name, func(t *testing.T) {
			prefix := storagetest.Name("fdlock:") + ":"
			dead := storage.NewStates(c[0], prefix, time.Hour).WithLockTTL(ttl)
			alive := storage.NewStates(c[1], prefix, time.Hour).WithLockTTL(ttl)
			inTurn := make(chan struct{})
			died := make(chan error, 1)
			go func() {
				died <- dead.Update(context.Background(), "webchat", "c", func(cv *storage.Conversation) error {
					close(inTurn)
					c[0].Close() // the replica is gone: no renewal, no save
					time.Sleep(3 * ttl)
					cv.Flow = "dead"
					return nil
				})
			}()
			<-inTurn
			start := time.Now()
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			if err := alive.Update(ctx, "webchat", "c", func(cv *storage.Conversation) error { cv.Flow = "alive"; return nil }); err != nil {
				t.Fatal(err)
			}
			if took := time.Since(start); took > ttl+time.Second {
				t.Fatalf("the chat waited %s for a dead holder (lock %s)", took, ttl)
			}
			t.Logf("chat taken %s after its holder died (lock %s)", time.Since(start).Round(10*time.Millisecond), ttl)
			if err := <-died; err == nil {
				t.Fatal("the dead turn says it saved")
			}
			if cv, err := alive.Get(context.Background(), "webchat", "c"); err != nil || cv.Flow != "alive" {
				t.Fatalf("state %+v, %v", cv, err)
			}
		})
	}
}

// TestLongTurnKeepsItsLock: a turn that outlasts the lock's lifetime (a slow
// language model) renews it; no other turn of the chat runs meanwhile, and
// the long turn saves.
func TestLongTurnKeepsItsLock(t *testing.T) {
	const ttl = time.Second
	for name, c := range lockClients(t) {
		t.Run(name, func(t *testing.T) {
			prefix := storagetest.Name("fdlock:") + ":"
			a := storage.NewStates(c[0], prefix, time.Hour).WithLockTTL(ttl)
			b := storage.NewStates(c[1], prefix, time.Hour).WithLockTTL(ttl)
			inTurn := make(chan struct{})
			done := make(chan error, 1)
			go func() {
				done <- a.Update(context.Background(), "webchat", "c", func(cv *storage.Conversation) error {
					close(inTurn)
					time.Sleep(3 * ttl)
					cv.Turns = 1
					return nil
				})
			}()
			<-inTurn
			ctx, cancel := context.WithTimeout(context.Background(), 2*ttl)
			defer cancel()
			ran := false
			err := b.Update(ctx, "webchat", "c", func(cv *storage.Conversation) error { ran = true; cv.Turns = 99; return nil })
			// It gives up waiting, by the lock's timeout or by its own
			// deadline (whichever the loaded machine reaches first), and
			// never runs.
			if ran || !(errors.Is(err, storage.ErrLockTimeout) || errors.Is(err, context.DeadlineExceeded)) {
				t.Fatalf("another turn ran while the long one held the chat (ran %v): %v", ran, err)
			}
			if err := <-done; err != nil {
				t.Fatalf("the long turn lost its lock: %v", err)
			}
			if cv, _ := a.Get(context.Background(), "webchat", "c"); cv.Turns != 1 {
				t.Fatalf("state %+v", cv)
			}
		})
	}
}
