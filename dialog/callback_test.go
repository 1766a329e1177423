package dialog_test

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// closedWithCallback reports, repairs and closes a ticket for chat, then
// makes its callback's first question and delivers it; it returns the
// ticket and the callback notice.
func closedWithCallback(t *testing.T, d *desk, chat string) (*domain.Ticket, dialog.Reply) {
	t.Helper()
	ctx := context.Background()
	number := d.report(chat, "打印机", "卡纸")
	for _, st := range []string{domain.StateRepairing, domain.StateReady, domain.StateClosed} {
		if _, err := d.staff.SetStatus(ctx, number, "staff:li", st); err != nil {
			t.Fatal(err)
		}
	}
	tk, err := d.db.TicketByNumber(ctx, number)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := d.db.ScheduleCallback(ctx, domain.Callback{TicketID: tk.ID, CloseEventID: 1, Category: domain.CategoryPaid, DueAt: d.clock(), CreatedAt: d.clock()})
	if err != nil {
		t.Fatal(err)
	}
	if eff, err := d.db.AskCallback(ctx, "cb-test:"+chat, cb.ID, 0, d.clock()); err != nil || eff != storage.EffectMade {
		t.Fatalf("ask callback: %v %v", eff, err)
	}
	if eff, err := d.db.AskCallback(ctx, "cb-test:"+chat, cb.ID, 0, d.clock()); err != nil || eff != storage.EffectRepeated {
		t.Fatalf("asking again made it again: %v %v", eff, err)
	}
	if _, err := d.notes.DeliverOnce(ctx); err != nil {
		t.Fatal(err)
	}
	got := d.inbox.take(chat)
	n := 0
	var notice dialog.Reply
	for _, r := range got {
		if r.Key == "notice.callback" {
			n, notice = n+1, r
		}
	}
	if n != 1 {
		t.Fatalf("%d callback notices, want 1: %v", n, keys(got))
	}
	for _, p := range []string{"working", "not_working", "busy", "refuse"} {
		if !hasButton(notice, "cb:"+number+":"+p) {
			t.Fatalf("callback notice lacks %s: %+v", p, notice.Buttons)
		}
	}
	return tk, notice
}

