package dialog

import (
	"unicode"

	"github.com/frontdesk/frontdesk/storage"
)

// detailed is the width (a Han character counting two) from which a message
// already tells its story, so the desk records it at once instead of asking:
// "我要投诉" asks for details, "工程师迟到了两个小时" is the details. A
// question needs fewer words than a complaint ("请问保修期多久?").
var detailed = map[string]int{flowComplaint: 20, flowSuggestion: 20, flowConsult: 14}

func width(s string) int {
	w := 0
	for _, r := range s {
		w++
		if unicode.Is(unicode.Han, r) {
			w++
		}
	}
	return w
}

// startNote opens a complaint, suggestion or consultation: the desk
// acknowledges it first (a complaint with an apology), then records the
// customer's own words, now if the message already holds them.
func (m *Manager) startNote(t *turn, flow string) error {
	m.reset(t.c)
	t.c.Misses = 0
	if flow == flowComplaint {
		m.flag(t, "complaint") // a complaint goes to a person whatever follows
	}
	if width(t.text) >= detailed[flow] {
		return m.recordNote(t, flow)
	}
	t.c.Flow, t.c.Step = flow, "details"
	m.say(t, flow+".ask", nil)
	return nil
}

// noteAnswer records the details asked for. After a complaint is recorded
// the customer may go on (docs/TRADE.md, Conversations: let them finish): each further message
// is added to it, until they say that is all or ask for something else.
func (m *Manager) noteAnswer(t *turn) error {
	flow, step := t.c.Flow, t.c.Step
	m.reset(t.c)
	if step != "more" {
		return m.recordNote(t, flow)
	}
	switch k := t.intent.Kind; {
	case k == IntentNo:
		m.say(t, "complaint.done", nil)
		return nil
	case k != IntentNone && k != IntentComplaint && k != IntentAbuse:
		return m.byIntent(t)
	}
	t.c.Flow, t.c.Step = flowComplaint, "more"
	if err := m.db.AddFeedback(t.ctx, storage.Feedback{Channel: t.c.Channel, ChatID: t.c.ChatID, Kind: flowComplaint,
		Text: t.text, CreatedAt: t.now.UTC()}); err != nil {
		return err
	}
	m.say(t, "complaint.more", nil)
	return nil
}

// recordNote stores the customer's words for staff, on the ticket they name
// or their latest one, and says what happens next and by when.
func (m *Manager) recordNote(t *turn, flow string) error {
	number := t.intent.Ticket
	if number != "" {
		if tk, err := m.db.TicketByNumber(t.ctx, number); err != nil || !owns(t.c, tk) {
			number = ""
		}
	}
	if number == "" {
		latest, err := m.latestTicket(t.ctx, t.c.Channel, t.c.ChatID)
		if err != nil {
			return err
		}
		if latest != nil {
			number = latest.Number
		}
	}
	err := m.db.AddFeedback(t.ctx, storage.Feedback{Channel: t.c.Channel, ChatID: t.c.ChatID, Kind: flow,
		TicketNumber: number, Text: t.text, CreatedAt: t.now.UTC()})
	if err != nil {
		return err
	}
	data := map[string]any{"Number": number, "When": m.cfg.SLA.NextOpening(t.now.In(m.cfg.Location))}
	switch flow {
	case flowComplaint:
		data["When"] = m.cfg.SLA.ClockDue(t.now.In(m.cfg.Location), m.cfg.SLA.Complaint)
		t.c.Flow, t.c.Step = flowComplaint, "more"
	case flowConsult:
		m.flag(t, "consult")
		data["When"] = m.cfg.SLA.NextOpening(t.now.In(m.cfg.Location)).Add(m.cfg.SLA.FirstReply)
	}
	m.say(t, flow+".recorded", data)
	return nil
}

// manager explains that the desk can handle it and offers to; insisting
// hands over (docs/TRADE.md, Conversations: if they insist, hand over).
func (m *Manager) manager(t *turn) error {
	m.reset(t.c)
	t.c.Flow, t.c.Step = flowManager, "offer"
	m.say(t, "manager.explain", nil,
		m.button(t, "btn.let_you", "mgr:self"), m.button(t, "btn.insist", "mgr:insist"))
	return nil
}

// managerAnswer hands over when the customer insists; anything else is taken
// as a new request.
func (m *Manager) managerAnswer(t *turn) error {
	m.reset(t.c)
	switch t.intent.Kind {
	case IntentManager, IntentNo, IntentComplaint, IntentAbuse:
		m.handover(t, "manager") // they insist
		return nil
	case IntentYes:
		// 可以, 你来处理
		m.menu(t, "manager.self")
		return nil
	}
	return m.byIntent(t)
}

// abuse stays calm, apologises and proposes to solve it together; a person
// takes over.
func (m *Manager) abuse(t *turn) error {
	m.reset(t.c)
	m.flag(t, "abuse")
	m.say(t, m.whenStaffKey(t, "abuse"), m.staffData(t))
	return nil
}
