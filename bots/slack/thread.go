package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/staff"
	"github.com/frontdesk/frontdesk/storage"
)

// threadCommand runs a command typed in a ticket's thread (release, close,
// quote 350 "…" 3d, status repairing, assign @x, diagnose …), which acts on
// that thread's ticket; handled is false for anything else.
func (b *Bot) threadCommand(ctx context.Context, th *storage.Thread, user, text string) (bool, error) {
	words := strings.Fields(text)
	verb := strings.ToLower(words[0])
	switch {
	case len(words) == 1 && (verb == "release" || verb == "handback" || verb == "hand-back"):
		return true, b.release(ctx, th, user)
	case len(words) == 1 && verb == "close", len(words) == 1 && verb == "show":
	case verb == "quote", verb == "status", verb == "assign", verb == "diagnose":
	default:
		return false, nil // "Release date is Monday" is a reply, not a command
	}
	if th.TicketID == 0 {
		return true, b.ephemeral(ctx, user, th.ThreadTS, b.text("slack.no_ticket", nil))
	}
	tk, err := b.db.TicketByID(ctx, th.TicketID)
	if err != nil {
		return true, err
	}
	cmd, err := staff.ParseCommandLine(verb + " " + tk.Number + " " + strings.TrimSpace(text[len(words[0]):]))
	if err != nil {
		return false, nil // not the grammar ("Status looks fine now"): an ordinary reply
	}
	return true, b.exec(ctx, user, th.ThreadTS, cmd)
}

// exec runs a staff command as the Slack user; the result is shown to them
// alone, and the change reaches the thread through the ticket's event feed.
func (b *Bot) exec(ctx context.Context, user, threadTS string, cmd staff.Command) error {
	var out bytes.Buffer
	if err := b.staff.Exec(ctx, b.actor(ctx, user), cmd, &out); err != nil {
		if errors.Is(err, domain.ErrNotAllowed) || errors.Is(err, staff.ErrUsage) || errors.Is(err, storage.ErrNotFound) {
			return b.ephemeral(ctx, user, threadTS, "```"+err.Error()+"```")
		}
		return err
	}
	return b.ephemeral(ctx, user, threadTS, "```"+out.String()+"```")
}

// takeOver puts the thread's conversation in user's hands, or tells them
// who has it.
func (b *Bot) takeOver(ctx context.Context, th *storage.Thread, user string) error {
	holder, err := b.desk.TakeOver(ctx, th.ConvChannel, th.ConvChatID, user, b.name(ctx, user))
	if errors.Is(err, dialog.ErrHeld) {
		return b.ephemeral(ctx, user, th.ThreadTS, b.text("slack.already_held", map[string]any{"Holder": holder}))
	}
	if err != nil {
		return err
	}
	return b.tookOver(ctx, th, user)
}

// tookOver notes in the thread that user took its conversation over, and
// keeps the thread as the one the customer's words go to, even when the
// chat has a newer ticket.
func (b *Bot) tookOver(ctx context.Context, th *storage.Thread, user string) error {
	if err := b.out.Stash(ctx, heldThreadKey(th.ConvChannel, th.ConvChatID), th.ThreadTS, 30*24*time.Hour); err != nil {
		return err
	}
	_, err := b.post(ctx, th.ThreadTS, slack.MsgOptionText(b.text("slack.taken_over", map[string]any{"User": user}), false))
	return err
}

// release hands the conversation back to the bot.
func (b *Bot) release(ctx context.Context, th *storage.Thread, user string) error {
	holder, err := b.desk.Holder(ctx, th.ConvChannel, th.ConvChatID)
	if err != nil || holder == "" {
		return err
	}
	if err := b.desk.Release(ctx, th.ConvChannel, th.ConvChatID); err != nil {
		return err
	}
	_, err = b.post(ctx, th.ThreadTS, slack.MsgOptionText(b.text("slack.handed_back", map[string]any{"User": user}), false))
	return err
}

// heldThreadKey names where a held chat's thread is kept.
func heldThreadKey(channel, chatID string) string {
	return "slack-held-thread:" + channel + ":" + chatID
}

// chatThread is the thread a held chat's words go to: the one it was taken
// over in, else its newest.
func (b *Bot) chatThread(ctx context.Context, channel, chatID string) (*storage.Thread, error) {
	ts, err := b.out.Unstash(ctx, heldThreadKey(channel, chatID))
	if err == nil && ts != "" {
		return b.db.ThreadByTS(ctx, ts)
	}
	if err != nil {
		return nil, err
	}
	return b.db.ThreadByChat(ctx, channel, chatID)
}

// releaseIdle hands back the conversations held but silent for
// TakeoverIdle (dialog.Manager.ReleaseIdle), each noted in its thread.
func (b *Bot) releaseIdle(ctx context.Context) error {
	if b.cfg.TakeoverIdle <= 0 {
		return nil
	}
	chats, err := b.desk.ReleaseIdle(ctx, b.cfg.TakeoverIdle)
	if err != nil {
		return err
	}
	for _, id := range chats {
		channel, chatID, _ := strings.Cut(id, ":")
		th, err := b.chatThread(ctx, channel, chatID)
		if err == nil {
			_, err = b.post(ctx, th.ThreadTS, slack.MsgOptionText(b.text("slack.idle_released", map[string]any{"Idle": b.cfg.TakeoverIdle.String()}), false))
		}
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			b.log.Error("slack: idle release not noted", "channel", channel, "chat", b.desk.LogChat(channel, chatID), "err", err)
		}
	}
	return nil
}

