package dialog_test

import (
	"context"
	"strings"
	"testing"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

func TestReportInChineseAsksOnlyWhatIsMissingAndCommitsTicket(t *testing.T) {
	for name, d := range allDesks(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			expect(t, d.say("zh", "你好"), "greeting")
			// one message with many facts: only what is missing is asked
			expect(t, d.say("zh", "我的HP激光打印机M1136坏了，打印时卡纸,有异响，序列号CN12345，电话 138-0013-8000，明天上午方便"), "report.start", "ask.name")
			expect(t, d.say("zh", "李"), "ask.salutation")
			expect(t, d.say("zh", "女士"), "ask.mode") // a typed choice, no button needed
			expect(t, d.say("zh", "请上门"), "ask.address")
			expect(t, d.say("zh", "北京"), "invalid.address", "ask.address")
			expect(t, d.say("zh", "北京市海淀区中关村大街1号"), "ask.purchase")
			expect(t, d.say("zh", "下个月"), "invalid.purchase", "ask.purchase")
			rs := d.say("zh", "2025年12月5日买的，有发票")

			expect(t, rs, "confirm.summary")
			for _, want := range []string{"李女士", "13800138000", "上门维修", "中关村", "激光打印机", "M1136", "CN12345", "2025-12-05", "在保修期内", "卡纸", "明天上午"} {
				if !strings.Contains(last(rs).Text, want) {
					t.Errorf("summary lacks %q:\n%s", want, last(rs).Text)
				}
			}
			if n := d.countTickets(); n != 0 {
				t.Fatalf("ticket created before confirmation: %d", n)
			}
			rs = d.press("zh", "confirm:yes")
			expect(t, rs, "ticket.created")
			tickets, _ := d.db.Tickets(ctx, storage.TicketFilter{Channel: "webchat", ChatID: "zh"})
			if len(tickets) != 1 {
				t.Fatalf("tickets %d", len(tickets))
			}
			tk := tickets[0]
			if !strings.Contains(last(rs).Text, tk.Number) || !strings.Contains(last(rs).Text, "3月2日 14:00") {
				t.Errorf("created reply lacks number or due time (+4h):\n%s", last(rs).Text)
			}
			if tk.ContactName != "李" || tk.Salutation != "ms" || tk.Phone != "13800138000" || tk.ServiceMode != "on_site" ||
				tk.Address != "北京市海淀区中关村大街1号" || tk.Serial != "CN12345" || tk.PurchaseDate != "2025-12-05" || tk.Model != "M1136" ||
				tk.Warranty != "in" || !strings.Contains(tk.Fault, "卡纸") || !strings.Contains(tk.Fault, "有异响") || !strings.HasPrefix(tk.PreferredTime, "明天上午") || tk.Locale != "zh-CN" {
				t.Errorf("ticket row %+v", tk)
			}
			es, _ := d.db.Events(ctx, tk.ID)
			if len(es) != 1 || es[0].Kind != "created" || !es[0].At.Equal(monday10) {
				t.Errorf("events %+v", es)
			}
			// pressing confirm again is stale: nothing new is created
			expect(t, d.press("zh", "confirm:yes"), "stale_button", "help")
			if n := d.countTickets(); n != 1 {
				t.Fatalf("tickets after second press: %d", n)
			}
		})
	}
}

func TestReportInEnglishAfterHours(t *testing.T) {
	d := sqliteDesk(t)
	d.advance(8 * 3600e9) // Monday 18:00 -> first reply by 10:00 next morning
	d.advance(3600e9)     // 19:00: after hours
	expect(t, d.say("en", "Hello, my washing machine is broken"), "report.start", "ask.name")
	expect(t, d.say("en", "Mr. Smith"), "ask.phone")
	expect(t, d.say("en", "call me maybe"), "invalid.phone", "ask.phone")
	// a washing machine is visited where it stands: no mode question
	expect(t, d.say("en", "+44 7700 900123"), "ask.address")
	expect(t, d.say("en", "Flat 3, 12 Baker Street, London"), "ask.purchase")
	rs := d.say("en", "March 5, 2020, I have the warranty card")
	expect(t, rs, "confirm.summary")
	if !strings.Contains(last(rs).Text, "Mr Smith") || !strings.Contains(last(rs).Text, "out of warranty") {
		t.Errorf("summary:\n%s", last(rs).Text)
	}
	// a typed yes confirms too
	rs = d.say("en", "yes")
	expect(t, rs, "ticket.created", "ticket.after_hours")
	if !strings.Contains(rs[0].Text, "Tue Mar 3, 10:00") {
		t.Errorf("after 16:00 the first reply is due next morning at 10:00:\n%s", rs[0].Text)
	}
	ts, _ := d.db.Tickets(context.Background(), storage.TicketFilter{Channel: "webchat", ChatID: "en"})
	if len(ts) != 1 || ts[0].Phone != "+447700900123" || ts[0].Locale != "en" || ts[0].Warranty != "out" || ts[0].ContactName != "Smith" {
		t.Fatalf("ticket %+v", ts)
	}
}

