package dialog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/frontdesk/frontdesk/storage"
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

// TestDataRequestReachesStaff: a customer who asks to see or erase their
// data is told how it works, and the request reaches staff: recorded on
// their latest ticket as an event, and the chat flagged for a person.
func TestDataRequestReachesStaff(t *testing.T) {
	d := sqliteDesk(t)
	ctx := context.Background()
	n := d.report("p", "打印机", "卡纸")
	expect(t, d.say("p", "请把我的信息删了，删除我的个人信息"), "knowledge.data_request")
	tk, err := d.db.TicketByNumber(ctx, n)
	if err != nil {
		t.Fatal(err)
	}
	es, err := d.db.Events(ctx, tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if last := es[len(es)-1]; last.Kind != "data_request" {
		t.Errorf("the ticket's last event is %s, want data_request", last.Kind)
	}
	if c, err := d.states.Get(ctx, "webchat", "p"); err != nil || !c.NeedsStaff || c.StaffReason != "data_request" {
		t.Errorf("the chat is not flagged for a person: %+v %v", c, err)
	}
	// In English, with no ticket: answered and listed for staff.
	expect(t, d.say("q", "Hi, what do you hold about me? Please delete my data."), "knowledge.data_request")
	fs, err := d.db.FeedbackList(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	var listed bool
	for _, f := range fs {
		listed = listed || (f.ChatID == "q" && f.Kind == "data_request")
	}
	if !listed {
		t.Errorf("the request is not in the staff's list: %+v", fs)
	}
}

// TestStatusByAPhoneWrittenAsAtHome: a report left with a British mobile
// typed as the customer writes it at home; asked for the ticket's phone
// from another chat, the same number typed the same way shows the ticket.
func TestStatusByAPhoneWrittenAsAtHome(t *testing.T) {
	d := sqliteDesk(t)
	expect(t, d.say("abroad", "我的打印机卡纸"), "report.start", "ask.name")
	expect(t, d.say("abroad", "王先生"), "ask.phone")
	expect(t, d.say("abroad", "07400 112233"), "ask.mode")
	expect(t, d.press("abroad", "mode:carry_in"), "ask.purchase")
	expect(t, d.press("abroad", "proof:none"), "confirm.summary")
	expect(t, d.press("abroad", "confirm:yes"), "ticket.created")
	ts, err := d.db.Tickets(context.Background(), storage.TicketFilter{Channel: "webchat", ChatID: "abroad", Limit: 1})
	if err != nil || len(ts) != 1 || ts[0].Phone != "07400112233" {
		t.Fatalf("ticket %+v, %v: want the phone kept as its digits", ts, err)
	}
	n := ts[0].Number
	expect(t, d.say("elsewhere", n), "status.verify")
	expect(t, d.say("elsewhere", "07400 112233"), "status.ticket")
	expect(t, d.say("elsewhere", n), "status.verify")
	expect(t, d.say("elsewhere", "07400 112234"), "status.not_found")
}
