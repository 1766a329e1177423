package dialog

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/understand"
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
	for _, cmd := range t.res.Commands { // in order: a name comes before its title
		if cmd.Kind == understand.SetSlot || cmd.Kind == understand.CorrectSlot {
			m.setSlot(t, cmd.Slot, cmd.Value)
		}
	}
	if t.in.Phone != "" {
		c.Slots["phone"] = t.in.Phone
	}
	key := "report.start"
	if c.Slots["repeat"] != "" {
		key = "report.start.repeat" // the same fault came back: apologise first
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
		m.say(t, "off_topic", m.companyData())
		return m.askNext(t)
	}
	if t.in.Phone != "" && asked == "phone" {
		c.Slots["phone"] = t.in.Phone
		return m.askNext(t)
	}
	answered, corrected := false, false
	for _, cmd := range t.res.Commands {
		switch cmd.Kind {
		case understand.SetSlot, understand.CorrectSlot:
			v := cmd.Value
			if old := c.Slots[cmd.Slot]; cmd.Kind == understand.CorrectSlot && cmd.Slot == "address" && old != "" &&
				utf8.RuneCountInString(v) < 8 && !strings.Contains(old, v) {
				v = old + " (" + v + ")" // a part of the address corrected ("应该是5号楼"): kept beside the rest
			}
			if !m.setSlot(t, cmd.Slot, v) {
				continue
			}
			if cmd.Kind == understand.CorrectSlot {
				corrected = true
			}
			if cmd.Slot == asked || (asked == "purchase" && (cmd.Slot == "proof" || cmd.Slot == "warranty")) {
				answered = true
				c.LastSlot = cmd.Slot // an edit of this message corrects this answer
			}
		case understand.Skip:
			if cmd.Slot == asked && skippable[asked] {
				c.Slots[asked] = ""
				answered = true
			}
		case understand.Affirm:
			if asked == "confirm" {
				return m.createTicket(t)
			}
		case understand.Deny:
			if asked == "confirm" {
				m.editMenu(t)
				return nil
			}
		}
	}
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
		m.say(t, "edit.taken", nil)
		return m.askNext(t)
	}
	if !answered && nextSlot(c.Slots) == asked || asked == "confirm" {
		m.miss(t, asked)
		return nil
	}
	return m.askNext(t)
}

// setSlot stores a value a command sets, after checking it is what the
// slot must hold (the same checks whoever proposed it). It reports whether
// the value was taken.
func (m *Manager) setSlot(t *turn, slot, v string) bool {
	s := t.c.Slots
	switch slot {
	case "phone":
		p, ok := ParsePhone(v)
		if !ok {
			return false
		}
		v = p
	case "salutation":
		if v == "none" {
			v = ""
		}
		if v != "" && v != "mr" && v != "ms" {
			return false
		}
	case "mode":
		if v != "on_site" && v != "carry_in" {
			return false
		}
	case "proof":
		if v != "card" && v != "invoice" && v != "none" {
			return false
		}
	case "warranty":
		if v != "in" && v != "out" {
			return false
		}
	case "purchase":
		if !validPurchase(v, t.now.In(m.cfg.Location)) {
			return false
		}
	case "trade":
		if !slices.Contains([]string{"tiles", "office", "appliance", "sorter", "telecom"}, v) {
			return false
		}
	case "name", "address", "product", "brand", "model", "serial", "fault", "time", "repeat":
		if strings.TrimSpace(v) == "" || utf8.RuneCountInString(v) > maxText {
			return false
		}
		if slot == "name" {
			delete(s, "salutation") // a new name asks its title again unless one came with it
		}
	default:
		return false // ticket, decision and anything unknown are not report slots
	}
	s[slot] = v
	return true
}

// miss answers a message that did not answer the question asked: first a
// polite word on what is needed, then the choices again with skip (where
// the slot may be left out) and a person, and from the third on a person
// is asked to help while the question stays open. No refusal is said
// twice in a row.
func (m *Manager) miss(t *turn, slot string) {
	s := t.c.Slots
	n, _ := strconv.Atoi(s["_tries"])
	n++
	s["_tries"] = strconv.Itoa(n)
	switch {
	case n == 1 && slot == "confirm":
		m.say(t, "confirm.unclear", nil)
		m.summary(t)
	case n == 1:
		m.say(t, "invalid."+slot, nil)
		m.say(t, "ask."+slot, map[string]any{"Name": s["name"]}, m.slotButtons(t, slot)...)
	case n%2 == 0:
		bs := m.slotButtons(t, slot)
		if slot == "confirm" {
			bs = []Button{m.button(t, "btn.confirm", "confirm:yes"), m.button(t, "btn.edit", "confirm:edit")}
		}
		bs = append(bs, m.button(t, "btn.human", "menu:human"))
		field, _ := m.texts.Render(t.c.Locale, "field."+slot, nil)
		m.say(t, "ask.offer_help", map[string]any{"Field": field, "Skip": skippable[slot]}, bs...)
	default:
		if !t.c.NeedsStaff {
			m.flag(t, "misunderstood")
		}
		data := m.staffData(t)
		m.say(t, "ask.stuck", data, m.slotButtons(t, slot)...)
	}
}

// knowledge answers topic from the knowledge file, with the desk's own
// settings (hours, warranty months) filled in.
func (m *Manager) knowledge(t *turn, topic string) {
	s := m.cfg.SLA
	hours := fmt.Sprintf("%02d:%02d–%02d:%02d", int(s.WorkStart.Hours()), int(s.WorkStart.Minutes())%60,
		int(s.WorkEnd.Hours()), int(s.WorkEnd.Minutes())%60)
	text, err := m.texts.Knowledge().Answer(t.c.Locale, topic, prompts.KnowledgeData{Company: m.cfg.Company,
		Hotline: m.cfg.Hotline, Hours: hours, WarrantyMonths: m.cfg.WarrantyMonths, RepairDays: s.RepairDays,
		FirstReplyHours: int(s.FirstReply.Hours())})
	if err != nil && t.err == nil {
		t.err = err
	}
	t.out = append(t.out, Reply{Key: "knowledge." + topic, Text: text})
}

// noteQuestion records a question asked in the middle of a report for an
// engineer, and says when it will be answered; the report goes on.
func (m *Manager) noteQuestion(t *turn) error {
	err := m.db.AddFeedback(t.ctx, storage.Feedback{Channel: t.c.Channel, ChatID: t.c.ChatID, Kind: flowConsult,
		Text: t.text, CreatedAt: t.now.UTC()})
	if err != nil {
		return err
	}
	m.say(t, "report.question_noted", map[string]any{"When": m.cfg.SLA.nextOpening(t.now.In(m.cfg.Location)).Add(m.cfg.SLA.FirstReply)})
	return nil
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

// productName is the product as the ticket records it, with its brand.
func productName(s map[string]string) string {
	p, b := s["product"], s["brand"]
	if b == "" || strings.Contains(strings.ToLower(p), strings.ToLower(b)) {
		return p
	}
	if p == "" {
		return b
	}
	sep := " "
	if r, _ := utf8.DecodeLastRuneInString(b); r > 0x2e80 {
		sep = ""
	}
	return b + sep + p
}

// fullName says a name is given in full (张伟, 欧阳娜娜, Sarah Lee, 刘经理),
// so it can be used as it is, without asking for a title.
func fullName(name string) bool {
	if strings.ContainsRune(strings.TrimSpace(name), ' ') {
		return true
	}
	return utf8.RuneCountInString(name) >= 2 && !strings.ContainsFunc(name, func(r rune) bool { return r < 0x2e80 })
}
