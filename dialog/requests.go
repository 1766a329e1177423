package dialog

import (
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// global handles what interrupts any flow: cancel, help and asking for a
// person. Other intents wait until the flow's question is answered, so a
// fault description that says "投诉" is still the fault.
func (m *Manager) global(t *turn) bool {
	// Inside a flow the message is most likely its answer ("取消打印后卡住"
	// is a fault), so only a short message counts as a command.
	if t.c.Flow == flowReport {
		return false // the report reads interruptions from the commands
	}
	if t.c.Flow != "" && !command(t.text) {
		return false
	}
	switch t.intent.Kind {
	case IntentCancel:
		m.cancel(t)
	case IntentHelp:
		m.reset(t.c)
		m.menu(t, "help")
	case IntentHuman:
		m.handover(t, "human")
	default:
		return false
	}
	return true
}

func (m *Manager) byIntent(t *turn) error {
	switch t.intent.Kind {
	case IntentReport:
		return m.startReport(t)
	case IntentStatus, IntentMyTickets:
		return m.status(t)
	case IntentQuote, IntentAccept, IntentDecline:
		return m.quoteByText(t)
	case IntentComplaint:
		return m.startNote(t, flowComplaint)
	case IntentSuggestion:
		return m.startNote(t, flowSuggestion)
	case IntentConsult:
		if t.intent.Topic != "" {
			t.c.Misses = 0
			m.reset(t.c)
			m.knowledge(t, t.intent.Topic)
			return nil
		}
		return m.startNote(t, flowConsult)
	case IntentManager:
		return m.manager(t)
	case IntentAbuse:
		return m.abuse(t)
	case IntentPraise:
		t.c.Misses = 0
		m.say(t, "praise", nil)
		return nil
	case IntentGreeting:
		t.c.Misses = 0
		m.menu(t, "greeting")
		return nil
	case IntentOffTopic:
		t.c.Misses = 0
		m.say(t, "off_topic", m.companyData(t.c.Locale), m.button(t, "btn.report", "menu:report"), m.button(t, "btn.status", "menu:status"))
		return nil
	case IntentClarify:
		return m.clarify(t)
	case IntentCancel:
		m.cancel(t)
		return nil
	case IntentHuman:
		m.handover(t, "human")
		return nil
	case IntentHelp:
		m.reset(t.c)
		m.menu(t, "help")
		return nil
	case IntentYes, IntentNo:
		return m.bareAnswer(t)
	}
	m.notUnderstood(t)
	return nil
}

// clarify asks which of two readings was meant, in one question with a
// button for each.
func (m *Manager) clarify(t *turn) error {
	t.c.Misses = 0
	o := t.intent.Options
	m.say(t, "clarify", map[string]any{"First": o[0], "Second": o[1]},
		m.button(t, "btn.clarify."+o[0], "clarify:"+o[0]), m.button(t, "btn.clarify."+o[1], "clarify:"+o[1]))
	return nil
}

// bareAnswer takes a yes or no sent with no question open: it answers the
// report set aside ("继续吧"), else the chat's open quote, which is then
// confirmed like a pressed button; otherwise it is not understood.
func (m *Manager) bareAnswer(t *turn) error {
	yes := t.intent.Kind == IntentYes
	if t.c.Draft != nil {
		if yes {
			return m.startReport(t)
		}
		t.c.Draft = nil
		m.menu(t, "report.dropped")
		return nil
	}
	open, err := m.db.Tickets(t.ctx, storage.TicketFilter{Channel: t.c.Channel, ChatID: t.c.ChatID, State: domain.StateQuoted})
	if err != nil {
		return err
	}
	if len(open) == 1 {
		if yes {
			return m.quotePressed(t, open[0].Number, "accept")
		}
		return m.quotePressed(t, open[0].Number, "decline")
	}
	m.notUnderstood(t)
	return nil
}
