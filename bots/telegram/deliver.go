package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"sync"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
)

// senders is how many chats one process sends to at once; the limiter keeps
// the total within Telegram's 30 a second.
const senders = 32

// sendLockTTL bounds how long a crashed sender can hold a chat's queue; a
// live sender refreshes it after every message.
const sendLockTTL = 2 * time.Minute

// queueSweep is how often queued chats are looked for, so that replies left
// by a crash or by another replica leave without waiting for a new message.
const queueSweep = 2 * time.Second

// Kick asks for chat's queue to be sent soon. It never blocks: a full kick
// queue is drained by the sweep.
func (b *Bot) Kick(chatID string) {
	select {
	case b.kick <- chatID:
	default:
	}
}

// Send queues replies for chat (the desk's notices) and kicks it.
// It implements dialog.Sender.
func (b *Bot) Send(ctx context.Context, chatID string, replies []dialog.Reply) error {
	items := make([][]byte, 0, len(replies))
	for _, r := range replies {
		raw, err := json.Marshal(r)
		if err != nil {
			return err
		}
		items = append(items, raw)
	}
	if err := b.out.Push(ctx, Channel, chatID, items...); err != nil {
		return err
	}
	b.Kick(chatID)
	return nil
}

// deliverLoop runs the senders until ctx ends. A chat is sent to by one
// goroutine at a time in this process (busy) and by one process at a time
// (the queue's send lock in Redis).
func (b *Bot) deliverLoop(ctx context.Context) {
	var mu sync.Mutex
	busy := map[string]bool{}
	again := map[string]bool{}
	work := make(chan string)
	var wg sync.WaitGroup
	for range senders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for chat := range work {
				for {
					b.drain(ctx, chat)
					mu.Lock()
					if !again[chat] || ctx.Err() != nil {
						delete(busy, chat)
						delete(again, chat)
						mu.Unlock()
						break
					}
					delete(again, chat)
					mu.Unlock()
				}
			}
		}()
	}
	dispatch := func(chat string) {
		mu.Lock()
		if busy[chat] {
			again[chat] = true
			mu.Unlock()
			return
		}
		busy[chat] = true
		mu.Unlock()
		select {
		case work <- chat:
		case <-ctx.Done():
		}
	}
	sweep := time.NewTicker(queueSweep)
	defer sweep.Stop()
	for ctx.Err() == nil {
		select {
		case chat := <-b.kick:
			dispatch(chat)
		case <-sweep.C:
			chats, err := b.out.Pending(ctx, Channel)
			if err != nil && ctx.Err() == nil {
				b.log.Error("telegram: pending chats", "err", err)
			}
			for _, c := range chats {
				dispatch(c)
			}
		case <-ctx.Done():
		}
	}
	close(work)
	wg.Wait()
}

// drain sends chat's queued replies in order while it holds the chat's send
// lock. A reply is popped only after Telegram took it, or was given up.
func (b *Bot) drain(ctx context.Context, chat string) {
	token, err := b.out.Lock(ctx, Channel, chat, sendLockTTL)
	if err != nil || token == "" {
		return // another sender has it, or Redis is down: the sweep retries
	}
	// Unlocked even when ctx has ended, so another replica can go on at once.
	defer b.out.Unlock(context.WithoutCancel(ctx), Channel, chat, token)
	id, err := strconv.ParseInt(chat, 10, 64)
	if err != nil {
		b.log.Error("telegram: bad chat id in queue", "chat", chat)
		b.out.Drop(ctx, Channel, chat)
		return
	}
	for ctx.Err() == nil {
		if blocked, _ := b.out.Marked(ctx, Channel, chat, "blocked"); blocked {
			if n, err := b.out.Drop(ctx, Channel, chat); err == nil && n > 0 {
				b.log.Warn("telegram: customer blocked the bot; replies not sent", "chat", chat, "dropped", n)
			}
			return
		}
		raw, err := b.out.Head(ctx, Channel, chat)
		if errors.Is(err, storage.ErrNotFound) || err != nil {
			return
		}
		var r dialog.Reply
		if err := json.Unmarshal(raw, &r); err != nil {
			b.log.Error("telegram: unreadable queued reply dropped", "chat", chat, "err", err)
		} else if err := b.sendReply(ctx, id, r); err != nil {
			if ctx.Err() != nil {
				return // shutting down: the reply stays queued
			}
			if errors.Is(err, errBlocked) {
				b.out.Mark(ctx, Channel, chat, "blocked", 365*24*time.Hour)
				continue
			}
			b.log.Error("telegram: reply not delivered, given up", "chat", chat, "text", short(r.Text), "err", err)
		}
		if err := b.out.Pop(ctx, Channel, chat); err != nil {
			return
		}
		if ok, _ := b.out.Refresh(ctx, Channel, chat, token, sendLockTTL); !ok {
			return
		}
	}
}

func short(s string) string {
	if r := []rune(s); len(r) > 40 {
		return string(r[:40]) + "…"
	}
	return s
}
