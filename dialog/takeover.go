package dialog

import (
	"context"
	"encoding/json"
	"errors"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// ErrHeld means another person already holds the conversation.
var ErrHeld = errors.New("conversation held by another person")

// ErrNotHolder means the person does not hold the conversation, so their
// words are not relayed.
var ErrNotHolder = errors.New("not the person holding the conversation")

// Mirrored is a customer's message while a person holds the chat, queued
// for the staff desk's thread.
type Mirrored struct {
	ID    string       `json:"id"` // names it, so that the desk posts it once (storage.ItemID)
	Text  string       `json:"text,omitempty"`
	Files []Attachment `json:"files,omitempty"`
	At    time.Time    `json:"at"`
}

// mirror queues the customer's message for the staff desk.
func (m *Manager) mirror(t *turn) error {
	b, err := json.Marshal(Mirrored{ID: newKey(), Text: t.text, Files: t.in.Attachments, At: t.now.UTC()})
	if err != nil {
		return err
	}
	t.c.Mirror = append(t.c.Mirror, b)
	return nil
}

// TakeOver puts the chat in a person's hands (agent is their id, name how
// the customer is told of them): the bot stops its automatic replies and
// tells the customer, in their language, that name has joined. When someone
// else holds it, it returns their id and ErrHeld.
func (m *Manager) TakeOver(ctx context.Context, channel, chatID, agent, name string) (string, error) {
	holder := agent
	err := m.update(ctx, channel, chatID, func(c *storage.Conversation) error {
		if c.TakenOver && c.Agent != agent {
			holder = c.Agent
			return ErrHeld
		}
		if c.TakenOver {
			return nil // already theirs: nothing to announce
		}
		m.reset(c)
		c.TakenOver, c.Agent, c.NeedsStaff, c.StaffReason = true, agent, false, ""
		c.Idle = append(c.Idle, m.heldMark(channel, chatID)) // watched for idleness from now, with the save
		return m.announce(c, "staff.joined", name)
	})
	return holder, err
}

// Release hands the chat back to the bot, which tells the customer. It does
// nothing when no one holds the chat.
func (m *Manager) Release(ctx context.Context, channel, chatID string) error {
	_, err := m.release(ctx, channel, chatID, time.Time{})
	return err
}

// release hands the chat back and says whether it did; with quiet set,
// only if the chat has had no word from either side since (checked under
// its lock, so a word that just came keeps it).
func (m *Manager) release(ctx context.Context, channel, chatID string, quiet time.Time) (bool, error) {
	held := false
	member := storage.MirrorID(channel, chatID)
	err := m.update(ctx, channel, chatID, func(c *storage.Conversation) error {
		if !quiet.IsZero() {
			still, err := m.states.Idle().QuietSince(ctx, heldSet, member, quiet)
			if err != nil || !still {
				return err
			}
		}
		c.Idle = append(c.Idle, storage.IdleMark{Set: heldSet, Member: member, Forget: true})
		if held = c.TakenOver; !held {
			return nil
		}
		c.TakenOver, c.Agent = false, ""
		return m.announce(c, "staff.left", "")
	})
	return held, err
}

// Holder returns who holds the chat, "" when the bot does.
func (m *Manager) Holder(ctx context.Context, channel, chatID string) (string, error) {
	c, err := m.states.Get(ctx, channel, chatID)
	if errors.Is(err, storage.ErrNotFound) {
		return "", nil
	}
	if err != nil || !c.TakenOver {
		return "", err
	}
	return c.Agent, nil
}

// Relay delivers a person's words to the customer, if that person holds
// the chat (ErrNotHolder otherwise; checked under the chat's lock). The
// words are recorded first, on the chat's latest ticket, as a staff_reply
// event with the person (agent) and the time: what staff told a customer
// is part of the job's log, whichever desk they wrote from (actor names
// them there: "slack:Name (U…)", "staff:name").
func (m *Manager) Relay(ctx context.Context, channel, chatID, agent, actor, text string) error {
	return m.update(ctx, channel, chatID, func(c *storage.Conversation) error {
		if !c.TakenOver || c.Agent != agent {
			return ErrNotHolder
		}
		// queued (encoded) first: words the channel cannot take are not logged as said
		if err := m.queue(c, []Reply{{Key: "staff", Text: text}}); err != nil {
			return err
		}
		c.Idle = append(c.Idle, m.heldMark(channel, chatID)) // the person's words keep the chat held
		latest, err := m.latestTicket(ctx, channel, chatID)
		if err != nil || latest == nil {
			return err
		}
		return m.db.AddEvent(ctx, domain.Event{TicketID: latest.ID, At: m.now().UTC(), Actor: actor, Kind: EventStaffReply, Detail: text})
	})
}

// latestTicket is the chat's newest ticket, nil when it has none.
func (m *Manager) latestTicket(ctx context.Context, channel, chatID string) (*domain.Ticket, error) {
	mine, err := m.db.Tickets(ctx, storage.TicketFilter{Channel: channel, ChatID: chatID, Limit: 1})
	if err != nil || len(mine) == 0 {
		return nil, err
	}
	return &mine[0], nil
}

// EventStaffReply is the ticket event of a person's words to the customer.
const EventStaffReply = "staff_reply"

// announce queues, with c's save, the courtesy line key (a person joined
// or left) in the chat's language.
func (m *Manager) announce(c *storage.Conversation, key, name string) error {
	loc := c.Locale
	if loc == "" {
		loc = m.cfg.DefaultLocale
	}
	text, err := m.texts.Render(loc, key, map[string]any{"Name": name})
	if err != nil {
		return err
	}
	return m.queue(c, []Reply{{Key: key, Text: text, Lang: loc}})
}

// SetMirrorKick has kick called after a turn that queued a customer's
// message for the person holding the chat (the staff desk posts it at once
// instead of at its next sweep). Call before serving.
func (m *Manager) SetMirrorKick(kick func(channel, chatID string)) { m.onMirror = kick }
