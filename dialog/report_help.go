package dialog

import (
	"fmt"
	"strconv"

	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/storage"
)

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
	text, err := m.texts.Knowledge().Answer(t.c.Locale, topic, prompts.KnowledgeData{Company: m.cfg.CompanyName(m.texts, t.c.Locale),
		Hotline: m.cfg.Hotline, Hours: hours, WarrantyMonths: m.cfg.WarrantyMonths, RepairDays: s.RepairDays,
		FirstReplyHours: int(s.FirstReply.Hours())})
	if err != nil && t.err == nil {
		t.err = err
	}
	t.out = append(t.out, Reply{Key: "knowledge." + topic, Text: text, Lang: t.c.Locale, Ticket: t.about()})
	if topic == topicDataRequest {
		m.dataRequest(t)
	}
}

// topicDataRequest is the knowledge topic of a customer asking to see or
// erase their data: the answer says how it works, and staff must act.
const topicDataRequest = "data_request"

// dataRequest puts a customer's request for their data in staff's hands:
// the chat is flagged for a person, and the request is recorded on the
// chat's latest ticket (as an event) or, with none, in the feedback list.
func (m *Manager) dataRequest(t *turn) {
	var number string
	if latest, err := m.latestTicket(t.ctx, t.c.Channel, t.c.ChatID); err == nil && latest != nil {
		number = latest.Number
	}
	t.c.NeedsStaff, t.c.StaffReason = true, topicDataRequest
	err := m.db.AddFeedback(t.ctx, storage.Feedback{Channel: t.c.Channel, ChatID: t.c.ChatID, Kind: topicDataRequest,
		TicketNumber: number, Text: t.text, CreatedAt: t.now.UTC()})
	if err != nil && t.err == nil {
		t.err = err
	}
}

// noteQuestion records a question asked in the middle of a report for an
// engineer, and says when it will be answered; the report goes on.
func (m *Manager) noteQuestion(t *turn) error {
	err := m.db.AddFeedback(t.ctx, storage.Feedback{Channel: t.c.Channel, ChatID: t.c.ChatID, Kind: flowConsult,
		Text: t.text, CreatedAt: t.now.UTC()})
	if err != nil {
		return err
	}
	m.say(t, "report.question_noted", map[string]any{"When": m.cfg.SLA.NextOpening(t.now.In(m.cfg.Location)).Add(m.cfg.SLA.FirstReply)})
	return nil
}
