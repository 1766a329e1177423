package storage_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

func TestStatesUpdateIsAtomic(t *testing.T) {
	clients, prefix := storagetest.Redis(t)
	for name, rdb := range clients {
		t.Run(name, func(t *testing.T) {
			s := storage.NewStates(rdb, prefix+name+":", time.Hour)
			ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
			defer cancel()
			var wg sync.WaitGroup
			for i := 0; i < 50; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					err := s.Update(ctx, "webchat", "one", func(c *storage.Conversation) error {
						c.Turns++
						if c.Slots == nil {
							c.Slots = map[string]string{}
						}
						c.Slots["last"] = "x"
						return nil
					})
					if err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			c, err := s.Get(ctx, "webchat", "one")
			if err != nil || c.Turns != 50 {
				t.Fatalf("turns = %v, %v; want 50", c, err)
			}
		})
	}
}

func TestStatesFailedTurnSavesNothing(t *testing.T) {
	clients, prefix := storagetest.Redis(t)
	for name, rdb := range clients {
		t.Run(name, func(t *testing.T) {
			s := storage.NewStates(rdb, prefix+name+":", time.Hour)
			ctx := context.Background()
			boom := errors.New("boom")
			err := s.Update(ctx, "webchat", "c", func(c *storage.Conversation) error { c.Flow = "report"; return boom })
			if !errors.Is(err, boom) {
				t.Fatalf("err = %v", err)
			}
			if _, err := s.Get(ctx, "webchat", "c"); !errors.Is(err, storage.ErrNotFound) {
				t.Fatalf("failed turn saved state: %v", err)
			}
			// the lock was released: the next turn runs at once
			short, cancel := context.WithTimeout(ctx, time.Second)
			defer cancel()
			if err := s.Update(short, "webchat", "c", func(c *storage.Conversation) error { c.Flow = "report"; return nil }); err != nil {
				t.Fatal(err)
			}
			if c, _ := s.Get(ctx, "webchat", "c"); c.Flow != "report" || c.Channel != "webchat" {
				t.Fatalf("state %+v", c)
			}
		})
	}
}

func TestStatesExpireWhenIdle(t *testing.T) {
	clients, prefix := storagetest.Redis(t)
	rdb := clients["miniredis"]
	s := storage.NewStates(rdb, prefix, 50*time.Millisecond)
	ctx := context.Background()
	if err := s.Update(ctx, "webchat", "c", func(c *storage.Conversation) error { c.Flow = "report"; return nil }); err != nil {
		t.Fatal(err)
	}
	ttl, err := rdb.PTTL(ctx, prefix+"conv:webchat:c").Result()
	if err != nil || ttl <= 0 || ttl > 50*time.Millisecond {
		t.Fatalf("ttl = %v, %v", ttl, err)
	}
}
