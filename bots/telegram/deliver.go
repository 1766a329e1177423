package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
)

// senders is how many chats one process sends to at once; the limiter keeps
// the total within Telegram's 30 a second.
const senders = 64

// sendLockTTL bounds how long a crashed sender can hold a chat's queue: a
// live sender renews it every third of that while it drains the queue
// (a message may wait minutes on 429s), so a killed one frees the chat
// within this time.
const sendLockTTL = 6 * time.Second

// queueSweep is how often queued chats are looked for, so that replies left
// by a crash or by another replica leave without waiting for a new message.
const queueSweep = 2 * time.Second

// Kick asks for chat's queue to be sent soon. It never blocks and never
// forgets a chat: kicks are kept in an in-process queue for the senders.
func (b *Bot) Kick(chatID string) { b.queue.Kick(chatID) }

// Outlet is Telegram's way to its customers for the desk
// (dialog.Manager.SetOutlet): replies are queued, as they are, on the
// chat's queue in the step that saves their cause, which also claims the
// chat's queue for a sender when none holds it, and the senders are kicked
// to send them at once, from that claim.
func (b *Bot) Outlet() dialog.Outlet {
	spec := &storage.ClaimSpec{TTL: sendLockTTL, DonePrefix: sentPrefix}
	return dialog.Outlet{Encode: Encode, Wake: b.queue.KickClaimed, Claim: func() *storage.ClaimSpec {
		if !b.queue.Free() {
			return nil // every sender busy (429s): leave the chat to whichever replica is free
		}
		return spec
	}}
}

// Encode is the outlet's encoding, for a process that queues replies which
// the server's senders send (the staff command line): replies as queued,
// for a numeric chat id (what Telegram gives).
func Encode(chatID string, rs []dialog.Reply) ([][]byte, error) {
	if _, err := strconv.ParseInt(chatID, 10, 64); err != nil {
		return nil, fmt.Errorf("telegram: chat id %q is not Telegram's", chatID)
	}
	return dialog.QueuedReplies(chatID, rs)
}

// deliverLoop runs the senders until ctx ends (storage.Drainer: kicked
// chats at once, queues left by a crash or another replica every
// queueSweep).
func (b *Bot) deliverLoop(ctx context.Context) { b.queue.Run(ctx) }

// drain sends chat's queued replies in order while it holds the chat's send
// lock. A reply is popped only after Telegram took it, or was given up.
func (b *Bot) drain(ctx context.Context, chat string, claimed *storage.Claimed) {
	token, raw, headSent, err := b.claim(ctx, chat, claimed)
	switch {
	case errors.Is(err, storage.ErrLocked), raw == nil && err == nil:
		return // another sender has it, or nothing is queued
	case errors.Is(err, storage.ErrBlocked):
		if n, err := b.out.Drop(ctx, Channel, chat); err == nil && n > 0 {
			b.log.Warn("telegram: customer blocked the bot; replies not sent", "chat", chat, "dropped", n)
		}
		b.out.Release(context.WithoutCancel(ctx), Channel, chat, token)
		return
	case err != nil:
		b.log.Error("telegram: claim queue", "chat", chat, "err", err)
		return // the sweep retries
	}
	defer b.out.Hold(ctx, Channel, chat, token, sendLockTTL)()
	id, err := strconv.ParseInt(chat, 10, 64)
	if err != nil {
		b.log.Error("telegram: bad chat id in queue", "chat", chat)
		b.out.Drop(ctx, Channel, chat)
		b.out.Release(ctx, Channel, chat, token)
		return
	}
	for first := true; raw != nil; first = false {
		var r dialog.Reply
		sent := "" // the reply's id once Telegram took it: recorded as sent with the pop
		if err := json.Unmarshal(raw, &r); err != nil {
			b.log.Error("telegram: unreadable queued reply dropped", "chat", chat, "err", err)
		} else if b.wasSent(r.ID, first && headSent) {
			// sent before the step that pops it failed: popped, not sent again
			b.log.Info("telegram: reply already sent, not sent again", "chat", chat, "ticket", r.Ticket, "id", r.ID)
		} else if err := b.sendReply(ctx, id, r); err != nil {
			switch {
			case ctx.Err() != nil:
				// Shutting down: the reply stays queued; unlocked so that
				// another replica can go on at once.
				b.out.Release(context.WithoutCancel(ctx), Channel, chat, token)
				return
			case errors.Is(err, errBlocked):
				b.out.Block(ctx, Channel, chat)
				b.out.Drop(ctx, Channel, chat)
				b.out.Release(ctx, Channel, chat, token)
				b.log.Warn("telegram: customer blocked the bot; replies not sent", "chat", chat, "ticket", r.Ticket)
				return
			}
			b.log.Error("telegram: reply not delivered, given up", "chat", chat, "ticket", r.Ticket, "reply", r.Key, "err", err)
		} else if r.ID != "" {
			b.sent.Add(r.ID, time.Now())
			sent = r.ID
		}
		// Advanced even when shutting down: the reply was sent.
		if raw, err = b.advance(ctx, chat, token, raw, sent); err != nil {
			if !errors.Is(err, storage.ErrLocked) {
				b.log.Error("telegram: advance queue", "chat", chat, "err", err)
				b.out.Release(context.WithoutCancel(ctx), Channel, chat, token)
			}
			return
		}
	}
}

// claim takes chat's queue: from the claim the save took for this process
// when there is one and it is still young (at most a third of its TTL old:
// the drain renews it from here), or by claiming it now.
func (b *Bot) claim(ctx context.Context, chat string, claimed *storage.Claimed) (string, []byte, bool, error) {
	if claimed != nil {
		if time.Since(claimed.At) < sendLockTTL/3 {
			return claimed.Token, claimed.Head, claimed.Done, nil
		}
		// Waited too long for a sender: given back and claimed afresh.
		b.out.Release(context.WithoutCancel(ctx), Channel, chat, claimed.Token)
	}
	return b.out.ClaimDone(ctx, Channel, chat, sendLockTTL, sentPrefix)
}

// advance pops the reply just handled (sent, or given up) and records it as
// sent when Telegram took it (storage.Outbound.AdvanceHandled).
func (b *Bot) advance(ctx context.Context, chat, token string, head []byte, sentID string) ([]byte, error) {
	return b.out.AdvanceHandled(ctx, Channel, chat, token, head, sendLockTTL, sentKey(sentID), storage.HandledTTL, b.log)
}
