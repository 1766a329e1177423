package dialog

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/frontdesk/frontdesk/storage"
)

// Outlet is how one channel takes the desk's messages to its customers.
// Every message to a customer (a turn's replies, a notice, a person's
// words, a reminder, the lines that announce a person) leaves by one road:
// Encode turns the replies into the channel's items, the store puts them on
// the chat's one queue (or its transcript) in the same step that saves
// their cause, and Wake, when set, tells the channel's drain to send them
// at once rather than at its next sweep.
type Outlet struct {
	// Encode turns replies for chatID into the items the store delivers;
	// it fails for a chat id the channel could not have given.
	Encode func(chatID string, rs []Reply) ([][]byte, error)
	// Wake is told after items were delivered for chatID, with the send
	// lock the save took for the channel's sender when Claim asked for it
	// (nil otherwise); Wake is nil when the store's delivery is the last
	// step (the web chat's transcript).
	Wake func(chatID string, claimed *storage.Claimed)
	// LogName names a chat in log lines; nil: by its id. A channel whose
	// chat id is a secret (the web chat's session) names it by a digest.
	LogName func(chatID string) string
	// Claim, when set and giving a spec, has the save that queues a turn's
	// replies also take the chat's send lock for the channel's sender, so
	// that sending starts without a round trip of its own. It gives nil
	// when no sender is free to start at once (the claim would only keep
	// other replicas waiting).
	Claim func() *storage.ClaimSpec
}

// QueuedReplies is the Encode of a channel whose own drain sends each
// reply (Telegram): the replies as the queue keeps them, one item each.
func QueuedReplies(_ string, rs []Reply) ([][]byte, error) {
	items := make([][]byte, 0, len(rs))
	for _, r := range rs {
		b, err := json.Marshal(r.Queued())
		if err != nil {
			return nil, err
		}
		items = append(items, b)
	}
	return items, nil
}

// SetOutlet gives the desk channel's outlet. Call before serving: a
// channel without one can be neither answered (Take, Answer) nor written
// to (Send, a person's words); Handle, which only returns the replies,
// needs none.
func (m *Manager) SetOutlet(channel string, o Outlet) {
	if m.outlets == nil {
		m.outlets = map[string]Outlet{}
	}
	m.outlets[channel] = o
}

func (m *Manager) outlet(channel string) (Outlet, error) {
	o, ok := m.outlets[channel]
	if !ok {
		return Outlet{}, fmt.Errorf("dialog: no outlet for channel %q", channel)
	}
	return o, nil
}

// queue adds rs to what saving c delivers to its chat.
func (m *Manager) queue(c *storage.Conversation, rs []Reply) error {
	if len(rs) == 0 {
		return nil
	}
	o, err := m.outlet(c.Channel)
	if err != nil {
		return err
	}
	items, err := o.Encode(c.ChatID, rs)
	if err != nil {
		return err
	}
	c.Outgoing = append(c.Outgoing, items...)
	if o.Claim != nil {
		c.Claim = o.Claim()
	}
	return nil
}

// LogChat is how chatID of channel is named in log lines (Outlet.LogName).
func (m *Manager) LogChat(channel, chatID string) string {
	if o, ok := m.outlets[channel]; ok && o.LogName != nil {
		return o.LogName(chatID)
	}
	return chatID
}

// wake tells channel's drain that chatID has items, when it wants to know,
// with the send lock taken for it, if any.
func (m *Manager) wake(channel, chatID string, claimed *storage.Claimed) {
	if o, ok := m.outlets[channel]; ok && o.Wake != nil {
		o.Wake(chatID, claimed)
	}
}

// Send delivers rs to a chat outside any change of its conversation (the
// desk's notices): onto the same queue, under the chat's lock, so they keep
// their order with the chat's turns.
func (m *Manager) Send(ctx context.Context, channel, chatID string, rs []Reply) error {
	o, err := m.outlet(channel)
	if err != nil {
		return err
	}
	items, err := o.Encode(chatID, rs)
	if err != nil {
		return err
	}
	if err := m.states.Deliver(ctx, channel, chatID, items); err != nil {
		return fmt.Errorf("dialog: deliver to %s:%s: %w", channel, chatID, err)
	}
	m.wake(channel, chatID, nil)
	return nil
}

// update changes the chat's conversation with fn, which may queue replies
// (queue), and wakes the channel's drain when the save delivered some.
func (m *Manager) update(ctx context.Context, channel, chatID string, fn func(*storage.Conversation) error) error {
	var saved *storage.Conversation
	err := m.states.Update(ctx, channel, chatID, func(c *storage.Conversation) error {
		if err := fn(c); err != nil {
			return err
		}
		saved = c
		return nil
	})
	if err == nil && saved != nil && len(saved.Outgoing) > 0 {
		m.wake(channel, chatID, saved.Claimed) // the save sets Claimed after fn
	}
	return err
}
