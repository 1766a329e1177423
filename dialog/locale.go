package dialog

import (
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/understand"
)

// context tells the understanding what a message answers: the report's
// question, or a yes/no the open flow waits for. Outside a flow it also
// says whether the customer has a job under way or a quote to decide, read
// from their tickets.
func (m *Manager) context(t *turn) (understand.Context, error) {
	c := t.c
	uc := m.flowContext(c)
	uc.Chat, uc.Locale, uc.Recent = c.Channel+":"+c.ChatID, c.Locale, c.Recent
	switch c.Flow {
	case flowReport, flowQuote, flowManager, flowComplaint, flowCallback:
		return uc, nil
	}
	states, err := m.db.JobStates(t.ctx, c.Channel, c.ChatID)
	if err != nil {
		return uc, err
	}
	for _, st := range states {
		uc.OpenJob = true
		if st == domain.StateQuoted {
			uc.QuotePending = true
		}
	}
	return uc, nil
}

// flowContext is the open flow and the question it waits for.
func (m *Manager) flowContext(c *storage.Conversation) understand.Context {
	switch c.Flow {
	case flowReport:
		return understand.Context{Flow: understand.FlowReport, Asked: c.Step}
	case flowQuote, flowManager:
		return understand.Context{Flow: c.Flow, Asked: "yesno"}
	case flowComplaint:
		if c.Step == "more" {
			return understand.Context{Flow: c.Flow, Asked: "yesno"}
		}
	}
	return understand.Context{Flow: c.Flow}
}

// dataSlots are answers that are data, not the customer's language: an
// address or a model typed in another script.
var dataSlots = map[string]bool{"name": true, "address": true, "product": true, "model": true, "serial": true, "phone": true}

// setLocale follows the language the customer writes in. A conversation
// without one takes any signal; one that has a language changes only on a
// whole sentence in the other (one Latin word, a model code or pinyin does
// not), and never on a datum asked for.
func (m *Manager) setLocale(t *turn) {
	c := t.c
	loc := t.res.Locale
	if loc == "" || loc == c.Locale || !m.texts.Supported(loc) {
		return
	}
	switch {
	case c.Locale == "":
		c.Locale = loc
	case !t.res.Clear:
	case c.Flow == flowReport && dataSlots[c.Step]:
	default:
		c.Locale = loc
	}
}

// recentKept is how many of the customer's last messages the conversation
// keeps for a language model's context, and recentRunes how much of each.
const recentKept, recentRunes = 3, 200

// remember keeps text among the customer's last few messages.
func remember(c *storage.Conversation, text string) {
	if r := []rune(text); len(r) > recentRunes {
		text = string(r[:recentRunes])
	}
	c.Recent = append(c.Recent, text)
	if n := len(c.Recent); n > recentKept {
		c.Recent = append([]string(nil), c.Recent[n-recentKept:]...)
	}
}
