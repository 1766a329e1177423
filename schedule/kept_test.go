package schedule

import (
	"context"
	"regexp"
	"strings"
	"testing"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/staff"
)

// TestClosingIsNotKeepingAPromise: a ticket closed at once, without an
// engineer ever assigned and without a reply, leaves its dispatch and
// first-reply promises "not kept", never "met", and the report's share of
// dispatch met is 0%, not 100%; a cancelled report's promises no longer
// apply and count neither way.
func TestClosingIsNotKeepingAPromise(t *testing.T) {
	for name, b := range benches(t) {
		t.Run(name, func(t *testing.T) {
			b.t = t
			ctx := context.Background()
			closed := b.ticket("closed", nil)
			cancelled := b.ticket("cancelled", nil)
			b.relay()
			b.set(at(t, "2026-03-02 10:05"))
			if _, err := b.staff.SetStatus(ctx, closed.Number, "staff:li", "closed"); err != nil {
				t.Fatal(err)
			}
			if _, err := b.staff.SetStatus(ctx, cancelled.Number, "staff:li", "cancelled"); err != nil {
				t.Fatal(err)
			}
			b.relay()
			outcomes := func(tk *domain.Ticket) map[string]string {
				ts, err := b.db.Timers(ctx, tk.ID)
				if err != nil {
					t.Fatal(err)
				}
				m := map[string]string{}
				for _, tm := range ts {
					m[tm.Kind] = tm.Outcome
				}
				return m
			}
			if o := outcomes(closed); o[domain.TimerDispatch] != domain.OutcomeNotKept || o[domain.TimerFirstReply] != domain.OutcomeNotKept {
				t.Errorf("closed without an engineer: %v", o)
			}
			if o := outcomes(cancelled); o[domain.TimerDispatch] != domain.OutcomeVoid || o[domain.TimerFirstReply] != domain.OutcomeVoid {
				t.Errorf("cancelled: %v", o)
			}
			var out strings.Builder
			cmd, _ := staff.ParseCommandLine("report 7")
			if err := b.staff.Exec(ctx, "staff:li", cmd, &out); err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`dispatch\s+达成 0\s+超时 0\s+未履行 1\s+不适用 1\s+计时中 0\s+达成率 0%`).MatchString(out.String()) {
				t.Errorf("report:\n%s", out.String())
			}
		})
	}
}

// The staff's report counts each service level met and breached, and the
// callbacks' answers.
func TestReportCountsPromisesKeptAndBroken(t *testing.T) {
	for name, b := range benches(t) {
		t.Run(name, func(t *testing.T) {
			b.t = t
			ctx := context.Background()
			kept := b.ticket("kept", nil)
			b.ticket("broken", nil)
			b.relay()
			b.set(at(t, "2026-03-02 11:00"))
			if _, err := b.staff.Diagnose(ctx, kept.Number, "staff:li", "卡纸"); err != nil {
				t.Fatal(err)
			}
			b.relay()
			for _, breach := range []bool{false, true} { // the warnings, then the breaches they scheduled
				for _, j := range b.jobs("sla_timer") {
					if a := decode[timerArgs](t, j); a.Breach == breach {
						b.run(j, j.ScheduledAt)
					}
				}
			}
			b.relay()
			var out strings.Builder
			cmd, err := staff.ParseCommandLine("report 7")
			if err != nil {
				t.Fatal(err)
			}
			if err := b.staff.Exec(ctx, "staff:li", cmd, &out); err != nil {
				t.Fatal(err)
			}
			// kept: first_reply met, dispatch breached at 13:00 (no engineer);
			// broken: first_reply and dispatch breached.
			for _, want := range []string{`first_reply\s+达成 1\s+超时 1\s`, `dispatch\s+达成 0\s+超时 2\s`} {
				if !regexp.MustCompile(want).MatchString(out.String()) {
					t.Fatalf("report lacks %q:\n%s", want, out.String())
				}
			}
		})
	}
}
