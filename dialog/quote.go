package dialog

import (
	"context"
	"errors"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// Quote decisions as stored on the ticket.
const (
	DecisionAccepted = "accepted"
	DecisionDeclined = "declined"
)

// sayQuote states the fault, its cause, the work, the price and the repair
// time, and asks for a clear yes or no.
func (m *Manager) sayQuote(t *turn, tk *domain.Ticket) {
	m.say(t, "quote.show", quoteData(tk),
		m.button(t, "btn.accept", "quote:accept:"+tk.Number),
		m.button(t, "btn.decline", "quote:decline:"+tk.Number))
}

func quoteData(tk *domain.Ticket) map[string]any {
	return map[string]any{"Number": tk.Number, "Product": tk.Product, "Fault": tk.Fault,
		"Cause": tk.Diagnosis, "Work": tk.QuoteWork, "Cents": tk.QuoteCents, "Days": tk.QuoteDays}
}

// quotePressed starts the confirming step for an accept or decline press.
// A press for someone else's ticket is treated as stale, so it tells nothing.
func (m *Manager) quotePressed(t *turn, number, decision string) error {
	tk, err := m.db.TicketByNumber(t.ctx, number)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && !owns(t.c, tk)) ||
		(decision != "accept" && decision != "decline") {
		m.stale(t)
		return nil
	}
	if err != nil {
		return err
	}
	if tk.State != domain.StateQuoted {
		m.quoteClosed(t, tk)
		return nil
	}
	m.reset(t.c)
	t.c.Flow, t.c.Step = flowQuote, "confirm"
	t.c.Slots = map[string]string{"ticket": number, "decision": decision}
	m.say(t, "quote.confirm."+decision, quoteData(tk),
		m.button(t, "btn.yes", "qconfirm:yes"), m.button(t, "btn.not_yet", "qconfirm:no"))
	return nil
}

// quoteClosed answers a press on a quote that is no longer open.
func (m *Manager) quoteClosed(t *turn, tk *domain.Ticket) {
	if tk.Decision != "" && tk.DecidedAt != nil {
		m.say(t, "quote.already", map[string]any{"Number": tk.Number, "Decision": tk.Decision,
			"When": tk.DecidedAt.In(m.cfg.Location)})
		return
	}
	m.say(t, "quote.none", map[string]any{"Number": tk.Number})
}

// quoteAnswer takes a typed yes or no in the confirming step.
func (m *Manager) quoteAnswer(t *turn) error {
	switch t.intent.Kind {
	case IntentYes:
		return m.quoteConfirmed(t, true)
	case IntentNo:
		return m.quoteConfirmed(t, false)
	case IntentAccept, IntentDecline:
		if d := map[string]string{IntentAccept: "accept", IntentDecline: "decline"}[t.intent.Kind]; d == t.c.Slots["decision"] {
			// 行，修吧 to "accept?" is a yes
			return m.quoteConfirmed(t, true)
		}
		return m.quoteConfirmed(t, false)
	case IntentStatus, IntentReport, IntentComplaint, IntentHuman, IntentManager, IntentCancel, IntentConsult:
		m.reset(t.c) // another request: the quote stays open, its buttons still work
		return m.byIntent(t)
	}
	yes, no := m.button(t, "btn.yes", "qconfirm:yes"), m.button(t, "btn.not_yet", "qconfirm:no")
	if t.c.Slots["unclear"] != "" {
		// not the same refusal twice: the choices again, and a person
		m.flag(t, "misunderstood")
		m.say(t, "not_understood.again", m.staffData(t), yes, no, m.button(t, "btn.human", "menu:human"))
		return nil
	}
	t.c.Slots["unclear"] = "1"
	m.say(t, "quote.unclear", nil, yes, no)
	return nil
}

// quoteConfirmed records the decision, once: a second confirmation finds the
// ticket no longer quoted and changes nothing.
func (m *Manager) quoteConfirmed(t *turn, yes bool) error {
	number, decision := t.c.Slots["ticket"], t.c.Slots["decision"]
	m.reset(t.c)
	if !yes {
		m.say(t, "quote.think", map[string]any{"Number": number},
			m.button(t, "btn.accept", "quote:accept:"+number),
			m.button(t, "btn.decline", "quote:decline:"+number))
		return nil
	}
	tk, err := m.Decide(t.ctx, number, decision == "accept", actorCustomer(t.c))
	if errors.Is(err, domain.ErrNotAllowed) {
		m.quoteClosed(t, tk)
		return nil
	}
	if err != nil {
		return err
	}
	if tk.Decision == DecisionAccepted {
		m.say(t, "quote.accepted", map[string]any{"Number": number, "Days": tk.QuoteDays,
			"When": m.cfg.SLA.RepairDue(tk.DecidedAt.In(m.cfg.Location), tk.QuoteDays)})
		return nil
	}
	m.say(t, "quote.declined", map[string]any{"Number": number, "Mode": tk.ServiceMode})
	return nil
}

