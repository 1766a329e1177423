package dialog

import (
	"errors"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// status answers a status question: the ticket named in the message, or the
// chat's own tickets.
func (m *Manager) status(t *turn) error {
	t.c.Misses = 0
	if t.intent.Ticket != "" {
		return m.showTicket(t, t.intent.Ticket)
	}
	m.reset(t.c)
	mine, err := m.db.Tickets(t.ctx, storage.TicketFilter{Channel: t.c.Channel, ChatID: t.c.ChatID, Limit: 5})
	if err != nil {
		return err
	}
	switch len(mine) {
	case 0:
		t.c.Flow, t.c.Step = flowStatus, "number"
		m.say(t, "status.ask_number", nil, m.button(t, "btn.report", "menu:report"))
	case 1:
		m.sayTicket(t, &mine[0])
	default:
		var bs []Button
		for _, tk := range mine {
			bs = append(bs, Button{Label: tk.Number + " " + tk.Product, Payload: "ticket:" + tk.Number})
		}
		m.say(t, "status.pick", map[string]any{"Count": len(mine)}, bs...)
	}
	return nil
}

// owns reports whether the chat may see tk: it is the chat that reported it.
func owns(c *storage.Conversation, tk *domain.Ticket) bool {
	return tk.Channel == c.Channel && tk.ChatID == c.ChatID
}

// showTicket shows number to its own chat; anyone else is asked for the
// phone on the ticket first. An unknown number takes the same path as a
// foreign one, so the answer never tells whether a number exists.
func (m *Manager) showTicket(t *turn, number string) error {
	m.reset(t.c)
	tk, err := m.db.TicketByNumber(t.ctx, number)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	if tk != nil && owns(t.c, tk) {
		m.sayTicket(t, tk)
		return nil
	}
	t.c.Flow, t.c.Step = flowStatus, "verify"
	t.c.Slots = map[string]string{"ticket": number}
	m.say(t, "status.verify", map[string]any{"Number": number})
	return nil
}

// statusAnswer takes the ticket number or the phone asked for.
func (m *Manager) statusAnswer(t *turn) error {
	if t.intent.Ticket != "" {
		return m.showTicket(t, t.intent.Ticket)
	}
	phone, ok := FindPhone(t.text)
	if t.in.Phone != "" {
		phone, ok = t.in.Phone, true
	}
	if !ok && t.c.Step == "verify" {
		// asked for the ticket's phone: one written as at home abroad
		// (07700 900123) is its digits, as the report kept it
		phone, ok = nationalDigits(t.text)
	}
	if t.c.Step == "number" || !ok {
		// Not the answer asked for: a new request leaves the question,
		// anything else is asked again.
		if k := t.intent.Kind; k != IntentNone && k != IntentYes && k != IntentNo {
			m.reset(t.c)
			return m.byIntent(t)
		}
		if t.c.Slots["unclear"] != "" {
			// not the same refusal twice: a person, or a new report
			m.reset(t.c)
			m.flag(t, "misunderstood")
			m.say(t, "not_understood.again", m.staffData(t), m.button(t, "btn.human", "menu:human"), m.button(t, "btn.report", "menu:report"))
			return nil
		}
		if t.c.Slots == nil {
			t.c.Slots = map[string]string{}
		}
		t.c.Slots["unclear"] = "1"
		if t.c.Step == "number" {
			m.say(t, "invalid.ticket_number", nil)
		} else {
			m.say(t, "invalid.phone", nil)
		}
		return nil
	}
	number := t.c.Slots["ticket"]
	m.reset(t.c)
	tk, err := m.db.TicketByNumber(t.ctx, number)
	if err != nil && !errors.Is(err, storage.ErrNotFound) {
		return err
	}
	if tk == nil || tk.Phone != phone {
		m.say(t, "status.not_found", map[string]any{"Number": number}, m.button(t, "btn.report", "menu:report"))
		return nil
	}
	m.sayTicket(t, tk)
	return nil
}

// sayTicket tells where the job stands, the next step and when; a quoted
// ticket comes with its quote and the buttons to answer it.
func (m *Manager) sayTicket(t *turn, tk *domain.Ticket) {
	next, when := m.cfg.NextStep(tk)
	data := map[string]any{"Number": tk.Number, "Product": tk.Product, "State": tk.State, "When": when}
	nextText, err := m.texts.Render(t.c.Locale, "next."+next, data)
	if err != nil && t.err == nil {
		t.err = err
	}
	data["Next"] = nextText
	m.say(t, "status.ticket", data)
	if tk.State == domain.StateQuoted && owns(t.c, tk) {
		m.sayQuote(t, tk)
	}
}