func callbackOf(t *testing.T, d *desk, tk *domain.Ticket) *domain.Callback {
	t.Helper()
	cb, err := d.db.LatestCallback(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	return cb
}

func eventKinds(t *testing.T, d *desk, tk *domain.Ticket) string {
	t.Helper()
	es, err := d.db.Events(context.Background(), tk.ID)
	if err != nil {
		t.Fatal(err)
	}
	var ks []string
	for _, e := range es {
		ks = append(ks, e.Kind)
	}
	return strings.Join(ks, ",")
}

func TestCallbackSatisfiedCustomer(t *testing.T) {
	for name, d := range allDesks(t) {
		t.Run(name, func(t *testing.T) {
			tk, notice := closedWithCallback(t, d, "happy")
			if !strings.Contains(notice.Text, tk.Number) {
				t.Fatalf("callback does not name the ticket: %q", notice.Text)
			}
			p := "cb:" + tk.Number + ":"
			rs := d.press("happy", p+"working")
			expect(t, rs, "callback.attitude")
			if !hasButton(last(rs), p+"att:good") || !hasButton(last(rs), p+"att:poor") {
				t.Fatalf("attitude buttons: %+v", last(rs).Buttons)
			}
			expect(t, d.say("happy", "什么意思"), "callback.attitude") // asked again, nothing lost
			expect(t, d.press("happy", p+"att:good"), "callback.quality")
			expect(t, d.press("happy", p+"qual:fair"), "callback.suggest")
			expect(t, d.say("happy", "希望报价能再快一点"), "callback.thanks")
			cb := callbackOf(t, d, tk)
			if cb.State != domain.CallbackAnswered || cb.Working != "yes" || cb.Attitude != "good" || cb.Quality != "fair" ||
				cb.Suggestion != "希望报价能再快一点" || cb.AnsweredAt == nil {
				t.Fatalf("stored callback: %+v", cb)
			}
			after, _ := d.db.TicketByNumber(context.Background(), tk.Number)
			if after.State != domain.StateClosed || after.Satisfaction != "good/fair" {
				t.Fatalf("ticket after a satisfied callback: %s %q", after.State, after.Satisfaction)
			}
			expect(t, d.press("happy", p+"working"), "callback.over")
			expect(t, d.press("stranger", p+"not_working"), "stale_button", "help") // not their ticket: changes nothing
			if got := callbackOf(t, d, tk); got.Working != "yes" {
				t.Fatal("a stranger's press changed the callback")
			}
		})
	}
}

func TestCallbackUnhappyCustomerReopensTheTicket(t *testing.T) {
	for name, d := range allDesks(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			tk, _ := closedWithCallback(t, d, "broken")
			expect(t, d.press("broken", "cb:"+tk.Number+":not_working"), "callback.reopened")
			after, _ := d.db.TicketByNumber(ctx, tk.Number)
			if after.State != domain.StateNew {
				t.Fatalf("ticket is %s after 'not working', want reopened (new)", after.State)
			}
			if k := eventKinds(t, d, tk); !strings.HasSuffix(k, "reopened,callback_alarm") {
				t.Fatalf("events %s, want the reopening and the alarm last", k)
			}
			if cb := callbackOf(t, d, tk); cb.Working != "no" || cb.State != domain.CallbackAnswered {
				t.Fatalf("stored callback: %+v", cb)
			}

			tk2, _ := closedWithCallback(t, d, "rude")
			p := "cb:" + tk2.Number + ":"
			d.press("rude", p+"working")
			d.press("rude", p+"att:poor")
			expect(t, d.press("rude", p+"qual:good"), "callback.reopened")
			after, _ = d.db.TicketByNumber(ctx, tk2.Number)
			if after.State != domain.StateNew || after.Satisfaction != "poor/good" {
				t.Fatalf("dissatisfied: ticket %s %q", after.State, after.Satisfaction)
			}
		})
	}
}

func TestCallbackBusyCustomerIsAskedLater(t *testing.T) {
	d := sqliteDesk(t)
	ctx := context.Background()
	tk, _ := closedWithCallback(t, d, "busy")
	p := "cb:" + tk.Number + ":"
	rs := d.press("busy", p+"busy")
	expect(t, rs, "callback.when")
	// Pressing "busy" alone already moves the callback to the next working
	// day (round 1), in case they never name a time.
	if cb := callbackOf(t, d, tk); cb.State != domain.CallbackBusy || cb.Round != 1 || !cb.DueAt.Equal(at(t, "2026-03-03 10:00")) {
		t.Fatalf("after 'busy': %+v", cb)
	}
	expect(t, d.say("busy", "改天吧"), "callback.later_invalid")
	expect(t, d.say("busy", "3月4日"), "callback.later_ok")
	cb := callbackOf(t, d, tk)
	if cb.State != domain.CallbackBusy || cb.Round != 2 || !cb.DueAt.Equal(at(t, "2026-03-04 10:00")) {
		t.Fatalf("after a date: %+v", cb)
	}
	// The busy customer is asked again at the new time (round 2); an
	// earlier round's job, if it ran late, asks nothing.
	if eff, _ := d.db.AskCallback(ctx, "old-round", cb.ID, 1, d.clock()); eff != storage.EffectVoid {
		t.Fatalf("the replaced round asked again: %v", eff)
	}
	if eff, err := d.db.AskCallback(ctx, "new-round", cb.ID, 2, d.clock()); err != nil || eff != storage.EffectMade {
		t.Fatalf("new round: %v %v", eff, err)
	}
	expect(t, d.press("busy", p+"busy"), "callback.when")
	expect(t, d.press("busy", p+"later:2h"), "callback.later_ok")
	if cb := callbackOf(t, d, tk); cb.Round != 4 || !cb.DueAt.Equal(d.clock().Add(2*time.Hour)) {
		t.Fatalf("two hours later: %+v", cb)
	}
	es, _ := d.db.Events(ctx, tk.ID)
	if e := es[len(es)-1]; e.Kind != "callback_later" || !strings.HasPrefix(e.Detail, itoa(cb.ID)+":4:") {
		t.Fatalf("last event %s %q, want callback_later for round 4", e.Kind, e.Detail)
	}
	// Someone who wants something else entirely is not held in the callback.
	expect(t, d.press("busy", p+"busy"), "callback.when")
	if rs := d.say("busy", "我想查询工单进度"); strings.HasPrefix(last(rs).Key, "callback.") {
		t.Fatalf("a status request inside the callback got %v", keys(rs))
	}
}

