package dialog

import (
	"crypto/rand"
	"encoding/hex"

	"github.com/frontdesk/frontdesk/storage"
)

// Flow names kept in the conversation state.
const (
	flowReport     = "report"
	flowStatus     = "status"
	flowQuote      = "quote"
	flowComplaint  = "complaint"
	flowSuggestion = "suggestion"
	flowConsult    = "consult"
	flowManager    = "manager"
)

// reportSlots are the report's fields, in the read-back's order. A slot
// answered with "skip" holds "" and counts as answered.
var reportSlots = []string{"name", "salutation", "phone", "mode", "address", "product",
	"model", "serial", "purchase", "proof", "fault", "time"}

// askOrder is the order questions are asked in, each only while missing
// (a first message usually names the product and the fault already). The
// model and serial are taken when given but not asked (the engineer reads
// them off the rating label), the purchase question also takes the proof
// and the customer's word on warranty and is not asked of a telecom
// service, and the visit's time is agreed by the engineer, who calls once
// the job is dispatched (a time the customer gives is kept). A name given
// in full (张伟, Sarah Lee) is not asked its title.
var askOrder = []string{"name", "salutation", "phone", "mode", "address", "product", "purchase", "fault"}

// skippable slots offer a "skip / don't know" button.
var skippable = map[string]bool{"model": true, "serial": true, "purchase": true, "time": true}

// startReport opens the report flow, prefilled with what this chat already
// told the desk in an earlier report and with every fact the message
// states, then asks only what is missing.
func (m *Manager) startReport(t *turn) error {
	c := t.c
	m.reset(c)
	c.Misses = 0
	c.Flow = flowReport
	if c.Draft != nil {
		c.Slots, c.Draft = c.Draft, nil
		delete(c.Slots, "_offered")
		m.say(t, "report.resume", nil)
		return m.askNext(t)
	}
	c.Slots = map[string]string{"_key": newKey()}
	if cu, err := m.db.CustomerByChat(t.ctx, c.Channel, c.ChatID); err == nil {
		c.Slots["name"], c.Slots["salutation"] = cu.Name, cu.Salutation
		if cu.Phone != "" {
			c.Slots["phone"] = cu.Phone
		}
	}
	fillReport(c.Slots, "", t.res.Commands, t.now.In(m.cfg.Location)) // in order: a name before its title
	if t.in.Phone != "" {
		c.Slots["phone"] = t.in.Phone
	}
	key := "report.start"
	if c.Slots["repeat"] != "" {
		key = "report.start.repeat" // the same fault came back: apologise first
		if err := m.prefillRepeat(t); err != nil {
			return err
		}
	}
	m.say(t, key, nil)
	if t.intent.Topic != "" {
		m.knowledge(t, t.intent.Topic)
	}
	return m.askNext(t)
}

func newKey() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// nextSlot is the first question still to ask, or "" when all are there.
func nextSlot(slots map[string]string) string {
	for _, s := range askOrder {
		if _, ok := slots[s]; ok {
			continue
		}
		switch {
		case s == "address" && slots["mode"] != "on_site",
			s == "salutation" && (slots["name"] == "" || fullName(slots["name"])):
			continue
		case s == "purchase" && (has(slots, "proof") || has(slots, "warranty") || slots["trade"] == "telecom"):
			continue
		}
		return s
	}
	return ""
}

func has(slots map[string]string, k string) bool {
	_, ok := slots[k]
	return ok
}

// askNext asks the next missing question, or reads the summary back. A new
// question starts its count of unusable answers afresh.
func (m *Manager) askNext(t *turn) error {
	slot := nextSlot(t.c.Slots)
	if slot == "" {
		slot = "confirm"
	}
	if slot != t.c.Step {
		delete(t.c.Slots, "_tries")
	}
	t.c.Step = slot
	if slot == "confirm" {
		m.summary(t)
		return nil
	}
	m.say(t, "ask."+slot, map[string]any{"Name": t.c.Slots["name"]}, m.slotButtons(t, slot)...)
	return nil
}

// slotButtons are the choices offered with slot's question.
func (m *Manager) slotButtons(t *turn, slot string) []Button {
	switch slot {
	case "salutation":
		return []Button{m.button(t, "btn.mr", "sal:mr"), m.button(t, "btn.ms", "sal:ms"), m.button(t, "btn.no_title", "sal:none")}
	case "mode":
		return []Button{m.button(t, "btn.carry_in", "mode:carry_in"), m.button(t, "btn.on_site", "mode:on_site")}
	case "purchase", "proof":
		return []Button{m.button(t, "btn.proof_card", "proof:card"), m.button(t, "btn.proof_invoice", "proof:invoice"),
			m.button(t, "btn.proof_none", "proof:none"), m.button(t, "btn.skip.purchase", "skip")}
	case "phone":
		b := m.button(t, "btn.share_phone", "contact")
		b.Contact = true
		return []Button{b}
	}
	if skippable[slot] {
		return []Button{m.button(t, "btn.skip."+slot, "skip")}
	}
	return nil
}

