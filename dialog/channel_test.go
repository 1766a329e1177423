package dialog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
)

// take sends a Telegram-like message through Take and returns what it
// queued (the harness's outlet drains the chat's queue when woken).
func (d *desk) take(out *storage.Outbound, m dialog.Message) (bool, []dialog.Reply) {
	d.t.Helper()
	m.Channel = "telegram"
	taken, err := d.m.Take(context.Background(), m)
	if err != nil {
		d.t.Fatal(err)
	}
	d.drain("telegram", m.ChatID) // what a wake-up may have missed
	return taken, d.inbox.take(m.ChatID)
}

func TestTakeQueuesRepliesOnceAndDropsRedeliveries(t *testing.T) {
	d := sqliteDesk(t)
	taken, rs := d.take(d.out, dialog.Message{ChatID: "42", Seq: 100, Text: "你好"})
	if !taken || len(rs) != 1 || !strings.Contains(rs[0].Text, "欢迎") {
		t.Fatalf("first delivery: %v %+v", taken, rs)
	}
	if pending, _ := d.out.Pending(context.Background(), "telegram"); len(pending) != 0 {
		t.Fatalf("pending after draining: %v", pending)
	}
	taken, rs = d.take(d.out, dialog.Message{ChatID: "42", Seq: 100, Text: "你好"})
	if taken || len(rs) != 0 {
		t.Fatalf("redelivery made replies: %v %+v", taken, rs)
	}
	c, err := d.states.Get(context.Background(), "telegram", "42")
	if err != nil || c.Turns != 1 || c.LastSeq != 100 {
		t.Fatalf("state after redelivery: %+v %v", c, err)
	}
	taken, _ = d.take(d.out, dialog.Message{ChatID: "42", Seq: 99, Text: "older"})
	if taken {
		t.Fatal("an older update was taken")
	}
}

// tgReport walks a Telegram chat to the given step of a report.
func tgReport(t *testing.T, d *desk, chat string, seq *int64, msgs ...dialog.Message) []dialog.Reply {
	t.Helper()
	var rs []dialog.Reply
	for _, m := range msgs {
		*seq++
		m.ChatID, m.Seq = chat, *seq
		if m.MessageID == "" {
			m.MessageID = "m" + string(rune('a'+*seq%26))
		}
		_, rs = d.take(d.out, m)
	}
	return rs
}

func TestTelegramFeaturesContactLocationPhotosEdits(t *testing.T) {
	d := sqliteDesk(t)
	ctx := context.Background()
	var seq int64
	rs := tgReport(t, d, "7", &seq, dialog.Message{Text: "打印机坏了"}, dialog.Message{Text: "王先生"})
	expect(t, rs, "ask.phone")
	var share *dialog.Button
	for i, b := range last(rs).Buttons {
		if b.Contact {
			share = &last(rs).Buttons[i]
		}
	}
	if share == nil {
		t.Fatalf("phone question offers no contact button: %+v", last(rs).Buttons)
	}
	rs = tgReport(t, d, "7", &seq, dialog.Message{ForeignContact: true})
	expect(t, rs, "invalid.foreign_contact", "ask.phone")
	rs = tgReport(t, d, "7", &seq, dialog.Message{Phone: "13800138000"})
	expect(t, rs, "ask.mode")
	rs = tgReport(t, d, "7", &seq, dialog.Message{Payload: "mode:on_site"})
	expect(t, rs, "ask.address")
	// a correction of the last answer is taken; an older one is ignored
	rs = tgReport(t, d, "7", &seq, dialog.Message{Text: "北京市海淀区", MessageID: "a1"}) // no street, no number
	expect(t, rs, "invalid.address", "ask.address")
	rs = tgReport(t, d, "7", &seq, dialog.Message{Location: &dialog.Location{Lat: 39.98, Lon: 116.31}})
	expect(t, rs, "ask.purchase")
	rs = tgReport(t, d, "7", &seq, dialog.Message{Text: "去年5月买的", MessageID: "p1"})
	expect(t, rs, "confirm.summary")
	rs = tgReport(t, d, "7", &seq, dialog.Message{Text: "去年3月买的", MessageID: "p1", Edited: true})
	expect(t, rs, "edit.taken", "confirm.summary")
	if !strings.Contains(last(rs).Text, "2025-03") {
		t.Fatalf("edited purchase date not read back:\n%s", last(rs).Text)
	}
	if rs := tgReport(t, d, "7", &seq, dialog.Message{Text: "去年1月买的", MessageID: "a1", Edited: true}); len(rs) != 0 {
		t.Fatalf("an edit of an older message changed something: %v", keys(rs))
	}
	// an album of three photos is one step, not three questions
	rs = tgReport(t, d, "7", &seq, dialog.Message{Attachments: []dialog.Attachment{{Kind: "photo", FileID: "f1", Size: 1000, Album: "A"}}})
	expect(t, rs, "attachment.received", "confirm.summary")
	for _, f := range []string{"f2", "f3"} {
		if rs := tgReport(t, d, "7", &seq, dialog.Message{Attachments: []dialog.Attachment{{Kind: "photo", FileID: f, Size: 1000, Album: "A"}}}); len(rs) != 0 {
			t.Fatalf("album photo %s asked again: %v", f, keys(rs))
		}
	}
	rs = tgReport(t, d, "7", &seq, dialog.Message{Attachments: []dialog.Attachment{{Kind: "document", FileID: "big", Size: 50 << 20, Name: "video.mp4"}}})
	expect(t, rs, "attachment.too_big", "confirm.summary")
	if !strings.Contains(last(rs).Text, "打印机") || !strings.Contains(last(rs).Text, "📍 39.98000, 116.31000") || !strings.Contains(last(rs).Text, "3 个") {
		t.Fatalf("summary:\n%s", last(rs).Text)
	}
	rs = tgReport(t, d, "7", &seq, dialog.Message{Payload: "confirm:yes"})
	expect(t, rs, "ticket.created")
	ts, _ := d.db.Tickets(ctx, storage.TicketFilter{Channel: "telegram", ChatID: "7"})
	as, _ := d.db.Attachments(ctx, ts[0].ID)
	if len(as) != 3 || as[0].FileID != "f1" || as[2].FileID != "f3" || ts[0].Phone != "13800138000" {
		t.Fatalf("ticket %+v attachments %+v", ts[0], as)
	}
	// a photo after the report goes to the open ticket
	rs = tgReport(t, d, "7", &seq, dialog.Message{Attachments: []dialog.Attachment{{Kind: "photo", FileID: "later", Size: 10}}})
	expect(t, rs, "attachment.added")
	if as, _ := d.db.Attachments(ctx, ts[0].ID); len(as) != 4 {
		t.Fatalf("later photo not attached: %d", len(as))
	}
}

func TestGroupChatIsToldOnce(t *testing.T) {
	d := sqliteDesk(t)
	var seq int64
	expect(t, tgReport(t, d, "-100", &seq, dialog.Message{Text: "报修", Group: true}), "group.private_only")
	if rs := tgReport(t, d, "-100", &seq, dialog.Message{Text: "报修", Group: true}); len(rs) != 0 {
		t.Fatalf("group told twice: %v", keys(rs))
	}
}
