package schedule

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/riverqueue/river/rivertype"

	"github.com/frontdesk/frontdesk/domain"
)

// With the clock under the test's control: the first-reply timer of a
// report starts at registration, warns at 80% and would breach at 14:00,
// but a diagnosis at 13:30 stops it, met; the quote-telling timer that
// the diagnosis starts is let run, warns, breaches, and stays breached
// when the quote comes late.
func TestTimersWarnBreachAndStopOnTheClock(t *testing.T) {
	for name, b := range benches(t) {
		t.Run(name, func(t *testing.T) {
			b.t = t
			ctx := context.Background()
			tk := b.ticket("c1", nil)
			b.relay()
			warn := b.due("sla_timer", "2026-03-02 13:12", nil)
			if n := len(b.jobs("sla_timer")); n != 2 {
				t.Fatalf("%d timer jobs before any warning, want the two timers' warnings", n)
			}
			if err := b.run(warn, at(t, "2026-03-02 13:12")); err != nil {
				t.Fatal(err)
			}
			// The warning scheduled the breach.
			breach := b.due("sla_timer", "2026-03-02 14:00", nil)
			if err := b.run(warn, at(t, "2026-03-02 13:13")); err != nil { // River runs it again: no second warning
				t.Fatal(err)
			}
			if n := b.count(tk, "sla_warning"); n != 1 {
				t.Fatalf("%d warnings, want 1", n)
			}
			if n := len(b.jobs("sla_timer")); n != 3 {
				t.Fatalf("%d timer jobs after the warning ran twice, want one breach more", n)
			}
			if tm := b.timer(tk, "first_reply"); tm.WarnedAt == nil || tm.Outcome != "" {
				t.Fatalf("first_reply after warning: %+v", tm)
			}

			b.set(at(t, "2026-03-02 13:30"))
			if _, err := b.staff.Diagnose(ctx, tk.Number, "staff:li", "定影组件老化"); err != nil {
				t.Fatal(err)
			}
			b.relay()
			if tm := b.timer(tk, "first_reply"); tm.StoppedAt == nil || tm.Outcome != domain.OutcomeMet {
				t.Fatalf("first_reply after the diagnosis: %+v", tm)
			}
			if err := b.run(breach, at(t, "2026-03-02 14:00")); !cancelled(err) {
				t.Fatalf("breach job of a stopped timer: %v, want cancelled", err)
			}
			if n := b.count(tk, "sla_breach"); n != 0 {
				t.Fatalf("%d breaches of a kept promise", n)
			}

			// Diagnosed at 13:30: the quote is due to be told by 14:00.
			qwarn := b.due("sla_timer", "2026-03-02 13:54", nil)
			if err := b.run(qwarn, at(t, "2026-03-02 13:54")); err != nil {
				t.Fatal(err)
			}
			qdue := b.due("sla_timer", "2026-03-02 14:00", func(j *rivertype.JobRow) bool { return j.ID != breach.ID })
			if err := b.run(qdue, at(t, "2026-03-02 14:00")); err != nil {
				t.Fatal(err)
			}
			es := b.events(tk)
			if last := es[len(es)-1]; last.Kind != "sla_breach" || b.staff.EventDetail(last) != "告知报价已超时，应于 3月2日 14:00 overdue" {
				t.Fatalf("last event %s %q (%q), want the quote_tell breach due 14:00", last.Kind, last.Detail, b.staff.EventDetail(last))
			}
			b.set(at(t, "2026-03-02 15:00"))
			if _, err := b.staff.Quote(ctx, tk.Number, "staff:li", 35000, "更换定影组件", 3); err != nil {
				t.Fatal(err)
			}
			b.relay()
			if tm := b.timer(tk, "quote_tell"); tm.StoppedAt == nil || tm.Outcome != domain.OutcomeBreached {
				t.Fatalf("quote_tell told late: %+v, want stopped and breached", tm)
			}
		})
	}
}