func TestEditAndCancelDuringReport(t *testing.T) {
	d := sqliteDesk(t)
	d.report("first", "打印机", "卡纸") // makes the customer known: name and phone are remembered
	expect(t, d.say("c", "报修"), "report.start", "ask.name")
	expect(t, d.say("c", "王先生"), "ask.phone")
	expect(t, d.say("c", "取消"), "cancelled")
	if n := d.countTickets(); n != 1 {
		t.Fatalf("cancel created a ticket: %d", n)
	}
	// a known customer is not asked name and phone again
	expect(t, d.say("first", "我的微波炉不加热了"), "report.start", "ask.mode")
	expect(t, d.say("first", "我送过去"), "ask.purchase")
	expect(t, d.say("first", "没有发票"), "confirm.summary")
	rs := d.press("first", "confirm:edit")
	expect(t, rs, "confirm.edit")
	if !hasButton(last(rs), "edit:phone") {
		t.Fatalf("edit menu lacks phone: %+v", last(rs).Buttons)
	}
	expect(t, d.press("first", "edit:phone"), "ask.phone")
	rs = d.say("first", "13900139000")
	expect(t, rs, "confirm.summary")
	if !strings.Contains(last(rs).Text, "13900139000") {
		t.Fatalf("edited phone not in summary:\n%s", last(rs).Text)
	}
	expect(t, d.say("first", "是的"), "ticket.created")
}

func TestRepeatRepairIsMarked(t *testing.T) {
	d := sqliteDesk(t)
	ctx := context.Background()
	first := d.report("r", "打印机", "打印时卡纸")
	pending := d.report("r", "打印机", "打印时卡纸")
	if tk, _ := d.db.TicketByNumber(ctx, pending); tk.RepeatOf != "" {
		t.Fatalf("a job not yet repaired cannot come back: RepeatOf = %q", tk.RepeatOf)
	}
	for _, st := range []string{domain.StateRepairing, domain.StateReady, domain.StateClosed} {
		if _, err := d.staff.SetStatus(ctx, first, "staff:li", st); err != nil {
			t.Fatal(err)
		}
	}
	second := d.report("r", "打印机", "打印的时候卡纸")
	third := d.report("r", "打印机", "屏幕不亮")
	tk, _ := d.db.TicketByNumber(ctx, second)
	if tk.RepeatOf != first {
		t.Fatalf("second report RepeatOf = %q, want %q", tk.RepeatOf, first)
	}
	tk, _ = d.db.TicketByNumber(ctx, third)
	if tk.RepeatOf != "" {
		t.Fatalf("a different fault is not a repeat: %q", tk.RepeatOf)
	}
}

func TestReportSetAsideIsOfferedAgain(t *testing.T) {
	d := sqliteDesk(t)
	n := d.report("d", "打印机", "卡纸")
	ctx := context.Background()
	if _, err := d.staff.Quote(ctx, n, "staff:li", 20000, "更换搓纸轮", 2); err != nil {
		t.Fatal(err)
	}
	expect(t, d.say("d", "我的微波炉也坏了"), "report.start", "ask.mode")
	expect(t, d.press("d", "mode:carry_in"), "ask.purchase")
	// the quote arrives and is pressed in the middle of the report
	rs := d.press("d", "quote:accept:"+n)
	expect(t, rs, "quote.confirm.accept")
	rs = d.press("d", "qconfirm:yes")
	expect(t, rs, "quote.accepted", "report.resume.offer")
	expect(t, d.press("d", "draft:resume"), "report.resume", "ask.purchase")
	expect(t, d.say("d", "去年买的"), "confirm.summary")
	// cancelling drops it for good
	expect(t, d.say("d", "取消"), "cancelled")
	expect(t, d.say("d", "你好"), "greeting")
}

// TestReportTakesWhatCustomersTypeMidway: a name with a landline, a
// complaint in the middle (recorded, then the report offered again and
// resumed by a typed "继续吧"), a correction at the read-back.
func TestReportTakesWhatCustomersTypeMidway(t *testing.T) {
	d := sqliteDesk(t)
	expect(t, d.say("m", "打印机老是卡纸"), "report.start", "ask.name")
	expect(t, d.say("m", "我叫王芳，电话0571-88886666"), "ask.mode") // a full name needs no title
	rs := d.say("m", "你们上次派的师傅态度太差了，我要投诉")
	expect(t, rs, "complaint.recorded", "report.resume.offer")
	expect(t, d.say("m", "继续吧"), "report.resume", "ask.mode")
	expect(t, d.say("m", "我送过去"), "ask.purchase")
	expect(t, d.say("m", "记不清了"), "confirm.summary")
	rs = d.say("m", "型号是M1136")
	expect(t, rs, "edit.taken", "confirm.summary")
	if !strings.Contains(last(rs).Text, "M1136") || !strings.Contains(last(rs).Text, "0571-88886666") || !strings.Contains(last(rs).Text, "王芳") {
		t.Fatalf("read-back:\n%s", last(rs).Text)
	}
	expect(t, d.say("m", "yes that's right"), "ticket.created")
}
