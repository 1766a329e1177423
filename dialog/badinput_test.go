package dialog_test

import (
	"context"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/frontdesk/frontdesk/dialog"
)

func TestBadInputGetsPoliteAnswerAndStoresNothingHalf(t *testing.T) {
	d := sqliteDesk(t)
	owner := d.report("owner", "打印机", "卡纸")
	cases := []struct {
		name, text, payload string
	}{
		{"empty", "", ""},
		{"spaces", "   \n\t ", ""},
		{"huge", strings.Repeat("修", 10000), ""},
		{"emoji", "😀🔧🖨️", ""},
		{"control", "\x00\x01\x1b[31m\x7f", ""},
		{"sql", "'; DROP TABLE tickets; --", ""},
		{"html", "<script>alert(1)</script><b>x</b>", ""},
		{"forged payload", "", "confirm:yes"},
		{"unknown payload", "", "zzz:1"},
		{"forged edit", "", "edit:_key"},
		{"forged quote", "", "quote:accept:" + owner},
		{"quote of unknown ticket", "", "quote:accept:FD-999999"},
		{"bad quote verb", "", "quote:steal:" + owner},
		{"foreign ticket button", "", "ticket:" + owner},
		{"other's ticket number", owner, ""},
		{"unknown ticket number", "FD-424242", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := d.countTickets()
			rs, err := d.m.Handle(context.Background(), dialog.Message{Channel: "webchat", ChatID: "bad-" + c.name, Text: c.text, Payload: c.payload})
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) == 0 || strings.TrimSpace(rs[0].Text) == "" {
				t.Fatalf("no polite answer: %v", keys(rs))
			}
			all := texts(rs)
			for _, leak := range []string{"13800138000", "M1136", "卡纸", "<script>", "DROP TABLE", "\x00"} {
				if strings.Contains(all, leak) {
					t.Fatalf("reply leaks or echoes %q:\n%s", leak, all)
				}
			}
			if d.countTickets() != before {
				t.Fatal("bad input created a ticket")
			}
		})
	}
	// a 10,000-character fault is cut, not stored whole
	expect(t, d.say("long", "报修"), "report.start", "ask.name")
	expect(t, d.say("long", "张先生"), "ask.phone")
	expect(t, d.say("long", "13700137000"), "ask.mode")
	expect(t, d.press("long", "mode:carry_in"), "ask.product")
	expect(t, d.say("long", "冰箱"), "ask.purchase")
	expect(t, d.press("long", "proof:none"), "ask.fault")
	expect(t, d.say("long", strings.Repeat("坏", 10000)), "confirm.summary")
	expect(t, d.press("long", "confirm:yes"), "ticket.created")
	tk, _ := d.db.Tickets(context.Background(), storageFilter("long"))
	if n := utf8.RuneCountInString(tk[0].Fault); n > 2000 {
		t.Fatalf("fault stored with %d runes", n)
	}
}
