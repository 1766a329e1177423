package dialog

import (
	"context"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/storage"
)

// watchReport keeps the list of chats with an unfinished report current:
// a turn that leaves a report open records the chat, one that ends it
// forgets it. A failure only costs a nudge, so it is logged, not returned.
func (m *Manager) watchReport(ctx context.Context, msg Message, before, after string) {
	var err error
	switch {
	case after == flowReport:
		err = m.states.Idle().Touch(ctx, reportingSet, storage.MirrorID(msg.Channel, msg.ChatID), msg.At)
	case before == flowReport:
		err = m.states.Idle().Forget(ctx, reportingSet, storage.MirrorID(msg.Channel, msg.ChatID))
	}
	if err != nil {
		m.log.Warn("unfinished report not tracked", "chat", msg.Channel+":"+msg.ChatID, "err", err)
	}
}

// reportingSet names the idle tracker's set of chats with a report left
// unfinished.
const reportingSet = "reporting"

// NudgeQuiet nudges, once each, the customers whose report has stood
// unfinished and quiet for the configured time, and returns how many were
// nudged. The report itself stays in the conversation (kept for a day, the
// conversation's idle time), so they carry on where they stopped.
func (m *Manager) NudgeQuiet(ctx context.Context) (int, error) {
	now := m.now()
	quiet := now.Add(-m.cfg.Promises.Nudge)
	chats, err := m.states.Idle().Quiet(ctx, reportingSet, quiet, 200)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, chat := range chats {
		channel, chatID, _ := strings.Cut(chat, ":")
		ok, err := m.nudge(ctx, channel, chatID, quiet)
		if err != nil {
			return n, err
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// nudge marks the chat nudged under its lock, if it is still in a report
// quiet since quiet and not held by a person, then sends the reminder. The
// mark is saved before sending: a crash between loses the nudge rather
// than sending it twice.
func (m *Manager) nudge(ctx context.Context, channel, chatID string, quiet time.Time) (bool, error) {
	var out []Reply
	settled := true
	err := m.states.Update(ctx, channel, chatID, func(c *storage.Conversation) error {
		if c.Flow == flowReport && c.LastActivity.After(quiet) {
			settled = false // they wrote again meanwhile: watched from that turn on
			return nil
		}
		if c.Flow != flowReport || c.Nudged || c.TakenOver {
			return nil
		}
		text, err := m.texts.Render(c.Locale, "nudge.report", nil)
		if err != nil {
			return err
		}
		c.Nudged, out = true, []Reply{{Key: "nudge.report", Text: text, Lang: c.Locale}}
		return nil
	})
	if err != nil {
		return false, err
	}
	if !settled {
		return false, nil
	}
	if err := m.states.Idle().Forget(ctx, reportingSet, storage.MirrorID(channel, chatID)); err != nil {
		return false, err
	}
	if out == nil {
		return false, nil
	}
	return true, m.senders.Send(ctx, channel, chatID, out)
}