// guard warns the sender, privately, of a phrase never said to customers,
// with the reason and a politer way to say it.
func (b *Bot) guard(ctx context.Context, user, threadTS string, hits []prompts.NeverSay) error {
	if len(hits) == 0 {
		return nil
	}
	var msg strings.Builder
	msg.WriteString(b.text("slack.courtesy.warned", nil) + "\n")
	b.writeHits(&msg, hits)
	return b.ephemeral(ctx, user, threadTS, msg.String())
}

// writeHits lists the never-say phrases found, each with its reason and a
// politer way to say it.
func (b *Bot) writeHits(w *strings.Builder, hits []prompts.NeverSay) {
	for _, h := range hits {
		w.WriteString(b.text("slack.courtesy.hit", map[string]any{"Phrase": h.Phrase, "Reason": h.Reason, "Instead": h.Instead}) + "\n")
	}
}

// heldReply is a reply kept back by the courtesy check until confirmed.
type heldReply struct {
	Thread string `json:"thread"`
	Text   string `json:"text"`
}

// hold keeps a reply with a never-say phrase back and asks its sender,
// privately, to rephrase it or to send it anyway.
func (b *Bot) hold(ctx context.Context, user, threadTS, text string, hits []prompts.NeverSay) error {
	raw, _ := json.Marshal(heldReply{Thread: threadTS, Text: text})
	key := "held:" + threadTS + ":" + strconv.FormatInt(b.now().UnixNano(), 36)
	if err := b.out.Stash(ctx, key, string(raw), 24*time.Hour); err != nil {
		return err
	}
	var msg strings.Builder
	msg.WriteString(b.text("slack.courtesy.held", nil) + "\n")
	b.writeHits(&msg, hits)
	buttons := []slack.BlockElement{slack.NewButtonBlockElement("send_held", key, plain(b.text("slack.courtesy.send_anyway", nil)))}
	if rw := b.rewording(ctx, text); rw != "" {
		raw, _ := json.Marshal(heldReply{Thread: threadTS, Text: rw})
		if err := b.out.Stash(ctx, key+":rw", string(raw), 24*time.Hour); err != nil {
			return err
		}
		msg.WriteString(b.text("slack.courtesy.suggested", map[string]any{"Text": rw}) + "\n")
		buttons = append(buttons, slack.NewButtonBlockElement("send_held", key+":rw", plain(b.text("slack.courtesy.send_suggestion", nil))))
	}
	msg.WriteString(b.text("slack.courtesy.again", nil))
	blocks := slack.MsgOptionBlocks(
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, msg.String(), false, false), nil, nil),
		slack.NewActionBlock("held", buttons...))
	return b.call(ctx, func() error {
		_, err := b.api.PostEphemeralContext(ctx, b.cfg.StaffChannel, user, slack.MsgOptionText(msg.String(), false), blocks, slack.MsgOptionTS(threadTS))
		return err
	})
}

// rewording asks the Rewriter, if any, for a politer wording of text, and
// keeps it only if the courtesy check passes it; "" otherwise (staff then
// have the check's advice, as without a model).
func (b *Bot) rewording(ctx context.Context, text string) string {
	if b.reword == nil {
		return ""
	}
	rw, err := b.reword.Reword(ctx, text, "")
	if err != nil || rw == text || len(b.desk.Impolite(rw)) > 0 {
		return ""
	}
	return rw
}

// sendHeld relays a held reply, or its suggested rewording, that its sender
// chose: whichever is pressed first, once; the other is dropped.
func (b *Bot) sendHeld(ctx context.Context, user, key string) error {
	// The reply is sent as written or as reworded, once, whichever is
	// pressed first (two presses at once included).
	base := strings.TrimSuffix(key, ":rw")
	if first, err := b.out.Once(ctx, "held-sent:"+base, 24*time.Hour); err != nil || !first {
		return err
	}
	raw, err := b.out.Take(ctx, key)
	if err != nil || raw == "" {
		return err // expired
	}

	var h heldReply
	if err := json.Unmarshal([]byte(raw), &h); err != nil {
		return err
	}
	th, err := b.db.ThreadByTS(ctx, h.Thread)
	if err != nil {
		return err
	}
	if err := b.desk.Relay(ctx, th.ConvChannel, th.ConvChatID, user, b.actor(ctx, user), h.Text); err != nil && !errors.Is(err, dialog.ErrNotHolder) {
		return err
	}
	return nil
}

// ephemeral shows text to one staff member only. Not behind the channel's
// limiter: it answers a person waiting on a button.
func (b *Bot) ephemeral(ctx context.Context, user, threadTS, text string) error {
	opts := []slack.MsgOption{slack.MsgOptionText(text, false)}
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	_, err := b.api.PostEphemeralContext(ctx, b.cfg.StaffChannel, user, opts...)
	return err
}
