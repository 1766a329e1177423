package dialog_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// deliver runs the outbox once and returns what chat received.
func (d *desk) deliver(chat string) []dialog.Reply {
	d.t.Helper()
	if _, err := d.notes.DeliverOnce(context.Background()); err != nil {
		d.t.Fatal(err)
	}
	return d.inbox.take(chat)
}

func TestQuoteAcceptedOnceThenStatusNotices(t *testing.T) {
	for name, d := range allDesks(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			n := d.report("q", "打印机", "打印时卡纸")
			d.advance(time.Hour)
			if _, err := d.staff.Diagnose(ctx, n, "staff:li", "定影组件老化"); err != nil {
				t.Fatal(err)
			}
			got := d.deliver("q")
			expect(t, got, "notice.diagnosed")
			if _, err := d.staff.Quote(ctx, n, "staff:li", 35000, "更换定影组件", 3); err != nil {
				t.Fatal(err)
			}
			got = d.deliver("q")
			expect(t, got, "quote.show")
			for _, want := range []string{"打印时卡纸", "定影组件老化", "更换定影组件", "350.00", "3 个工作日"} {
				if !strings.Contains(got[0].Text, want) {
					t.Errorf("quote lacks %q:\n%s", want, got[0].Text)
				}
			}
			if !hasButton(got[0], "quote:accept:"+n) {
				t.Fatalf("quote buttons %+v", got[0].Buttons)
			}
			if again := d.deliver("q"); len(again) != 0 {
				t.Fatalf("notice delivered twice: %v", keys(again))
			}
			// someone else pressing the button changes nothing
			expect(t, d.press("intruder", "quote:accept:"+n), "stale_button", "help")
			expect(t, d.press("q", "quote:accept:"+n), "quote.confirm.accept")
			d.advance(time.Minute)
			rs := d.press("q", "qconfirm:yes")
			expect(t, rs, "quote.accepted")
			tk, _ := d.db.TicketByNumber(ctx, n)
			if tk.State != domain.StateApproved || tk.Decision != dialog.DecisionAccepted || tk.DecidedAt == nil ||
				!tk.DecidedAt.Equal(monday10.Add(time.Hour+time.Minute)) {
				t.Fatalf("after accept %+v", tk)
			}
			// pressing twice changes nothing
			expect(t, d.press("q", "quote:accept:"+n), "quote.already")
			expect(t, d.press("q", "quote:decline:"+n), "quote.already")
			tk2, _ := d.db.TicketByNumber(ctx, n)
			if tk2.State != domain.StateApproved || !tk2.DecidedAt.Equal(*tk.DecidedAt) {
				t.Fatalf("second press changed the ticket: %+v", tk2)
			}
			es, _ := d.db.Events(ctx, tk.ID)
			var kinds []string
			for _, e := range es {
				kinds = append(kinds, e.Kind+"@"+e.Actor)
			}
			want := "created@customer:webchat:q,diagnosed@staff:li,quoted@staff:li,quote_accepted@customer:webchat:q"
			if strings.Join(kinds, ",") != want {
				t.Fatalf("events %v", kinds)
			}
			for _, st := range []string{domain.StateRepairing, domain.StateReady, domain.StateClosed} {
				if _, err := d.staff.SetStatus(ctx, n, "staff:li", st); err != nil {
					t.Fatal(err)
				}
				expect(t, d.deliver("q"), "notice.status."+st)
			}
			if _, err := d.staff.SetStatus(ctx, n, "staff:li", domain.StateWaitingParts); !errors.Is(err, domain.ErrNotAllowed) {
				t.Fatalf("closed -> waiting_parts: %v", err)
			}
		})
	}
}

func TestQuoteDeclinedByTextInEnglish(t *testing.T) {
	d := sqliteDesk(t)
	ctx := context.Background()
	expect(t, d.say("e", "my printer is broken"), "report.start", "ask.name")
	d.say("e", "Ms Lee")
	d.say("e", "+85291234567")
	d.press("e", "mode:carry_in")
	d.say("e", "Printer")
	for i := 0; i < 3; i++ {
		d.press("e", "skip")
	}
	d.press("e", "proof:none")
	d.say("e", "It jams on every page")
	d.press("e", "skip")
	expect(t, d.press("e", "confirm:yes"), "ticket.created")
	ts, _ := d.db.Tickets(ctx, storage.TicketFilter{ChatID: "e", Channel: "webchat"})
	n := ts[0].Number
	if _, err := d.staff.Quote(ctx, n, "staff:wang", 12050, "Replace the pickup roller", 2); err != nil {
		t.Fatal(err)
	}
	got := d.deliver("e")
	expect(t, got, "quote.show")
	if !strings.Contains(got[0].Text, "CNY 120.50") {
		t.Fatalf("english quote:\n%s", got[0].Text)
	}
	expect(t, d.say("e", "No thanks, too expensive"), "quote.confirm.decline")
	expect(t, d.say("e", "maybe"), "quote.unclear")
	expect(t, d.say("e", "hmm"), "not_understood.again") // never the same refusal twice: a person is offered
	expect(t, d.say("e", "yes"), "quote.declined")
	tk, _ := d.db.TicketByNumber(ctx, n)
	if tk.State != domain.StateClosed || tk.Decision != dialog.DecisionDeclined {
		t.Fatalf("declined ticket %+v", tk)
	}
	// a change of mind is recalled, not met with "no quote": a person can
	// confirm it
	got = d.say("e", "accept")
	expect(t, got, "quote.already_decided")
	if !hasButton(got[0], "menu:human") || !strings.Contains(got[0].Text, n) {
		t.Fatalf("change of mind: %+v", got[0])
	}
	got = d.say("e", "no, don't fix it")
	expect(t, got, "quote.already_decided")
	if hasButton(got[0], "menu:human") {
		t.Fatalf("the same decision again needs no person: %+v", got[0])
	}
}

func TestInWarrantySkipsTheQuote(t *testing.T) {
	d := sqliteDesk(t)
	ctx := context.Background()
	n := d.report("w", "打印机", "卡纸")
	if _, err := d.db.UpdateTicket(ctx, n, "test", monday10, func(tk *domain.Ticket) (storage.Change, error) {
		tk.Warranty = "in"
		return storage.Change{Kind: "test"}, nil
	}); err != nil {
		t.Fatal(err)
	}
	if _, err := d.staff.Quote(ctx, n, "staff:li", 100, "x", 1); !errors.Is(err, domain.ErrNotAllowed) {
		t.Fatalf("quote on in-warranty ticket: %v", err)
	}
	if _, err := d.staff.SetStatus(ctx, n, "staff:li", domain.StateApproved); err != nil {
		t.Fatal(err)
	}
	got := d.deliver("w")
	expect(t, got, "notice.status.approved")
	if !strings.Contains(got[0].Text, "3月5日") {
		t.Fatalf("repair due 3 working days after approval:\n%s", got[0].Text)
	}
}
