package slack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/slack-go/slack"
)

// queueSweep is how often queues left by a crash or by another replica's
// turns are looked for; work queued in this process is kicked at once.
const queueSweep = 500 * time.Millisecond

// queueLoop works through the queued thread messages and the customer
// messages mirrored from held conversations (each queue in order, one
// storage.Drainer for each kind) until ctx ends.
func (b *Bot) queueLoop(ctx context.Context) {
	var wg sync.WaitGroup
	for _, d := range []*storage.Drainer{b.jobs, b.mirrored} {
		wg.Add(1)
		go func() { defer wg.Done(); d.Run(ctx) }()
	}
	wg.Wait()
}

// KickMirrored asks for a held chat's mirrored messages to be posted now
// (dialog calls it after a turn that mirrored).
func (b *Bot) KickMirrored(channel, chatID string) {
	b.mirrored.Kick(storage.MirrorID(channel, chatID))
}

// drainLockTTL bounds how long a killed replica keeps a thread's queue: a
// live drain renews its claim (Outbound.Hold) while it waits on Slack.
const drainLockTTL = 30 * time.Second

// drain runs fn on each queued item of one queue under its lock; an item is
// removed only once fn succeeded, so a crash or an outage retries it. An
// item fn handled is recorded done with its pop, and remembered in the
// process, so one whose pop failed is not posted again.
func (b *Bot) drain(ctx context.Context, channel, id string, fn func(context.Context, string, []byte) error) {
	donePrefix := "done:" + channel + ":"
	token, raw, headDone, err := b.out.ClaimDone(ctx, channel, id, drainLockTTL, donePrefix)
	if err != nil && !errors.Is(err, storage.ErrLocked) && ctx.Err() == nil {
		b.log.Error("slack: claim queue", "queue", channel, "id", id, "err", err)
	}
	if err != nil || raw == nil {
		return
	}
	defer b.out.Hold(ctx, channel, id, token, drainLockTTL)()
	for first := true; raw != nil; first = false {
		item, doneKey := storage.ItemID(raw), ""
		if item != "" {
			doneKey = donePrefix + item
		}
		if item != "" && (first && headDone || b.done.Has(item)) {
			b.log.Info("slack: queued item handled before, not again", "queue", channel, "id", id, "item", item)
		} else if err := fn(ctx, id, raw); err != nil {
			b.log.Error("slack: queued work failed; retried later", "queue", channel, "id", id, "err", err)
			b.out.Release(context.WithoutCancel(ctx), channel, id, token)
			return
		} else if item != "" {
			b.done.Add(item, time.Now())
		}
		if raw, err = b.out.AdvanceHandled(ctx, channel, id, token, raw, drainLockTTL, doneKey, storage.HandledTTL, b.log); err != nil {
			if !errors.Is(err, storage.ErrLocked) {
				b.log.Error("slack: advance queue; the item may be handled again", "queue", channel, "id", id, "err", err)
				b.out.Release(context.WithoutCancel(ctx), channel, id, token)
			}
			return
		}
	}
}

func (b *Bot) onJob(ctx context.Context, threadTS string, raw []byte) error {
	var job threadJob
	if json.Unmarshal(raw, &job) != nil {
		return nil // unreadable: dropped
	}
	return b.onThreadMessage(ctx, threadTS, job)
}

// onMirrored posts a held conversation's customer message in its thread.
func (b *Bot) onMirrored(ctx context.Context, id string, raw []byte) error {
	var m dialog.Mirrored
	if json.Unmarshal(raw, &m) != nil {
		return nil
	}
	channel, chat, _ := strings.Cut(id, ":")
	th, err := b.chatThread(ctx, channel, chat)
	if errors.Is(err, storage.ErrNotFound) {
		return nil
	}
	if err != nil {
		return err
	}
	text := "👤 " + m.Text
	for _, f := range m.Files {
		text += fmt.Sprintf(" [%s `%s`]", f.Kind, f.FileID)
	}
	_, err = b.post(ctx, th.ThreadTS, slack.MsgOptionText(text, false))
	return err
}
