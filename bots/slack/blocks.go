package slack

import (
	"fmt"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
)

// ticketBlocks is a ticket's message in the staff channel: who, what, the
// state, and the buttons to run it. It is updated as the state changes.
func ticketBlocks(tk *storage.Ticket, files []storage.Attachment, mask bool, next string, due time.Time) []slack.Block {
	title := fmt.Sprintf("%s · %s %s", tk.Number, tk.Product, tk.Model)
	if tk.RepeatOf != "" {
		title += " · 返修 repeat of " + tk.RepeatOf
	}
	sal := map[string]string{"mr": "先生", "ms": "女士"}[tk.Salutation]
	mode := map[string]string{"on_site": "上门 on-site", "carry_in": "送修 carry-in"}[tk.ServiceMode]
	field := func(label, value string) *slack.TextBlockObject {
		if value == "" {
			value = "—"
		}
		return slack.NewTextBlockObject(slack.MarkdownType, "*"+label+"*\n"+value, false, false)
	}
	phone, address := tk.Phone, tk.Address
	if mask {
		phone, address = maskPhone(phone), maskAddress(address)
	}
	fields := []*slack.TextBlockObject{
		field("Customer 客户", tk.ContactName+sal),
		field("Phone 电话", phone),
		field("State 状态", "`"+tk.State+"`"),
		field("Warranty 保修", tk.Warranty),
		field("Service 服务方式", mode),
		field("Preferred time 预约", tk.PreferredTime),
		field("Address 地址", address),
		field("Channel 渠道", tk.Channel+":"+tk.ChatID),
	}
	nextText := next
	if !due.IsZero() {
		nextText += " · due " + due.Format("01-02 15:04")
	}
	fields = append(fields, field("Next 下一步", nextText))
	if len(files) > 0 {
		var ids []string
		for _, f := range files {
			ids = append(ids, f.Kind+" `"+f.FileID+"`")
		}
		fields = append(fields, field("Photos/files 照片", truncate(strings.Join(ids, "\n"), 1900)))
	}
	if tk.QuoteCents > 0 {
		fields = append(fields, field("Quote 报价", fmt.Sprintf("%d.%02d · %s · %dd · %s", tk.QuoteCents/100, tk.QuoteCents%100, tk.QuoteWork, tk.QuoteDays, tk.Decision)))
	}
	var options []*slack.OptionBlockObject
	for _, st := range dialog.States {
		options = append(options, slack.NewOptionBlockObject(st, slack.NewTextBlockObject(slack.PlainTextType, st, false, false), nil))
	}
	button := func(id, label string, style slack.Style) *slack.ButtonBlockElement {
		b := slack.NewButtonBlockElement(id, tk.Number, slack.NewTextBlockObject(slack.PlainTextType, label, false, false))
		b.Style = style
		return b
	}
	status := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, slack.NewTextBlockObject(slack.PlainTextType, "Status 状态", false, false), "status", options...)
	assign := slack.NewOptionsSelectBlockElement(slack.OptTypeUser, slack.NewTextBlockObject(slack.PlainTextType, "Assign 指派", false, false), "assign")
	actions := []slack.BlockElement{button("takeover", "Take over 接手", slack.StylePrimary), button("quote", "Diagnose/Quote 报价", ""),
		status, assign, button("release", "Hand back 交还", ""), button("close", "Close 结单", slack.StyleDanger)}
	if mask {
		actions = append(actions, button("contact", "Show contact 查看联系方式", ""))
	}
	return []slack.Block{
		slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, truncate(title, 150), false, false)),
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType, "*Fault 故障*\n"+truncate(tk.Fault, 2900), false, false), nil, nil),
		slack.NewSectionBlock(nil, fields, nil),
		slack.NewActionBlock("ticket", actions...),
	}
}

// chatBlocks is the message of a chat escalated before it had a ticket.
func chatBlocks(channel, chatID, reason string) []slack.Block {
	b := slack.NewButtonBlockElement("takeover", chatID, slack.NewTextBlockObject(slack.PlainTextType, "Take over 接手", false, false))
	b.Style = slack.StylePrimary
	return []slack.Block{
		slack.NewSectionBlock(slack.NewTextBlockObject(slack.MarkdownType,
			fmt.Sprintf("*Customer needs a person 客户需要人工* (%s)\n%s:%s", reason, channel, chatID), false, false), nil, nil),
		slack.NewActionBlock("chat", b),
	}
}

// quoteModal asks for the diagnosis and the quote of a ticket.
func quoteModal(tk *storage.Ticket) slack.ModalViewRequest {
	input := func(id, label, hint string, optional bool) *slack.InputBlock {
		el := slack.NewPlainTextInputBlockElement(slack.NewTextBlockObject(slack.PlainTextType, hint, false, false), id)
		in := slack.NewInputBlock(id, slack.NewTextBlockObject(slack.PlainTextType, label, false, false), nil, el)
		in.Optional = optional
		return in
	}
	return slack.ModalViewRequest{
		Type:            slack.VTModal,
		CallbackID:      "quote",
		PrivateMetadata: tk.Number,
		Title:           slack.NewTextBlockObject(slack.PlainTextType, "Quote "+tk.Number, false, false),
		Submit:          slack.NewTextBlockObject(slack.PlainTextType, "Send to customer", false, false),
		Close:           slack.NewTextBlockObject(slack.PlainTextType, "Cancel", false, false),
		Blocks: slack.Blocks{BlockSet: []slack.Block{
			input("cause", "Diagnosis (cause) 检测原因", "定影组件老化", true),
			input("work", "Work 维修内容", "更换定影组件", false),
			input("amount", "Price (CNY) 费用", "350", false),
			input("days", "Repair days 维修天数", "3d", false),
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
