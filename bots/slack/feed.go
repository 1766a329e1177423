package slack

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/frontdesk/frontdesk/bots/webapi"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// feedEvery is how often the ticket events and escalations are tailed.
const feedEvery = 500 * time.Millisecond

// feedLoop tails the ticket event log and the feedback table into the staff
// channel until ctx ends. One replica at a time holds the feed's lease; it
// posts each row and only then marks it taken in SQL, so a Slack outage
// delays rows instead of losing them (a crash between a post and the mark
// may post that one row twice).
func (b *Bot) feedLoop(ctx context.Context) {
	holder := storage.NewHolder()
	for ctx.Err() == nil {
		commit := b.db.NextCommit() // an event this process writes wakes it at once
		if err := b.releaseIdle(ctx); err != nil && ctx.Err() == nil {
			b.log.Error("slack: idle release", "err", err)
		}
		err := b.feedOnce(ctx, holder)
		if err != nil && ctx.Err() == nil && !errors.Is(err, errNotLeader) {
			b.log.Error("slack: feed", "err", err)
		}
		b.db.WaitFor(ctx, commit, feedEvery)
	}
}

// feedLease is how long the feed's lease lasts; it is renewed before every
// row, so a replica that stops is replaced within this time.
const feedLease = 30 * time.Second

// feedBatch is how many rows of each table one pass takes.
const feedBatch = 50

// feedOnce posts the ticket events and the feedback the staff desk has not
// taken (storage.FeedTail, storage.FeedbackTail), each then marked taken.
func (b *Bot) feedOnce(ctx context.Context, holder string) error {
	es, err := b.db.UnreadEvents(ctx, storage.FeedTail, feedBatch)
	if err != nil {
		return err
	}
	for _, e := range es {
		if err := b.feedRow(ctx, holder, storage.FeedTail, e.ID, func() error { return b.onTicketEvent(ctx, e) }); err != nil {
			return fmt.Errorf("ticket event %d: %w", e.ID, err)
		}
	}
	fs, err := b.db.UnreadFeedback(ctx, feedBatch)
	if err != nil {
		return err
	}
	for _, f := range fs {
		if err := b.feedRow(ctx, holder, storage.FeedbackTail, f.ID, func() error { return b.onFeedback(ctx, f) }); err != nil {
			return fmt.Errorf("feedback %d: %w", f.ID, err)
		}
	}
	return nil
}

// errNotLeader stops a pass whose replica lost the feed's lease.
var errNotLeader = errors.New("slack: another replica feeds the desk")

// feedRow posts one row while this replica holds the feed's lease, then
// marks it taken. A row Slack refuses for good is logged and taken; any
// other failure leaves it for the next pass.
func (b *Bot) feedRow(ctx context.Context, holder string, t storage.Tail, id int64, post func() error) error {
	if lead, err := b.out.Lease(ctx, "slack-feed", holder, feedLease); err != nil {
		return err
	} else if !lead {
		return errNotLeader
	}
	if err := post(); err != nil {
		if !permanent(err) {
			return err
		}
		b.log.Error("slack: row not posted, skipped", "row", id, "err", err)
	}
	return b.db.Taken(ctx, t, b.now(), id)
}

// thread finds the thread whose top message has ts. A message just posted
// is recorded a moment after Slack answers, so a press or a reply that
// comes at once waits for it, up to two seconds.
func (b *Bot) thread(ctx context.Context, ts string) (*storage.Thread, error) {
	for wait := 0; ; wait++ {
		th, err := b.db.ThreadByTS(ctx, ts)
		if !errors.Is(err, storage.ErrNotFound) || wait == 20 {
			return th, err
		}
		webapi.Sleep(ctx, 100*time.Millisecond)
	}
}

// permanent says whether Slack refused a call for good (channel_not_found,
// invalid_blocks…), so retrying the row would block the feed forever.
func permanent(err error) bool {
	var se slack.SlackErrorResponse
	return errors.As(err, &se) && se.Err != "ratelimited"
}

// ticketThread returns the ticket's thread, posting the ticket's message
// (which starts the thread) when it has none yet.
func (b *Bot) ticketThread(ctx context.Context, tk *domain.Ticket) (*storage.Thread, error) {
	th, err := b.db.ThreadByTicket(ctx, tk.ID)
	if !errors.Is(err, storage.ErrNotFound) {
		return th, err
	}
	ts, err := b.post(ctx, "", slack.MsgOptionText(tk.Number+" "+tk.Product+": "+tk.Fault, false), slack.MsgOptionBlocks(b.blocks(ctx, tk)...))
	if err != nil {
		return nil, err
	}
	t := storage.Thread{ThreadTS: ts, StaffChannel: b.cfg.StaffChannel, TicketID: tk.ID, ConvChannel: tk.Channel, ConvChatID: tk.ChatID, CreatedAt: b.now()}
	return &t, b.db.SaveThread(ctx, t)
}