func TestCallbackRefusalPutsTheCustomerOnTheDoNotCallList(t *testing.T) {
	for name, d := range allDesks(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			tk, _ := closedWithCallback(t, d, "nocall")
			p := "cb:" + tk.Number + ":"
			expect(t, d.press("nocall", p+"refuse"), "callback.refuse_reason")
			if listed, _, _ := d.db.DoNotCall(ctx, "webchat", "nocall"); !listed {
				t.Fatal("refusal not recorded before the reason")
			}
			expect(t, d.say("nocall", "工作太忙，不想被打扰"), "callback.refused")
			listed, reason, err := d.db.DoNotCall(ctx, "webchat", "nocall")
			if err != nil || !listed || reason != "工作太忙，不想被打扰" {
				t.Fatalf("do-not-call: %v %q %v", listed, reason, err)
			}
			// Their next ticket's callback is never asked.
			cb, err := d.db.ScheduleCallback(ctx, domain.Callback{TicketID: tk.ID, CloseEventID: 2, Category: domain.CategoryPaid, DueAt: d.clock(), CreatedAt: d.clock()})
			if err != nil {
				t.Fatal(err)
			}
			if eff, err := d.db.AskCallback(ctx, "after-refusal", cb.ID, 0, d.clock()); err != nil || eff != storage.EffectVoid {
				t.Fatalf("asked a customer on the do-not-call list: %v %v", eff, err)
			}
			if got, _ := d.db.CallbackByID(ctx, cb.ID); got.State != domain.CallbackSkipped {
				t.Fatalf("callback state %s, want skipped", got.State)
			}
		})
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// An answer typed instead of pressed is understood once the chat awaits
// the callback; an unclear one gets the question again with its buttons.
func TestCallbackTypedAnswers(t *testing.T) {
	d := sqliteDesk(t)
	ctx := context.Background()
	tk, _ := closedWithCallback(t, d, "typer")
	if err := d.m.AwaitCallback(ctx, "webchat", "typer", tk.Number); err != nil {
		t.Fatal(err)
	}
	rs := d.say("typer", "嗯")
	expect(t, rs, "callback.ask_again")
	if !hasButton(last(rs), "cb:"+tk.Number+":working") {
		t.Fatalf("asked again without buttons: %+v", last(rs).Buttons)
	}
	expect(t, d.say("typer", "还是卡纸，不正常"), "callback.reopened")

	tk2, _ := closedWithCallback(t, d, "typer2")
	if err := d.m.AwaitCallback(ctx, "webchat", "typer2", tk2.Number); err != nil {
		t.Fatal(err)
	}
	expect(t, d.say("typer2", "好了，谢谢"), "callback.attitude")

	for text, want := range map[string]string{
		"没问题": "working", "works fine now": "working", "no problem at all": "working", "OK": "working",
		"还是好的": "working", "还是正常的": "working", "still works": "working", "没坏": "working", "no, it works": "working",
		"还是不行": "not_working", "not ok": "not_working", "不好用": "not_working", "又坏了": "not_working", "it's broken again": "not_working",
		"可以帮我报修吗":   "",
		"现在在开会，不方便": "busy", "later please": "busy",
		"不需要回访": "refuse", "please don't call me": "refuse",
		"你是谁": "", "I know": "",
	} {
		if got := dialog.WorkingAnswer(text); got != want {
			t.Errorf("%q read as %q, want %q", text, got, want)
		}
	}
}
