package slack

import (
	"fmt"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/slack-go/slack"
)

// label renders a staff label (prompts' slack.* keys) with data.
type label func(key string, data any) string

// ticketBlocks is a ticket's message in the staff channel: who, what, the
// state, and the buttons to run it. It is updated as the state changes.
func ticketBlocks(l label, tk *domain.Ticket, files []domain.Attachment, mask bool, next string, due time.Time) []slack.Block {
	title := fmt.Sprintf("%s · %s %s", tk.Number, tk.Product, tk.Model)
	if tk.RepeatOf != "" {
		title += " · " + l("slack.repeat_of", map[string]any{"RepeatOf": tk.RepeatOf})
	}
	field := func(key, value string) *slack.TextBlockObject {
		if value == "" {
			value = "—"
		}
		return slack.NewTextBlockObject(slack.MarkdownType, "*"+l("slack.field."+key, nil)+"*\n"+value, false, false)
	}
	phone, address := tk.Phone, tk.Address
	if mask {
		phone, address = maskPhone(phone), maskAddress(address)
	}
	fields := []*slack.TextBlockObject{
		field("customer", l("cli.customer", map[string]any{"Name": tk.ContactName, "Salutation": tk.Salutation})),
		field("phone", phone),
		field("state", "`"+tk.State+"`"),
		field("warranty", tk.Warranty),
		field("mode", l("slack.mode", map[string]any{"Mode": tk.ServiceMode})),
		field("time", tk.PreferredTime),
		field("address", address),
		field("channel", tk.Channel+":"+tk.ChatID),
	}
	nextText := next
	if !due.IsZero() {
		nextText = l("slack.next_due", map[string]any{"Next": next, "Due": due.Format("01-02 15:04")})
	}
	fields = append(fields, field("next", nextText))
	if len(files) > 0 {
		var ids []string
		for _, f := range files {
			ids = append(ids, f.Kind+" `"+f.FileID+"`")
		}
		fields = append(fields, field("files", truncate(strings.Join(ids, "\n"), 1900)))
	}
	if tk.QuoteCents > 0 {
		fields = append(fields, field("quote", l("slack.quote", map[string]any{"Amount": fmt.Sprintf("%d.%02d", tk.QuoteCents/100, tk.QuoteCents%100),
			"Work": tk.QuoteWork, "Days": tk.QuoteDays, "Decision": tk.Decision})))
	}
	var options []*slack.OptionBlockObject
	for _, st := range domain.States {
		options = append(options, slack.NewOptionBlockObject(st, plain(st), nil))
	}
	button := func(id string, style slack.Style) *slack.ButtonBlockElement {
		b := slack.NewButtonBlockElement(id, tk.Number, plain(l("slack.btn."+id, nil)))
		b.Style = style
		return b
	}
	status := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, plain(l("slack.status", nil)), "status", options...)
	assign := slack.NewOptionsSelectBlockElement(slack.OptTypeUser, plain(l("slack.assign", nil)), "assign")
	actions := []slack.BlockElement{button("takeover", slack.StylePrimary), button("quote", ""),
		status, assign, button("release", ""), button("close", slack.StyleDanger)}
	if mask {
		actions = append(actions, button("contact", ""))
	}
	return []slack.Block{
		slack.NewHeaderBlock(plain(truncate(title, 150))),
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*"+l("slack.field.fault", nil)+"*\n"+truncate(tk.Fault, 2900), false, false), nil, nil),
		slack.NewSectionBlock(nil, fields, nil),
		slack.NewActionBlock("ticket", actions...),
	}
}

// plain is a plain-text object, as buttons, selects and modals take.
func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, false, false)
}

// chatBlocks is the message of a chat escalated before it had a ticket.
func chatBlocks(l label, channel, chatID, reason string) []slack.Block {
	b := slack.NewButtonBlockElement("takeover", chatID, plain(l("slack.btn.takeover", nil)))
	b.Style = slack.StylePrimary
	return []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType,
			l("slack.chat_needs_person", map[string]any{"Reason": reason, "Chat": channel + ":" + chatID}), false, false), nil, nil),
		slack.NewActionBlock("chat", b),
	}
}

// quoteModal asks for the diagnosis and the quote of a ticket.
func quoteModal(l label, tk *domain.Ticket) slack.ModalViewRequest {
	input := func(id string, optional bool) *slack.InputBlock {
		el := slack.NewPlainTextInputBlockElement(plain(l("slack.modal."+id+"_hint", nil)), id)
		in := slack.NewInputBlock(id, plain(l("slack.modal."+id, nil)), nil, el)
		in.Optional = optional
		return in
	}
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      "quote",
		PrivateMetadata: tk.Number,
		Title:           plain(l("slack.modal.title", map[string]any{"Number": tk.Number})),
		Submit:          plain(l("slack.modal.submit", nil)),
		Close:           plain(l("slack.modal.cancel", nil)),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			input("cause", true),
			input("work", false),
			input("amount", false),
			input("days", false),
		}},
	}
}

func truncate(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n-1]) + "…"
	}
	return strings.TrimSpace(s)
}

// maskPhone keeps the first three and last four digits: 138****8000.
func maskPhone(p string) string {
	r := []rune(p)
	if len(r) < 8 {
		return strings.Repeat("*", len(r))
	}
	return string(r[:3]) + strings.Repeat("*", len(r)-7) + string(r[len(r)-4:])
}

// maskAddress keeps the first six characters (the city and district).
func maskAddress(a string) string {
	r := []rune(a)
	if len(r) <= 6 {
		return a
	}
	return string(r[:6]) + "…"
}
