package dialog

// The desk's conversation-level replies and flags: the menu, cancelling,
// not understood, handing over to a person, and the draft set aside.

import (
	"strings"
	"unicode"

	"github.com/frontdesk/frontdesk/storage"
)

// menu offers the main choices after the text under key.
func (m *Manager) menu(t *turn, key string) {
	m.say(t, key, m.companyData(t.c.Locale),
		m.button(t, "btn.report", "menu:report"),
		m.button(t, "btn.status", "menu:status"),
		m.button(t, "btn.human", "menu:human"))
}

func (m *Manager) companyData(locale string) map[string]any {
	return map[string]any{"Company": m.cfg.CompanyName(m.texts, locale), "Hotline": m.cfg.Hotline}
}

// reset leaves any flow. An unfinished report is set aside as the draft, to
// be offered again once the other request is answered.
func (m *Manager) reset(c *storage.Conversation) {
	if c.Flow == flowReport && len(c.Slots) > 0 {
		c.Draft = c.Slots
	}
	c.Flow, c.Step, c.Slots = "", "", nil
}

// offerDraft asks, once, whether to go on with a report set aside.
func (m *Manager) offerDraft(t *turn) {
	c := t.c
	if c.Flow != "" || c.Draft == nil || c.Draft["_offered"] != "" || len(t.out) == 0 {
		return
	}
	c.Draft["_offered"] = "1"
	m.say(t, "report.resume.offer", nil, m.button(t, "btn.resume", "draft:resume"), m.button(t, "btn.drop", "draft:drop"))
}

func (m *Manager) cancel(t *turn) {
	had := t.c.Flow != "" || t.c.Draft != nil
	m.reset(t.c)
	t.c.Draft = nil
	t.c.Misses = 0
	if had {
		m.menu(t, "cancelled")
		return
	}
	m.menu(t, "nothing_to_cancel")
}

// notUnderstood asks to rephrase; the second miss in a row offers a person
// and flags the chat for staff.
func (m *Manager) notUnderstood(t *turn) {
	t.c.Misses++
	if t.c.Misses >= 2 {
		m.flag(t, "misunderstood")
		m.say(t, "not_understood.again", m.staffData(t),
			m.button(t, "btn.human", "menu:human"),
			m.button(t, "btn.report", "menu:report"),
			m.button(t, "btn.status", "menu:status"))
		return
	}
	m.say(t, "not_understood", nil,
		m.button(t, "btn.report", "menu:report"),
		m.button(t, "btn.status", "menu:status"),
		m.button(t, "btn.help", "menu:help"))
}

// flag marks the chat as needing a person, in its state for the staff desk
// and as a feedback row in SQL, so the request outlives the chat's state.
func (m *Manager) flag(t *turn, reason string) {
	t.c.NeedsStaff = true
	t.c.StaffReason = reason
	err := m.db.AddFeedback(t.ctx, storage.Feedback{Channel: t.c.Channel, ChatID: t.c.ChatID,
		Kind: "handover:" + reason, Text: t.text, CreatedAt: t.now.UTC()})
	if err != nil && t.err == nil {
		t.err = err
	}
}

// handover flags the chat for a person and says when one will join.
func (m *Manager) handover(t *turn, reason string) {
	m.reset(t.c)
	t.c.Misses = 0
	m.flag(t, reason)
	m.say(t, m.whenStaffKey(t, "handover"), m.staffData(t))
}

// whenStaffKey picks the in-hours or out-of-hours variant of key.
func (m *Manager) whenStaffKey(t *turn, key string) string {
	if m.cfg.SLA.InHours(t.now.In(m.cfg.Location)) {
		return key
	}
	return key + ".after_hours"
}

// staffData says when a person will be with the customer: within StaffReply
// in working hours, else from the next opening.
func (m *Manager) staffData(t *turn) map[string]any {
	now := t.now.In(m.cfg.Location)
	if m.cfg.SLA.InHours(now) {
		// within the hour's work, carried into the next morning near closing
		return map[string]any{"When": m.cfg.SLA.AddWork(now, m.cfg.SLA.StaffReply)}
	}
	return map[string]any{"When": m.cfg.SLA.NextOpening(now)}
}

// command reports whether text is short enough to be a command rather than
// an answer: a slash command, at most six Han characters, or three words.
func command(text string) bool {
	if strings.HasPrefix(text, "/") {
		return true
	}
	han, words := 0, len(strings.Fields(text))
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	return han <= 6 && words <= 3
}
