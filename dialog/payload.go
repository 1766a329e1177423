package dialog

import (
	"slices"
	"strings"
)

// onPayload handles a pressed button. Menu buttons are always valid; quote
// and ticket buttons are checked against the ticket itself; any other
// payload must be one the desk offered in its last reply, so a stale or
// forged press changes nothing and gets a polite word.
func (m *Manager) onPayload(t *turn, offered []string) error {
	p := t.in.Payload
	kind, arg, _ := strings.Cut(p, ":")
	switch kind {
	case "menu":
		return m.onMenu(t, arg)
	case "quote":
		decision, number, _ := strings.Cut(arg, ":")
		return m.quotePressed(t, number, decision)
	case "ticket":
		return m.showTicket(t, arg)
	case "cb":
		return m.callbackPressed(t, arg)
	case "clarify":
		t.intent = Intent{Kind: arg}
		if !slices.Contains(offered, p) {
			m.stale(t)
			return nil
		}
		return m.byIntent(t)
	case "draft":
		if arg == "resume" && t.c.Draft != nil {
			return m.startReport(t)
		}
		t.c.Draft = nil
		m.menu(t, "report.dropped")
		return nil
	}
	if !slices.Contains(offered, p) {
		m.stale(t)
		return nil
	}
	c := t.c
	switch kind {
	case "sal":
		if arg == "none" {
			arg = ""
		}
		c.Slots["salutation"] = arg
	case "mode":
		c.Slots["mode"] = arg
	case "proof":
		c.Slots["proof"] = arg
	case "skip":
		c.Slots[c.Step] = ""
	case "confirm":
		if arg == "yes" {
			return m.createTicket(t)
		}
		m.editMenu(t)
		return nil
	case "edit":
		delete(c.Slots, arg)
		if arg == "name" {
			delete(c.Slots, "salutation")
		}
		if arg == "mode" {
			delete(c.Slots, "address")
		}
	case "qconfirm":
		return m.quoteConfirmed(t, arg == "yes")
	case "mgr":
		if arg == "insist" {
			m.handover(t, "manager")
			return nil
		}
		m.reset(c)
		m.menu(t, "manager.self")
		return nil
	default:
		m.stale(t)
		return nil
	}
	return m.askNext(t)
}

func (m *Manager) onMenu(t *turn, arg string) error {
	switch arg {
	case "report":
		return m.startReport(t)
	case "status":
		t.intent = Intent{Kind: IntentMyTickets}
		return m.status(t)
	case "human":
		m.handover(t, "human")
	case "cancel":
		m.cancel(t)
	case "help":
		m.reset(t.c)
		m.menu(t, "help")
	default:
		m.stale(t)
	}
	return nil
}

// stale answers a button that is no longer (or never was) valid, and asks
// the open question again so nothing is lost.
func (m *Manager) stale(t *turn) {
	m.say(t, "stale_button", nil)
	if t.c.Flow == flowReport {
		if t.c.Step == "confirm" {
			m.summary(t)
			return
		}
		m.askNext(t)
		return
	}
	if t.c.Flow == "" {
		m.menu(t, "help")
	}
}
