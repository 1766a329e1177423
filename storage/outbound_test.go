package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
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
			next, err := out.Advance(ctx, "telegram", "42", token, time.Minute, "", 0)
			if err != nil || string(next) != `{"text":"第二条","id":"r2"}` {
				t.Fatalf("next %s %v", next, err)
			}
			if _, _, sent, _ := out.ClaimDone(ctx, "telegram", "42", time.Minute, "sent:telegram:"); sent {
				t.Error("a locked queue's claim said sent")
			}
		})
	}
}
