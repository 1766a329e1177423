package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

// TestSaveClaimsTheQueueForTheSender: the save that queues a turn's
// replies also takes the chat's send lock when no sender holds it, and
// gives the sender what a claim would (the head, whether it was sent); a
// queue another sender holds, or a blocked chat's, is left to the usual
// claim.
func TestSaveClaimsTheQueueForTheSender(t *testing.T) {
	clients, prefix := storagetest.Redis(t)
	for name, rdb := range clients {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			p := prefix + name + ":"
			states := storage.NewStates(rdb, p, time.Hour)
			out := storage.NewOutbound(rdb, p)
			spec := &storage.ClaimSpec{TTL: time.Minute, DonePrefix: "sent:telegram:"}
			turn := func(chat string, items ...string) *storage.Conversation {
				t.Helper()
				var saved *storage.Conversation
				err := states.Update(ctx, "telegram", chat, func(c *storage.Conversation) error {
					for _, it := range items {
						c.Outgoing = append(c.Outgoing, []byte(it))
					}
					c.Claim, saved = spec, c
					return nil
				})
				if err != nil {
					t.Fatal(err)
				}
				return saved
			}

			c := turn("7", `{"text":"您好","id":"a1"}`, `{"text":"请问贵姓","id":"a2"}`)
			if c.Claimed == nil || string(c.Claimed.Head) != `{"text":"您好","id":"a1"}` || c.Claimed.Done {
				t.Fatalf("claimed %+v, want the first reply, not sent", c.Claimed)
			}
			if _, _, err := out.Claim(ctx, "telegram", "7", time.Minute); !errors.Is(err, storage.ErrLocked) {
				t.Fatalf("another sender's claim: %v, want it locked", err)
			}
			// a second turn while the sender holds the queue: queued, not claimed
			if c := turn("7", `{"text":"好的","id":"a3"}`); c.Claimed != nil {
				t.Fatalf("claimed a held queue: %+v", c.Claimed)
			}
			next, err := out.Advance(ctx, "telegram", "7", c.Claimed.Token, c.Claimed.Head, time.Minute, "", 0)
			if err != nil || string(next) != `{"text":"请问贵姓","id":"a2"}` {
				t.Fatalf("advance from the save's claim: %s %v", next, err)
			}

			// a head sent before its pop failed is known from the save's claim
			if err := out.Stash(ctx, "sent:telegram:b1", "1", time.Hour); err != nil {
				t.Fatal(err)
			}
			if c := turn("8", `{"text":"您好","id":"b1"}`); c.Claimed == nil || !c.Claimed.Done {
				t.Fatalf("claimed %+v, want the head known as sent", c.Claimed)
			}

			// a blocked chat is not claimed by a save that does not lift the block
			if err := out.Block(ctx, "telegram", "9"); err != nil {
				t.Fatal(err)
			}
			if c := turn("9", `{"text":"通知","id":"c1"}`); c.Claimed != nil {
				t.Fatalf("claimed a blocked chat: %+v", c.Claimed)
			}
			// nor a turn without replies
			if c := turn("10"); c.Claimed != nil {
				t.Fatalf("claimed without replies: %+v", c.Claimed)
			}
		})
	}
}
