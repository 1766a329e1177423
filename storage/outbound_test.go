package storage_test

import (
	"context"
	"io"
	"log/slog"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
	"github.com/redis/go-redis/v9"
)

// TestClaimSaysWhetherTheHeadWasSent: a sender that sent the head of a
// chat's queue but could not pop it left a record; whichever sender claims
// the queue next learns from the claim itself that the head was sent, and
// pops it without sending it again.
func TestClaimSaysWhetherTheHeadWasSent(t *testing.T) {
	clients, prefix := storagetest.Redis(t)
	for name, rdb := range clients {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			out := storage.NewOutbound(rdb, prefix+name+":")
			if err := out.Push(ctx, "telegram", "42", []byte(`{"text":"您好","id":"r1"}`), []byte(`{"text":"第二条","id":"r2"}`)); err != nil {
				t.Fatal(err)
			}
			token, head, sent, err := out.ClaimDone(ctx, "telegram", "42", time.Minute, "sent:telegram:")
			if err != nil || string(head) != `{"text":"您好","id":"r1"}` || sent {
				t.Fatalf("first claim: %s sent=%v %v", head, sent, err)
			}
			// Sent, then the step that pops it failed: only the record is left.
			if err := out.Stash(ctx, "sent:telegram:r1", "1", time.Hour); err != nil {
				t.Fatal(err)
			}
			if err := out.Release(ctx, "telegram", "42", token); err != nil {
				t.Fatal(err)
			}
			token, head, sent, err = out.ClaimDone(ctx, "telegram", "42", time.Minute, "sent:telegram:")
			if err != nil || !sent {
				t.Fatalf("claim after the send: %s sent=%v %v, want the head known as sent", head, sent, err)
			}
			next, err := out.Advance(ctx, "telegram", "42", token, head, time.Minute, "", 0)
			if err != nil || string(next) != `{"text":"第二条","id":"r2"}` {
				t.Fatalf("next %s %v", next, err)
			}
			// The pop tried again (its first answer lost) pops nothing more.
			again, err := out.Advance(ctx, "telegram", "42", token, head, time.Minute, "", 0)
			if err != nil || string(again) != `{"text":"第二条","id":"r2"}` {
				t.Fatalf("the same pop again: %s %v, want the second reply still at the head", again, err)
			}
			if _, _, sent, _ := out.ClaimDone(ctx, "telegram", "42", time.Minute, "sent:telegram:"); sent {
				t.Error("a locked queue's claim said sent")
			}
		})
	}
}

// TestHandledItemIsPoppedOnceRedisAnswers: an item handled (posted, sent)
// while Redis went away is popped and recorded done as soon as Redis is
// back, by the consumer that handled it, which keeps the queue meanwhile.
func TestHandledItemIsPoppedOnceRedisAnswers(t *testing.T) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr(), MaxRetries: -1})
	out := storage.NewOutbound(rdb, "h:")
	ctx := context.Background()
	if err := out.Push(ctx, "mirror", "webchat:a", []byte(`{"id":"m1","text":"一"}`), []byte(`{"id":"m2","text":"二"}`)); err != nil {
		t.Fatal(err)
	}
	token, head, _, err := out.ClaimDone(ctx, "mirror", "webchat:a", time.Minute, "done:mirror:")
	if err != nil || storage.ItemID(head) != "m1" {
		t.Fatalf("claim %s %v", head, err)
	}
	mr.Close() // the item is handled; then Redis goes away
	go func() {
		time.Sleep(300 * time.Millisecond)
		mr.Restart()
	}()
	next, err := out.AdvanceHandled(ctx, "mirror", "webchat:a", token, head, time.Minute, "done:mirror:m1", time.Hour, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil || storage.ItemID(next) != "m2" {
		t.Fatalf("advance across the outage: %s %v, want the second item", next, err)
	}
	if v, _ := out.Unstash(ctx, "done:mirror:m1"); v == "" {
		t.Error("the handled item was not recorded done")
	}
	var h storage.Handled
	h.Add("m1", time.Now())
	if !h.Has("m1") || h.Has("m2") || storage.ItemID([]byte(`{"text":"x"}`)) != "" {
		t.Error("the process's memory of handled items")
	}
}
