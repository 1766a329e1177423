package dialog

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/understand"
)

// onFiles takes photos or documents. In a report they join the draft and
// the open question is asked again; an album (several photos sharing one
// album id, arriving as several messages) is acknowledged once. Outside a
// report they go to the chat's open ticket, or start a report.
func (m *Manager) onFiles(t *turn) error {
	c := t.c
	var keep []domain.Attachment
	for _, a := range t.in.Attachments {
		if a.Size > m.cfg.MaxFileBytes {
			m.say(t, "attachment.too_big", map[string]any{"MB": m.cfg.MaxFileBytes >> 20})
			continue
		}
		keep = append(keep, domain.Attachment{Channel: c.Channel, Kind: a.Kind, FileID: a.FileID,
			Name: a.Name, Mime: a.Mime, Size: a.Size, CreatedAt: t.now.UTC()})
	}
	if len(keep) == 0 {
		if c.Flow == flowReport {
			return m.askNext(t)
		}
		return nil
	}
	album := t.in.Attachments[0].Album
	quiet := album != "" && album == c.LastGroup
	c.LastGroup = album
	if c.Flow == flowReport {
		files := append(draftFiles(c.Slots), keep...)
		b, err := json.Marshal(files)
		if err != nil {
			return err
		}
		c.Slots["_files"] = string(b)
		// A caption tells the fault: the answer to that question, or more
		// of it at any other step.
		if t.text != "" {
			v := t.text
			if f := c.Slots["fault"]; c.Step != "fault" && f != "" && !strings.Contains(f, v) {
				v = f + "; " + v
			}
			if setSlot(c.Slots, "fault", v, t.now) {
				quiet = false
			}
		}
		if quiet {
			return nil
		}
		m.say(t, "attachment.received", map[string]any{"Count": len(files)})
		return m.askNext(t)
	}
	open, err := m.openTicket(t)
	if err != nil {
		return err
	}
	if open == "" {
		if err := m.startReport(t); err != nil {
			return err
		}
		b, _ := json.Marshal(keep)
		c.Slots["_files"] = string(b)
		return nil
	}
	if err := m.db.AddAttachments(t.ctx, open, actorCustomer(c), keep); err != nil {
		return err
	}
	if !quiet {
		m.say(t, "attachment.added", map[string]any{"Number": open})
	}
	return nil
}

// openTicket returns the number of the chat's newest ticket that is not
// closed or cancelled, or "".
func (m *Manager) openTicket(t *turn) (string, error) {
	mine, err := m.db.Tickets(t.ctx, storage.TicketFilter{Channel: t.c.Channel, ChatID: t.c.ChatID, Limit: 5})
	if err != nil {
		return "", err
	}
	for _, tk := range mine {
		if tk.State != domain.StateClosed && tk.State != domain.StateCancelled {
			return tk.Number, nil
		}
	}
	return "", nil
}

// draftFiles reads the files gathered in a report draft.
func draftFiles(slots map[string]string) []domain.Attachment {
	var files []domain.Attachment
	if raw := slots["_files"]; raw != "" {
		json.Unmarshal([]byte(raw), &files) // written by onFiles only
	}
	return files
}

// onLocation takes a shared location as the on-site address.
func (m *Manager) onLocation(t *turn) error {
	c := t.c
	if c.Flow == flowReport && c.Step == "address" {
		l := t.in.Location
		c.Slots["address"] = fmt.Sprintf("📍 %.5f, %.5f", l.Lat, l.Lon)
		c.LastSlot = "address"
		return m.askNext(t)
	}
	m.say(t, "location.not_needed", nil)
	if c.Flow == flowReport {
		return m.askNext(t)
	}
	return nil
}

// onEdit takes a correction of the customer's last answer in a report; an
// edit of any older message is ignored, since later answers built on it.
func (m *Manager) onEdit(t *turn) error {
	c := t.c
	slot := c.LastSlot
	if c.Flow != flowReport || slot == "" || t.in.MessageID == "" || t.in.MessageID != c.LastMsgID {
		return nil
	}
	// The edited text is read again as the answer to the same question.
	res := m.nlu.Understand(t.ctx, understand.Context{Flow: understand.FlowReport, Asked: slot, Chat: t.c.Channel + ":" + t.c.ChatID, Locale: t.c.Locale}, t.text, t.now.In(m.cfg.Location))
	for _, cmd := range res.Commands {
		if (cmd.Kind == understand.SetSlot || cmd.Kind == understand.CorrectSlot) && cmd.Slot == slot && setSlot(c.Slots, slot, cmd.Value, t.now.In(m.cfg.Location)) {
			m.say(t, "edit.taken", nil)
			return m.askNext(t)
		}
	}
	m.say(t, "invalid."+slot, nil)
	return m.askNext(t)
}

// Commands lists the bot commands with their descriptions in locale, for
// platforms that show a command menu (Telegram's setMyCommands).
func (m *Manager) Commands(locale string) ([]Button, error) {
	var out []Button
	for _, cmd := range []string{"start", "help", "status", "cancel"} {
		text, err := m.texts.Render(locale, "cmd."+cmd, nil)
		if err != nil {
			return nil, err
		}
		out = append(out, Button{Label: text, Payload: cmd})
	}
	return out, nil
}
