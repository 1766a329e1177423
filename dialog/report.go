package dialog

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"unicode/utf8"
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

// reportSlots are asked in this order, each only while missing. A slot that
// was answered with "skip" holds "" and counts as answered.
var reportSlots = []string{"name", "salutation", "phone", "mode", "address", "product",
	"model", "serial", "purchase", "proof", "fault", "time"}

// skippable slots offer a "skip / don't know" button.
var skippable = map[string]bool{"model": true, "serial": true, "purchase": true, "time": true}

// startReport opens the report flow, prefilled with what this chat already
// told the desk in an earlier report, and with a phone number the first
// message already carries.
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
	if p := t.intent.Phone; p != "" {
		c.Slots["phone"] = p
	}
	m.say(t, "report.start", nil)
	return m.askNext(t)
}

func newKey() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// nextSlot is the first slot still missing, or "" when all are there.
func nextSlot(slots map[string]string) string {
	for _, s := range reportSlots {
		if _, ok := slots[s]; ok {
			continue
		}
		if s == "address" && slots["mode"] != "on_site" {
			continue
		}
		if s == "salutation" && slots["name"] == "" {
			continue
		}
		return s
	}
	return ""
}

// askNext asks the next missing question, or reads the summary back.
func (m *Manager) askNext(t *turn) error {
	slot := nextSlot(t.c.Slots)
	t.c.Step = slot
	switch slot {
	case "":
		t.c.Step = "confirm"
		m.summary(t)
	case "salutation":
		m.say(t, "ask.salutation", map[string]any{"Name": t.c.Slots["name"]},
			m.button(t, "btn.mr", "sal:mr"), m.button(t, "btn.ms", "sal:ms"), m.button(t, "btn.no_title", "sal:none"))
	case "mode":
		m.say(t, "ask.mode", nil, m.button(t, "btn.carry_in", "mode:carry_in"), m.button(t, "btn.on_site", "mode:on_site"))
	case "proof":
		m.say(t, "ask.proof", nil, m.button(t, "btn.proof_card", "proof:card"),
			m.button(t, "btn.proof_invoice", "proof:invoice"), m.button(t, "btn.proof_none", "proof:none"))
	default:
		var bs []Button
		if slot == "phone" {
			b := m.button(t, "btn.share_phone", "contact")
			b.Contact = true
			bs = append(bs, b)
		}
		if skippable[slot] {
			bs = append(bs, m.button(t, "btn.skip."+slot, "skip"))
		}
		m.say(t, "ask."+slot, nil, bs...)
	}
	return nil
}

// reportAnswer takes the answer to the current question.
func (m *Manager) reportAnswer(t *turn) error {
	c := t.c
	if c.Step == "confirm" {
		switch t.intent.Kind {
		case IntentYes:
			return m.createTicket(t)
		case IntentNo:
			m.editMenu(t)
			return nil
		}
		m.say(t, "confirm.unclear", nil)
		m.summary(t)
		return nil
	}
	if t.in.Phone != "" && c.Step == "phone" {
		c.Slots["phone"] = t.in.Phone
		return m.askNext(t)
	}
	problem := m.fill(t, c.Step, t.text)
	if problem != "" {
		m.say(t, problem, nil)
		return m.askNext(t)
	}
	c.LastSlot = c.Step // an edit of this message corrects this answer
	// A phone number given in passing fills its slot too.
	if _, ok := c.Slots["phone"]; !ok && t.intent.Phone != "" {
		c.Slots["phone"] = t.intent.Phone
	}
	return m.askNext(t)
}

// fill validates text as the answer for slot and stores it. It returns the
// template key of the polite problem, or "" when taken.
func (m *Manager) fill(t *turn, slot, text string) string {
	s := t.c.Slots
	n := utf8.RuneCountInString(text)
	switch slot {
	case "name":
		name, sal := splitSalutation(text)
		if name == "" || utf8.RuneCountInString(name) > 30 || strings.ContainsAny(name, "0123456789") {
			return "invalid.name"
		}
		s["name"] = name
		if sal != "" {
			s["salutation"] = sal
		}
	case "salutation":
		return "invalid.choice"
	case "phone":
		p, ok := FindPhone(text)
		if !ok {
			return "invalid.phone"
		}
		s["phone"] = p
	case "mode":
		mode := serviceMode(text)
		if mode == "" {
			return "invalid.choice"
		}
		s["mode"] = mode
	case "address":
		if n < 5 {
			return "invalid.address"
		}
		s["address"] = text
	case "product":
		if n < 2 {
			return "invalid.product"
		}
		s["product"] = text
	case "model", "serial", "time":
		s[slot] = text
	case "purchase":
		d, ok := ParseDate(text, t.now.In(m.cfg.Location))
		if !ok {
			return "invalid.date"
		}
		s["purchase"] = d
	case "proof":
		return "invalid.choice"
	case "fault":
		if n < 2 {
			return "invalid.fault"
		}
		s["fault"] = text
	}
	return ""
}

// splitSalutation reads "王先生", "李女士", "Mr. Smith" or a bare name.
func splitSalutation(text string) (name, sal string) {
	text = strings.TrimSpace(strings.TrimPrefix(strings.TrimPrefix(text, "我叫"), "我是"))
	for _, p := range []struct{ suffix, sal string }{{"先生", "mr"}, {"女士", "ms"}, {"小姐", "ms"}} {
		if strings.HasSuffix(text, p.suffix) {
			return strings.TrimSpace(strings.TrimSuffix(text, p.suffix)), p.sal
		}
	}
	low := strings.ToLower(text)
	for _, p := range []struct{ prefix, sal string }{{"mr.", "mr"}, {"mr ", "mr"}, {"mrs.", "ms"}, {"mrs ", "ms"},
		{"ms.", "ms"}, {"ms ", "ms"}, {"miss ", "ms"}} {
		if strings.HasPrefix(low, p.prefix) {
			return strings.TrimSpace(text[len(p.prefix):]), p.sal
		}
	}
	return text, ""
}

func serviceMode(text string) string {
	low := strings.ToLower(text)
	for _, k := range []string{"上门", "on-site", "on site", "onsite", "visit", "come to"} {
		if strings.Contains(low, k) {
			return "on_site"
		}
	}
	for _, k := range []string{"送修", "寄修", "到店", "送过去", "carry", "bring", "drop off", "mail"} {
		if strings.Contains(low, k) {
			return "carry_in"
		}
	}
	return ""
}

// summary reads the report back and asks for confirmation.
func (m *Manager) summary(t *turn) {
	s := t.c.Slots
	data := map[string]any{}
	for _, k := range reportSlots {
		data[k] = s[k]
	}
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
		if _, ok := t.c.Slots[k]; ok && k != "salutation" {
			bs = append(bs, m.button(t, "field."+k, "edit:"+k))
		}
	}
	m.say(t, "confirm.edit", nil, bs...)
}