// A report on Friday evening before a holiday Monday is due on Tuesday at
// 10:00; its warning comes Tuesday 9:30, not over the weekend.
func TestTimersSkipWeekendsAndHolidays(t *testing.T) {
	b := benches(t)["sqlite"]
	b.s.cfg.SLA.Holidays = map[string]bool{"2026-10-05": true}
	b.set(at(t, "2026-10-02 17:00"))
	b.ticket("late", nil)
	b.relay()
	warn := b.due("sla_timer", "2026-10-06 09:30", nil)
	if err := b.run(warn, at(t, "2026-10-06 09:30")); err != nil {
		t.Fatal(err)
	}
	b.due("sla_timer", "2026-10-06 10:00", func(j *rivertype.JobRow) bool { return decode[timerArgs](t, j).Breach })
}

// An undecided quote: one reminder to the customer after two days (within
// working hours, once), an alarm after four; deciding cancels what is left.
func TestQuoteFollowUps(t *testing.T) {
	for name, b := range benches(t) {
		t.Run(name, func(t *testing.T) {
			b.t = t
			ctx := context.Background()
			decided, undecided := b.ticket("q1", nil), b.ticket("q2", nil)
			b.set(at(t, "2026-03-02 11:00"))
			for _, tk := range []*domain.Ticket{decided, undecided} {
				if _, err := b.staff.Quote(ctx, tk.Number, "staff:li", 35000, "更换定影组件", 3); err != nil {
					t.Fatal(err)
				}
			}
			b.relay()
			reminders := b.jobs("quote_follow_up")
			if len(reminders) != 4 {
				t.Fatalf("%d follow-up jobs, want a reminder and an alarm per quote", len(reminders))
			}
			forTicket := func(tk *domain.Ticket, alarm bool) func(j *rivertype.JobRow) bool {
				return func(j *rivertype.JobRow) bool {
					a := decode[quoteArgs](t, j)
					return a.TicketID == tk.ID && a.Alarm == alarm
				}
			}
			r1 := b.due("quote_follow_up", "2026-03-04 11:00", forTicket(undecided, false))
			if d := snoozed(b.run(r1, at(t, "2026-03-04 20:00"))); d != 13*time.Hour {
				t.Fatalf("a reminder due at night snoozes %s, want until 09:00", d)
			}
			for range 2 {
				if err := b.run(r1, at(t, "2026-03-05 09:00")); err != nil {
					t.Fatal(err)
				}
			}
			if n := b.count(undecided, "quote_reminder"); n != 1 {
				t.Fatalf("%d reminders, want 1", n)
			}
			if n, _ := b.db.PendingNotices(ctx); n == 0 {
				t.Fatal("the reminder queued no notice for the customer")
			}
			if err := b.run(b.due("quote_follow_up", "2026-03-06 11:00", forTicket(undecided, true)), at(t, "2026-03-06 11:00")); err != nil {
				t.Fatal(err)
			}
			if n := b.count(undecided, "quote_overdue"); n != 1 {
				t.Fatalf("%d overdue alarms, want 1", n)
			}

			b.set(at(t, "2026-03-03 09:00"))
			if _, err := b.desk.Decide(ctx, decided.Number, true, "customer:telegram:q1"); err != nil {
				t.Fatal(err)
			}
			for _, job := range []*rivertype.JobRow{b.due("quote_follow_up", "2026-03-04 11:00", forTicket(decided, false)),
				b.due("quote_follow_up", "2026-03-06 11:00", forTicket(decided, true))} {
				if err := b.run(job, at(t, "2026-03-06 11:00")); !cancelled(err) {
					t.Fatalf("follow-up of a decided quote: %v, want cancelled", err)
				}
			}
			if b.count(decided, "quote_reminder")+b.count(decided, "quote_overdue") != 0 {
				t.Fatal("a decided quote was chased")
			}
		})
	}
}

