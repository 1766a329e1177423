package dialog

import (
	"context"
	"errors"
	"strings"
	"sync"
	"time"

	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/storage"
)

// Speaker is a person writing to a customer from a staff desk.
type Speaker struct {
	ID    string // who holds a chat: a Slack user id, "cli:name"
	Name  string // how the customer is told of them
	Actor string // how the ticket's log names them ("slack:Name (U…)", "staff:name")
}

// Speaking is how a staff desk lets people speak to customers.
type Speaking struct {
	// ClaimFirst: when no one holds the chat, a person's first words take
	// it over but are not sent, since a message typed among colleagues (a
	// ticket's thread) may have been meant for them; they write again for
	// the customer. Without it (the command line, where writing to a
	// customer is the command) the words take the chat over and are sent.
	ClaimFirst bool
	// HoldImpolite keeps words with a phrase never said to customers back
	// until the person confirms them; without it they are sent, and the
	// desk warns the person after.
	HoldImpolite bool
}

// Said is what became of a person's words to a customer.
type Said struct {
	Sent    bool               // relayed to the customer and recorded on the ticket
	Claimed bool               // the words took the chat over
	Holder  string             // someone else holds the chat: not sent
	Held    bool               // kept back by the courtesy check (HoldImpolite)
	Flagged []prompts.NeverSay // phrases never said to customers, found in the words
}

// Say is the one way a person's words reach a customer, whichever desk
// they write from: only the person holding the chat speaks to it; no one
// holding it, the words take it over (and are sent, unless the desk claims
// first); words that a customer should never hear are held back or
// flagged, as the desk keeps courtesy.
func (m *Manager) Say(ctx context.Context, channel, chatID string, who Speaker, text string, how Speaking) (Said, error) {
	s := Said{Flagged: m.Impolite(text)}
	holder, err := m.Holder(ctx, channel, chatID)
	if err != nil {
		return s, err
	}
	switch {
	case holder == "":
		if s.Holder, err = m.TakeOver(ctx, channel, chatID, who.ID, who.Name); errors.Is(err, ErrHeld) {
			return s, nil // taken by someone else in the meantime
		} else if err != nil {
			return s, err
		}
		s.Holder, s.Claimed = "", true
		if how.ClaimFirst {
			return s, nil
		}
	case holder != who.ID:
		s.Holder = holder
		return s, nil
	}
	if how.HoldImpolite && len(s.Flagged) > 0 {
		s.Held = true
		return s, nil
	}
	err = m.Relay(ctx, channel, chatID, who.ID, who.Actor, text)
	if errors.Is(err, ErrNotHolder) {
		s.Holder, err = m.Holder(ctx, channel, chatID) // handed back or taken meanwhile
		return s, err
	}
	s.Sent = err == nil
	return s, err
}

// neverSay is the list of phrases never said to customers, loaded once.
var neverSay = sync.OnceValues(prompts.NeverSayList)

// Impolite returns the phrases never said to customers that text holds,
// each with the reason and a politer way to say it.
func (m *Manager) Impolite(text string) []prompts.NeverSay {
	list, err := neverSay()
	if err != nil {
		panic(err) // embedded data: every test loads it
	}
	return prompts.Flag(list, text)
}

// heldSet names the idle tracker's set of chats held by a person.
const heldSet = "held"

// heldMark records, with a save, activity in a held chat (a person's words,
// the customer's), which keeps it from being handed back as idle.
func (m *Manager) heldMark(channel, chatID string) storage.IdleMark {
	return storage.IdleMark{Set: heldSet, Member: storage.MirrorID(channel, chatID), At: m.now()}
}

// ReleaseIdle hands back to the bot the chats a person has held with no
// word from either side for idle, and returns them ("channel:chat").
func (m *Manager) ReleaseIdle(ctx context.Context, idle time.Duration) ([]string, error) {
	quiet, err := m.states.Idle().Quiet(ctx, heldSet, m.now().Add(-idle), 0)
	if err != nil {
		return nil, err
	}
	var released []string
	for _, id := range quiet {
		channel, chatID, _ := strings.Cut(id, ":")
		held, err := m.release(ctx, channel, chatID, m.now().Add(-idle))
		if err != nil {
			m.log.Error("idle release", "channel", channel, "chat", m.LogChat(channel, chatID), "err", err)
			continue
		}
		if held {
			released = append(released, id)
		}
	}
	return released, nil
}