// quoteByText handles "报价", "同意" or "不修了" typed without a button: it
// finds the chat's open quote.
func (m *Manager) quoteByText(t *turn) error {
	t.c.Misses = 0
	var open []domain.Ticket
	if t.intent.Ticket != "" {
		tk, err := m.db.TicketByNumber(t.ctx, t.intent.Ticket)
		if err != nil && !errors.Is(err, storage.ErrNotFound) {
			return err
		}
		if tk != nil && owns(t.c, tk) && tk.State == domain.StateQuoted {
			open = append(open, *tk)
		}
	} else {
		var err error
		open, err = m.db.Tickets(t.ctx, storage.TicketFilter{Channel: t.c.Channel, ChatID: t.c.ChatID, State: domain.StateQuoted})
		if err != nil {
			return err
		}
	}
	switch {
	case len(open) == 0 && t.intent.Kind != IntentQuote:
		return m.quoteDecided(t)
	case len(open) == 0:
		m.menu(t, "quote.none_pending")
	case len(open) > 1 || t.intent.Kind == IntentQuote:
		for i := range open {
			m.sayQuote(t, &open[i])
		}
	case t.intent.Kind == IntentAccept:
		return m.quotePressed(t, open[0].Number, "accept")
	default:
		return m.quotePressed(t, open[0].Number, "decline")
	}
	return nil
}

// quoteDecided answers a decision typed when no quote waits for one: a
// quote decided lately (修吧 said twice) is recalled with what was
// decided, and a change of mind is offered to a person, who can still stop
// or start the work; otherwise no quote is pending.
func (m *Manager) quoteDecided(t *turn) error {
	tks, err := m.db.Tickets(t.ctx, storage.TicketFilter{Channel: t.c.Channel, ChatID: t.c.ChatID, Limit: 5})
	if err != nil {
		return err
	}
	for _, tk := range tks {
		if tk.Decision == "" || tk.DecidedAt == nil || t.now.Sub(*tk.DecidedAt) > recentDecision ||
			tk.State == domain.StateCancelled || tk.State == domain.StateClosed && tk.Decision == DecisionAccepted {
			continue // a job repaired and closed has no decision left to recall
		}
		same := (tk.Decision == DecisionAccepted) == (t.intent.Kind == IntentAccept)
		data := map[string]any{"Number": tk.Number, "Decision": tk.Decision, "Same": same}
		if same {
			m.say(t, "quote.already_decided", data)
		} else {
			m.say(t, "quote.already_decided", data, m.button(t, "btn.human", "menu:human"))
		}
		return nil
	}
	m.menu(t, "quote.none_pending")
	return nil
}

// recentDecision is how long a quote's decision is recalled when the
// customer answers it again.
const recentDecision = 14 * 24 * time.Hour

// Decide records the customer's answer to the open quote: accepted moves
// the job to approved, declined closes it (the machine goes back
// unrepaired). A ticket that is not quoted any more returns domain.ErrNotAllowed
// with the ticket as it stands, so a second press changes nothing.
func (m *Manager) Decide(ctx context.Context, number string, accept bool, actor string) (*domain.Ticket, error) {
	now := m.now()
	var current *domain.Ticket
	tk, err := m.db.UpdateTicket(ctx, number, actor, now, func(tk *domain.Ticket) (storage.Change, error) {
		if tk.State != domain.StateQuoted {
			c := *tk
			current = &c
			return storage.Change{}, domain.NotAllowed(tk, "decide")
		}
		at := now.UTC()
		tk.DecidedAt = &at
		if accept {
			tk.Decision, tk.State = DecisionAccepted, domain.StateApproved
			return storage.Change{Kind: "quote_accepted"}, nil
		}
		tk.Decision, tk.State = DecisionDeclined, domain.StateClosed
		return storage.Change{Kind: "quote_declined"}, nil
	})
	if errors.Is(err, domain.ErrNotAllowed) {
		return current, err
	}
	return tk, err
}