// Closing a paid job schedules its callback for 10:00 the next working
// day; run early it waits for opening time, then asks once.
func TestCallbackScheduledOnClosing(t *testing.T) {
	for name, b := range benches(t) {
		t.Run(name, func(t *testing.T) {
			b.t = t
			ctx := context.Background()
			b.set(at(t, "2026-03-06 15:00")) // a Friday
			tk := b.ticket("cb1", nil)
			if _, err := b.staff.Quote(ctx, tk.Number, "staff:li", 35000, "更换定影组件", 1); err != nil {
				t.Fatal(err)
			}
			if _, err := b.desk.Decide(ctx, tk.Number, true, "customer:telegram:cb1"); err != nil {
				t.Fatal(err)
			}
			for _, st := range []string{domain.StateRepairing, domain.StateReady, domain.StateClosed} {
				if _, err := b.staff.SetStatus(ctx, tk.Number, "staff:li", st); err != nil {
					t.Fatal(err)
				}
			}
			b.relay()
			b.relay() // a second pass schedules nothing more
			if n := len(b.jobs("callback")); n != 1 {
				t.Fatalf("%d callback jobs, want 1", n)
			}
			job := b.due("callback", "2026-03-09 10:00", nil)
			if d := snoozed(b.run(job, at(t, "2026-03-09 08:00"))); d != time.Hour {
				t.Fatalf("callback run before opening snoozes %s, want 1h", d)
			}
			for range 2 {
				if err := b.run(job, at(t, "2026-03-09 10:00")); err != nil {
					t.Fatal(err)
				}
			}
			if n := b.count(tk, "callback_asked"); n != 1 {
				t.Fatalf("asked %d times, want once", n)
			}
			cb, err := b.db.LatestCallback(ctx, tk.ID)
			if err != nil || cb.Category != "paid" || cb.State != domain.CallbackAsked {
				t.Fatalf("callback: %+v %v", cb, err)
			}
		})
	}
}

// A diagnosis made just before the due time but not yet taken by the
// relay: the breach waits for it, and the promise is recorded as met.
func TestBreachWaitsForEventsNotYetRelayed(t *testing.T) {
	for name, b := range benches(t) {
		t.Run(name, func(t *testing.T) {
			b.t = t
			tk := b.ticket("race", nil)
			b.relay()
			if err := b.run(b.due("sla_timer", "2026-03-02 13:12", nil), at(t, "2026-03-02 13:12")); err != nil {
				t.Fatal(err)
			}
			breach := b.due("sla_timer", "2026-03-02 14:00", nil)
			b.set(at(t, "2026-03-02 13:59"))
			if _, err := b.staff.Diagnose(context.Background(), tk.Number, "staff:li", "电源板损坏"); err != nil {
				t.Fatal(err)
			}
			if d := snoozed(b.run(breach, at(t, "2026-03-02 14:00"))); d == 0 {
				t.Fatal("breach fired while the diagnosis was not yet relayed")
			}
			b.relay()
			if err := b.run(breach, at(t, "2026-03-02 14:00")); !cancelled(err) {
				t.Fatalf("breach after the diagnosis was relayed: %v, want cancelled", err)
			}
			if tm := b.timer(tk, "first_reply"); tm.Outcome != domain.OutcomeMet || b.count(tk, "sla_breach") != 0 {
				t.Fatalf("first_reply %+v, breaches %d", tm, b.count(tk, "sla_breach"))
			}
		})
	}
}

// Applying every event again (a crash before the mark, a second replica)
// adds no timer, callback or job.
func TestRelayingAnEventTwiceSchedulesNothingMore(t *testing.T) {
	b := benches(t)["sqlite"]
	ctx := context.Background()
	tk := b.ticket("twice", func(tk *domain.Ticket) { tk.ServiceMode = "on_site" })
	if _, err := b.staff.Assign(ctx, tk.Number, "staff:li", "zhang"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.staff.Quote(ctx, tk.Number, "staff:li", 20000, "更换电源板", 2); err != nil {
		t.Fatal(err)
	}
	for _, st := range []string{domain.StateClosed} {
		if _, err := b.staff.SetStatus(ctx, tk.Number, "staff:li", st); err != nil {
			t.Fatal(err)
		}
	}
	b.relay()
	count := func() string {
		ts, err := b.db.Timers(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		open := 0
		for _, tm := range ts {
			if tm.StoppedAt == nil {
				open++
			}
		}
		return fmt.Sprint(len(ts), " timers ", open, " open, jobs ", len(b.jobs("sla_timer")), "/", len(b.jobs("quote_follow_up")), "/", len(b.jobs("callback")))
	}
	before := count()
	for _, e := range b.events(tk) {
		if err := b.s.applyAll(ctx, []domain.Event{e}); err != nil {
			t.Fatal(err)
		}
	}
	if after := count(); after != before {
		t.Fatalf("applying the events again one by one: %s, was %s", after, before)
	}
	if err := b.s.applyAll(ctx, b.events(tk)); err != nil {
		t.Fatal(err)
	}
	if after := count(); after != before {
		t.Fatalf("applying the events again in one batch: %s, was %s", after, before)
	}
}
