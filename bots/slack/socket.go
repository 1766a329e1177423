package slack

import (
	"context"
	"time"

	"github.com/frontdesk/frontdesk/bots/webapi"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// runSocket receives events, interactions and commands over Socket Mode
// (for desks without a public URL) until ctx ends. Each is handled as its
// HTTP twin would be, and acknowledged on the socket: an event only once
// its work is queued, so that Slack redelivers it otherwise.
func (b *Bot) runSocket(ctx context.Context) {
	client := socketmode.New(b.api)
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case evt, ok := <-client.Events:
				if !ok {
					return
				}
				b.onSocketEvent(ctx, client, evt)
			}
		}
	}()
	for ctx.Err() == nil {
		if err := client.RunContext(ctx); err != nil && ctx.Err() == nil {
			b.log.Error("slack: socket mode", "err", err)
			webapi.Sleep(ctx, 5*time.Second)
		}
	}
}

func (b *Bot) onSocketEvent(ctx context.Context, client *socketmode.Client, evt socketmode.Event) {
	defer func() {
		// An odd payload must not take the whole desk down.
		if r := recover(); r != nil {
			b.log.Error("slack: socket event panicked", "panic", r)
		}
	}()
	if evt.Request == nil {
		return // connection events
	}
	var resp any // the acknowledgement's payload, if any
	switch evt.Type {
	case socketmode.EventTypeEventsAPI:
		if _, err := b.acceptEvent(ctx, evt.Request.Payload); err != nil {
			b.log.Error("slack: socket event not taken; Slack will retry", "err", err)
			return // not acknowledged
		}
	case socketmode.EventTypeInteractive:
		if cb, ok := evt.Data.(slack.InteractionCallback); ok {
			resp = b.interact(ctx, &cb)
		}
	case socketmode.EventTypeSlashCommand:
		if cmd, ok := evt.Data.(slack.SlashCommand); ok {
			resp = b.command(ctx, cmd)
		}
	default:
		return
	}
	if resp != nil {
		client.Ack(*evt.Request, resp)
		return
	}
	client.Ack(*evt.Request)
}
