package slack

import (
	"context"
	"fmt"

	"github.com/slack-go/slack"

	"github.com/frontdesk/frontdesk/storage"
)

// Redact replaces the text of every message the desk posted in threads
// (the ticket's card, the customer's mirrored words, notes) with text, when
// a customer's data is erased. Staff members' own messages are theirs and
// not the bot's to edit. It needs only the bot token, not a running desk.
func Redact(ctx context.Context, cfg Config, threads []storage.Thread, text string) (int, error) {
	opts := []slack.Option{}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(cfg.APIURL))
	}
	api := slack.New(cfg.BotToken, opts...)
	auth, err := api.AuthTestContext(ctx)
	if err != nil {
		return 0, fmt.Errorf("slack: redact: %w", err)
	}
	n := 0
	for _, th := range threads {
		targets := []string{th.ThreadTS} // the card, even when the replies cannot be read
		msgs, _, _, err := api.GetConversationRepliesContext(ctx, &slack.GetConversationRepliesParameters{
			ChannelID: th.StaffChannel, Timestamp: th.ThreadTS, Limit: 1000})
		if err == nil {
			for _, m := range msgs {
				if m.Timestamp != th.ThreadTS && (m.BotID == auth.BotID || m.User == auth.UserID) {
					targets = append(targets, m.Timestamp)
				}
			}
		}
		for _, ts := range targets {
			if _, _, _, err := api.UpdateMessageContext(ctx, th.StaffChannel, ts, slack.MsgOptionText(text, false),
				slack.MsgOptionBlocks()); err != nil {
				return n, fmt.Errorf("slack: redact %s: %w", ts, err)
			}
			n++
		}
	}
	return n, nil
}
