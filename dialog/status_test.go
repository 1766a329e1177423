package dialog_test

import (
	"strings"
	"testing"
)

func TestStatusOnlyForTheTicketsCustomer(t *testing.T) {
	for name, d := range allDesks(t) {
		t.Run(name, func(t *testing.T) {
			n := d.report("owner", "打印机", "卡纸")
			// the owner asks by number, in free text
			rs := d.say("owner", "帮我查一下 "+strings.ToLower(strings.ReplaceAll(n, "-", "")))
			expect(t, rs, "status.ticket")
			if !strings.Contains(last(rs).Text, n) || !strings.Contains(last(rs).Text, "等待检测") || !strings.Contains(last(rs).Text, "14:00") {
				t.Fatalf("status text:\n%s", last(rs).Text)
			}
			// "my tickets" with one ticket shows it
			expect(t, d.say("owner", "我的工单"), "status.ticket")

			// someone else is asked for the phone on the ticket and learns nothing without it
			rs = d.say("stranger", n)
			expect(t, rs, "status.verify")
			rs = d.say("stranger", "13912345678")
			expect(t, rs, "status.not_found")
			if strings.Contains(texts(rs), "打印机") || strings.Contains(texts(rs), "卡纸") {
				t.Fatalf("leaked ticket details:\n%s", texts(rs))
			}
			// an unknown number takes exactly the same path
			expect(t, d.say("stranger", "FD-99999"), "status.verify")
			expect(t, d.say("stranger", "13800138000"), "status.not_found")
			// the right phone shows it
			expect(t, d.say("stranger", n), "status.verify")
			expect(t, d.say("stranger", "138 0013 8000"), "status.ticket")
		})
	}
}

func TestStatusWithoutTickets(t *testing.T) {
	d := sqliteDesk(t)
	rs := d.say("new", "我想查询维修进度")
	expect(t, rs, "status.ask_number")
	expect(t, d.say("new", "不知道"), "invalid.ticket_number")
	expect(t, d.say("new", "那我报修吧"), "report.start", "ask.name")
}

func TestStatusPicksAmongSeveralTickets(t *testing.T) {
	d := sqliteDesk(t)
	a := d.report("many", "打印机", "卡纸")
	b := d.report("many", "复印机", "漏粉")
	rs := d.press("many", "menu:status")
	expect(t, rs, "status.pick")
	if !hasButton(last(rs), "ticket:"+a) || !hasButton(last(rs), "ticket:"+b) {
		t.Fatalf("buttons %+v", last(rs).Buttons)
	}
	rs = d.press("many", "ticket:"+b)
	expect(t, rs, "status.ticket")
	if !strings.Contains(last(rs).Text, "复印机") {
		t.Fatalf("picked the wrong ticket:\n%s", last(rs).Text)
	}
	// a ticket button for someone else's ticket asks for the phone
	expect(t, d.press("other", "ticket:"+a), "status.verify")
}
