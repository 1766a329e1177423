package dialog

import (
	"context"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/storage"
)

// reportMarks keep the list of chats with an unfinished report current,
// with the turn's save: a turn that leaves a report open records the chat,
// one that ends it forgets it; none when neither.
func reportMarks(msg Message, before, after string) []storage.IdleMark {
	mark := storage.IdleMark{Set: reportingSet, Member: storage.MirrorID(msg.Channel, msg.ChatID), At: msg.At}
	switch {
	case after == flowReport:
		return []storage.IdleMark{mark}
	case before == flowReport:
		mark.Forget = true
		return []storage.IdleMark{mark}
	}
	return nil
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
			if ctx.Err() != nil {
				return n, err
			}
			// One chat that cannot be nudged (its channel turned off) must
			// not stop the others: it is logged and no longer watched.
			m.log.Error("nudge not sent; chat no longer watched", "channel", channel, "chat", m.LogChat(channel, chatID), "err", err)
			if err := m.states.Idle().Forget(ctx, reportingSet, chat); err != nil {
				return n, err
			}
			continue
		}
		if ok {
			n++
		}
	}
	return n, nil
}

// nudge marks the chat nudged under its lock, if it is still in a report
// quiet since quiet and not held by a person, and queues the reminder with
// that mark: it is sent once, or not at all.
func (m *Manager) nudge(ctx context.Context, channel, chatID string, quiet time.Time) (bool, error) {
	nudged, settled := false, true
	err := m.update(ctx, channel, chatID, func(c *storage.Conversation) error {
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
		c.Nudged, nudged = true, true
		return m.queue(c, []Reply{{Key: "nudge.report", Text: text, Lang: c.Locale}})
	})
	if err != nil || !settled {
		return false, err
	}
	if err := m.states.Idle().Forget(ctx, reportingSet, storage.MirrorID(channel, chatID)); err != nil {
		return false, err
	}
	return nudged, nil
}