// onTicketEvent posts a ticket's event in its thread and keeps the ticket's
// message current.
func (b *Bot) onTicketEvent(ctx context.Context, e domain.Event) error {
	tk, err := b.db.TicketByID(ctx, e.TicketID)
	if err != nil {
		return err
	}
	th, err := b.ticketThread(ctx, tk)
	if err != nil || e.Kind == "created" || (e.Kind == dialog.EventStaffReply && strings.HasPrefix(e.Actor, "slack:")) {
		return err // a reply typed in the thread is there already
	}
	line := fmt.Sprintf("`%s` *%s* %s — %s", e.At.In(b.staff.Location()).Format("01-02 15:04"), e.Kind, b.staff.EventDetail(e), e.Actor)
	if who := b.alarmed(e.Kind); who != "" {
		line = who + " :rotating_light: " + line
	} else if e.Kind == "sla_warning" || e.Kind == "quote_reminder" {
		line = ":hourglass_flowing_sand: " + line
	}
	if _, err := b.post(ctx, th.ThreadTS, slack.MsgOptionText(line, false)); err != nil {
		return err
	}
	return b.call(ctx, func() error {
		_, _, _, err := b.api.UpdateMessageContext(ctx, th.StaffChannel, th.ThreadTS,
			slack.MsgOptionText(tk.Number+" "+tk.Product+": "+tk.Fault, false), slack.MsgOptionBlocks(b.blocks(ctx, tk)...))
		return err
	})
}

// alarmed returns whom an event alarms in the thread: the supervisors for
// a breached service level or an overdue quote, the staff group for a
// customer unhappy on a callback; "" for other events.
func (b *Bot) alarmed(kind string) string {
	switch kind {
	case "sla_breach", "quote_overdue":
		if b.cfg.Supervisors != "" {
			return b.cfg.Supervisors
		}
		return b.cfg.StaffGroup
	case "callback_alarm":
		return b.cfg.StaffGroup
	}
	return ""
}

// blocks renders the ticket's message as it stands now.
func (b *Bot) blocks(ctx context.Context, tk *domain.Ticket) []slack.Block {
	files, _ := b.db.Attachments(ctx, tk.ID)
	next, due := b.staff.NextStep(tk)
	return ticketBlocks(b.text, tk, files, b.cfg.MaskContact, next, due)
}

// onFeedback posts an escalation, complaint, suggestion or question in the
// chat's thread (its ticket's, or a new one), mentioning the staff group
// when a person is needed.
func (b *Bot) onFeedback(ctx context.Context, f storage.Feedback) error {
	var th *storage.Thread
	var err error
	if f.TicketNumber != "" {
		var tk *domain.Ticket
		if tk, err = b.db.TicketByNumber(ctx, f.TicketNumber); err == nil {
			th, err = b.ticketThread(ctx, tk)
		}
	} else {
		th, err = b.db.ThreadByChat(ctx, f.Channel, f.ChatID)
	}
	reason, escalation := strings.CutPrefix(f.Kind, "handover:")
	if errors.Is(err, storage.ErrNotFound) {
		var ts string
		ts, err = b.post(ctx, "", slack.MsgOptionText(b.text("slack.chat_needs_person_text", map[string]any{"Reason": reason}), false), slack.MsgOptionBlocks(chatBlocks(b.text, f.Channel, f.ChatID, reason)...))
		if err != nil {
			return err
		}
		th = &storage.Thread{ThreadTS: ts, StaffChannel: b.cfg.StaffChannel, ConvChannel: f.Channel, ConvChatID: f.ChatID, CreatedAt: b.now()}
		err = b.db.SaveThread(ctx, *th)
	}
	if err != nil {
		return err
	}
	text := b.text("slack.feedback", map[string]any{"Kind": f.Kind, "Text": f.Text})
	if escalation {
		text = b.text("slack.escalation", map[string]any{"Group": b.cfg.StaffGroup, "Reason": reason, "Text": f.Text})
	}
	_, err = b.post(ctx, th.ThreadTS, slack.MsgOptionText(strings.TrimSpace(text), false))
	return err
}