// reportAnswer applies the commands of a message sent while the report
// asks one question: interruptions first, then every slot the message
// sets or corrects, then the next question, or help when it was not an
// answer.
func (m *Manager) reportAnswer(t *turn) error {
	c := t.c
	asked := c.Step
	switch t.intent.Kind {
	case IntentCancel:
		m.cancel(t)
		return nil
	case IntentHuman:
		m.handover(t, "human")
		return nil
	case IntentManager:
		return m.manager(t)
	case IntentAbuse:
		return m.abuse(t)
	case IntentOffTopic:
		m.say(t, "off_topic", m.companyData(t.c.Locale))
		return m.askNext(t)
	case IntentComplaint:
		// recorded and flagged at once; the report set aside is offered
		// again right after, not left behind a "tell me more"
		if err := m.startNote(t, flowComplaint); err != nil {
			return err
		}
		if t.c.Step == "more" {
			t.c.Flow, t.c.Step = "", ""
		}
		return nil
	case IntentStatus:
		return m.status(t)
	}
	if t.in.Phone != "" && asked == "phone" {
		c.Slots["phone"] = t.in.Phone
		return m.askNext(t)
	}
	f := fillReport(c.Slots, asked, t.res.Commands, t.now.In(m.cfg.Location))
	if f.last != "" {
		c.LastSlot = f.last // an edit of this message corrects this answer
	}
	switch f.confirm {
	case "yes":
		return m.createTicket(t)
	case "no":
		m.editMenu(t)
		return nil
	}
	answered, corrected := f.answered, f.corrected
	if t.intent.Topic != "" {
		m.knowledge(t, t.intent.Topic)
		return m.askNext(t)
	}
	if t.intent.Kind == IntentConsult && !answered {
		if err := m.noteQuestion(t); err != nil {
			return err
		}
		return m.askNext(t)
	}
	if corrected {
		delete(c.Slots, "_tries") // a correction was an answer: the help ladder starts again
		m.say(t, "edit.taken", nil)
		return m.askNext(t)
	}
	if !answered && nextSlot(c.Slots) == asked || asked == "confirm" {
		m.miss(t, asked)
		return nil
	}
	return m.askNext(t)
}

// summary reads the report back and asks for confirmation.
func (m *Manager) summary(t *turn) {
	s := t.c.Slots
	data := map[string]any{}
	for _, k := range reportSlots {
		data[k] = s[k]
	}
	data["product"] = productName(s)
	data["claim"] = s["warranty"]
	data["Warranty"] = warranty(s, t.now.In(m.cfg.Location), m.cfg.WarrantyMonths)
	data["files"] = len(draftFiles(s))
	m.say(t, "confirm.summary", data,
		m.button(t, "btn.confirm", "confirm:yes"),
		m.button(t, "btn.edit", "confirm:edit"),
		m.button(t, "btn.cancel", "menu:cancel"))
}

// editMenu lets the customer pick the field to correct.
func (m *Manager) editMenu(t *turn) {
	var bs []Button
	for _, k := range reportSlots {
		if v, ok := t.c.Slots[k]; ok && k != "salutation" && (v != "" || k != "serial") {
			bs = append(bs, m.button(t, "field."+k, "edit:"+k))
		}
	}
	m.say(t, "confirm.edit", nil, bs...)
}

// prefillRepeat fills, from the chat's last job handed back, what a repeat
// repair shares with it (the machine, where it is, when it was bought), so
// the customer is not asked again what the desk already knows.
func (m *Manager) prefillRepeat(t *turn) error {
	mine, err := m.db.Tickets(t.ctx, storage.TicketFilter{Channel: t.c.Channel, ChatID: t.c.ChatID, Limit: 20})
	if err != nil {
		return err
	}
	s := t.c.Slots
	for _, e := range mine {
		if !done(e) || (s["product"] != "" && !sameProduct(e.Product, s["product"])) {
			continue
		}
		for slot, v := range map[string]string{"product": e.Product, "model": e.Model, "serial": e.Serial, "mode": e.ServiceMode,
			"address": e.Address, "purchase": e.PurchaseDate, "proof": e.WarrantyProof} {
			if _, ok := s[slot]; !ok && v != "" {
				s[slot] = v
			}
		}
		return nil
	}
	return nil
}
