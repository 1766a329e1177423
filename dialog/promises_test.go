package dialog_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/staff"
	"github.com/frontdesk/frontdesk/storage"
)

func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// planConfig is the default calendar with a Monday holiday (2026-10-05).
func planConfig() dialog.Config {
	sla := domain.DefaultSLA()
	sla.Holidays = map[string]bool{"2026-10-05": true}
	return dialog.Config{Location: shanghai, SLA: sla}
}

// Each service level becomes a timer with the right warning (80% of its
// working time) and due time, working hours and holidays included, and
// the events that keep a promise stop it.
func TestTimersStartWarnAndFallDueOnTheCalendar(t *testing.T) {
	cfg := planConfig()
	outWarranty := &domain.Ticket{Warranty: "out", ServiceMode: "carry_in"}
	cases := []struct {
		name        string
		kind, actor string
		detail      string
		when        string
		tk          *domain.Ticket
		start       string // kind warn due, "" for none
		stops       []string
	}{
		{"report in the morning: reply in 4 working hours", "created", "customer:webchat:a", "", "2026-03-02 10:00", outWarranty,
			"first_reply 03-02 13:12 03-02 14:00; dispatch 03-02 12:24 03-02 13:00", nil},
		{"on-site report: an engineer within 40 working minutes", "created", "customer:webchat:a", "", "2026-03-02 10:00", &domain.Ticket{ServiceMode: "on_site"},
			"first_reply 03-02 13:12 03-02 14:00; dispatch 03-02 10:32 03-02 10:40", nil},
		{"Friday 17:00: due Monday 10:00, warned Monday 9:30", "created", "customer:webchat:a", "", "2026-03-06 17:00", outWarranty,
			"first_reply 03-09 09:30 03-09 10:00; dispatch 03-09 09:54 03-09 10:30", nil},
		{"Friday before a holiday Monday: Tuesday", "created", "customer:webchat:a", "", "2026-10-02 17:00", outWarranty,
			"first_reply 10-06 09:30 10-06 10:00; dispatch 10-06 09:54 10-06 10:30", nil},
		{"diagnosed at 18:20: quote told by 9:20 next morning", "diagnosed", "staff:li", "fuser", "2026-03-02 18:20", outWarranty,
			"quote_tell 03-03 09:14 03-03 09:20", []string{domain.TimerComplaint, domain.TimerPlan, domain.TimerContact, domain.TimerFirstReply}},
		{"in-warranty diagnosis: no quote to tell", "diagnosed", "staff:li", "fuser", "2026-03-02 10:00", &domain.Ticket{Warranty: "in"},
			"", []string{domain.TimerComplaint, domain.TimerPlan, domain.TimerContact, domain.TimerFirstReply}},
		{"quote accepted Thursday: 3 working days over the weekend", "quote_accepted", "customer:webchat:a", "", "2026-03-05 11:00", outWarranty,
			"repair 03-09 14:48 03-10 11:00", nil},
		{"on-site engineer dispatched: contact in 10 minutes", "assigned", "staff:li", "zhang", "2026-03-02 10:00", &domain.Ticket{ServiceMode: "on_site"},
			"contact 03-02 10:08 03-02 10:10", []string{domain.TimerDispatch}},
		{"carry-in dispatch: no contact promise", "assigned", "staff:li", "zhang", "2026-03-02 10:00", outWarranty, "", []string{domain.TimerDispatch}},
		{"complaint: 24 hours on the clock", "complaint", "customer:webchat:a", "rude", "2026-03-02 10:00", outWarranty,
			"complaint 03-03 05:12 03-03 10:00", nil},
		{"reopened on a Friday evening: a plan in 24 hours falls on Saturday, so at Monday's opening", "reopened", "customer:webchat:a", "not working", "2026-03-06 18:00", outWarranty,
			"plan 03-07 13:12 03-09 09:00", nil},
		{"staff start repairing an in-warranty job", "status", "staff:li", "new -> repairing", "2026-03-02 10:00", &domain.Ticket{Warranty: "in"},
			"repair 03-04 13:48 03-05 10:00", []string{domain.TimerComplaint, domain.TimerPlan, domain.TimerContact, domain.TimerFirstReply, domain.TimerQuoteTell}},
		{"ready stops the repair timer", "status", "staff:li", "repairing -> ready", "2026-03-02 10:00", outWarranty,
			"", []string{domain.TimerComplaint, domain.TimerPlan, domain.TimerContact, domain.TimerRepair}},
		{"an on-site job fixed: confirmed and closed within 20 working minutes", "status", "staff:li", "repairing -> ready", "2026-03-02 18:20", &domain.Ticket{ServiceMode: "on_site"},
			"close 03-03 09:06 03-03 09:10", []string{domain.TimerComplaint, domain.TimerPlan, domain.TimerContact, domain.TimerRepair}},
		{"a bot's note keeps no promise", "sla_warning", "bot", "first_reply", "2026-03-02 10:00", outWarranty, "", nil},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := cfg.Plan(domain.Event{ID: 9, Kind: c.kind, Actor: c.actor, Detail: c.detail, At: at(t, c.when)}, c.tk)
			var started []string
			for _, s := range p.Start {
				started = append(started, s.Kind+" "+s.Warn.In(shanghai).Format("01-02 15:04")+" "+s.Due.In(shanghai).Format("01-02 15:04"))
				if !s.Start.Equal(at(t, c.when)) {
					t.Errorf("timer starts at %s, not at the event", s.Start)
				}
			}
			if got := strings.Join(started, "; "); got != c.start {
				t.Errorf("started %q, want %q", got, c.start)
			}
			if !slices.Equal(p.Stop, c.stops) {
				t.Errorf("stops %v, want %v", p.Stop, c.stops)
			}
		})
	}
}

func TestClosingAfterServiceAsksForACallbackAndAQuoteForFollowUps(t *testing.T) {
	cfg := planConfig()
	tk := &domain.Ticket{}
	ev := func(kind, detail string) domain.Plan {
		return cfg.Plan(domain.Event{Kind: kind, Detail: detail, Actor: "staff:li", At: at(t, "2026-03-02 10:00")}, tk)
	}
	if p := ev("status", "ready -> closed"); !p.Callback || !slices.Contains(p.Stop, domain.TimerRepair) || !slices.Contains(p.Stop, domain.TimerClose) {
		t.Errorf("closing a repaired job: %+v", p)
	}
	// Closing never counts as keeping a promise whose own event never came:
	// a job closed without an engineer assigned did not meet dispatch.
	if p := ev("status", "new -> closed"); p.Callback || slices.Contains(p.Stop, domain.TimerDispatch) ||
		slices.Contains(p.Stop, domain.TimerFirstReply) || !slices.Contains(p.NotKept, domain.TimerDispatch) {
		t.Errorf("closing a job never serviced: %+v", p)
	}
	if p := ev("status", "new -> cancelled"); p.Callback || slices.Contains(p.Stop, domain.TimerDispatch) || !slices.Contains(p.Void, domain.TimerDispatch) {
		t.Errorf("a cancelled report: %+v", p)
	}
	if p := ev("quote_declined", ""); p.Callback || slices.Contains(p.Stop, domain.TimerDispatch) || !slices.Contains(p.Void, domain.TimerDispatch) {
		t.Errorf("a declined quote (machine returned unrepaired) asks for a callback or keeps waiting for an engineer: %+v", p)
	}
	if p := ev("quoted", "350.00"); !p.Quote || !slices.Contains(p.Stop, domain.TimerFirstReply) {
		t.Errorf("a quote: %+v", p)
	}
}

// The four categories are called the next working day, others sampled
// within the week, the sample decided the same way every time.
func TestCallbackCategoriesAndDueTimes(t *testing.T) {
	d := sqliteDesk(t)
	ctx := context.Background()
	cfg := planConfig()
	cfg.Promises.CallbackSample = 0
	mk := func(chat string, mutate func(*domain.Ticket)) *domain.Ticket {
		tk := &domain.Ticket{ReportKey: chat, Channel: "webchat", ChatID: chat, Locale: "zh-CN", Product: "打印机", Fault: "卡纸", CreatedAt: at(t, "2026-03-02 09:00")}
		if _, err := d.db.CreateTicket(ctx, tk, "bot"); err != nil {
			t.Fatal(err)
		}
		mutate(tk)
		return tk
	}
	staffAt := func(when string) *staff.Staff {
		return staff.NewStaff(d.db, cfg, func() time.Time { return at(t, when) })
	}
	paid := mk("paid", func(tk *domain.Ticket) { tk.QuoteCents, tk.Decision = 35000, dialog.DecisionAccepted })
	plain := mk("plain", func(*domain.Ticket) {})
	complained := mk("complained", func(*domain.Ticket) {})
	if err := d.db.AddFeedback(ctx, storage.Feedback{Channel: "webchat", ChatID: "complained", Kind: "complaint", TicketNumber: complained.Number, Text: "态度差", CreatedAt: at(t, "2026-03-02 11:00")}); err != nil {
		t.Fatal(err)
	}
	// Old hand Zhang was first assigned long ago; newcomer Wu this week.
	old := mk("old", func(*domain.Ticket) {})
	if _, err := staffAt("2025-06-01 10:00").Assign(ctx, old.Number, "staff:li", "zhang"); err != nil {
		t.Fatal(err)
	}
	byOld := mk("byold", func(tk *domain.Ticket) { tk.Engineer = "zhang" })
	byNew := mk("bynew", func(*domain.Ticket) {})
	if _, err := staffAt("2026-03-02 10:00").Assign(ctx, byNew.Number, "staff:li", "wu"); err != nil {
		t.Fatal(err)
	}
	byNew.Engineer = "wu"

	check := func(name string, cfg dialog.Config, tk *domain.Ticket, closed, wantCat, wantDue string) {
		t.Helper()
		cat, due, ok, err := cfg.CallbackFor(ctx, d.db, tk, at(t, closed))
		if err != nil {
			t.Fatal(err)
		}
		got := "none"
		if ok {
			got = cat + " " + due.In(shanghai).Format("01-02 15:04")
		}
		if want := strings.TrimSpace(wantCat + " " + wantDue); got != want {
			t.Errorf("%s: got %q, want %q", name, got, want)
		}
	}
	check("paid, closed Friday", cfg, paid, "2026-03-06 15:00", "paid", "03-09 10:00")
	check("paid, closed before a holiday Monday", cfg, paid, "2026-10-02 15:00", "paid", "10-06 10:00")
	check("complaint on the ticket", cfg, complained, "2026-03-03 15:00", "complaint", "03-04 10:00")
	check("engineer new to the desk", cfg, byNew, "2026-03-03 15:00", "new_engineer", "03-04 10:00")
	check("old hand, no complaint, sampling off", cfg, byOld, "2026-03-03 15:00", "none", "")
	check("unpaid and no category, sampling off", cfg, plain, "2026-03-03 15:00", "none", "")

	// A complaint against Zhang on another ticket puts his tickets in the
	// fourth category, for the complaint window.
	if _, err := staffAt("2026-03-02 10:00").Assign(ctx, complained.Number, "staff:li", "zhang"); err != nil {
		t.Fatal(err)
	}
	check("engineer complained about", cfg, byOld, "2026-03-03 15:00", "engineer_complained", "03-04 10:00")
	check("...but not after the window", cfg, byOld, "2026-09-03 15:00", "none", "")

	onlyPaid := cfg
	onlyPaid.Promises.CallbackCategories = []string{domain.CategoryPaid}
	check("categories narrowed to paid", onlyPaid, complained, "2026-03-03 15:00", "none", "")

	all := cfg
	all.Promises.CallbackSample = 1
	cat, due, ok, err := all.CallbackFor(ctx, d.db, plain, at(t, "2026-03-06 15:00"))
	if err != nil || !ok || cat != domain.CategorySample {
		t.Fatalf("sampled at 100%%: %v %v %v", cat, ok, err)
	}
	if due.Before(at(t, "2026-03-09 10:00")) || due.After(at(t, "2026-03-13 10:00")) || due.In(shanghai).Format("15:04") != "10:00" {
		t.Errorf("sampled callback due %s, want 10:00 on one of the next five working days", due)
	}
	_, again, _, _ := all.CallbackFor(ctx, d.db, plain, at(t, "2026-03-06 15:00"))
	if !again.Equal(due) {
		t.Error("the sample's day changed between two decisions")
	}

	trial := cfg
	trial.Promises.CallbackDelay = 10 * time.Second
	check("trial delay within hours", trial, paid, "2026-03-02 15:00", "paid", "03-02 15:00")
	check("trial delay past closing time: next opening", trial, paid, "2026-03-02 18:30", "paid", "03-03 09:00")

	// A job reopened by an unhappy callback is called again when it is
	// closed again, whatever the categories and the sample say.
	if err := d.db.AddEvent(ctx, domain.Event{TicketID: plain.ID, At: at(t, "2026-03-04 10:00"), Actor: "customer:webchat:plain", Kind: "reopened"}); err != nil {
		t.Fatal(err)
	}
	none := cfg
	none.Promises.CallbackCategories = []string{}
	check("reopened by a callback", none, plain, "2026-03-05 15:00", "reopened", "03-06 10:00")
}

// A desk open around the clock (00:00–24:00, every day) is in hours at
// any moment: opening at midnight is not mistaken for "unset".
func TestOpenAroundTheClock(t *testing.T) {
	sla := domain.DefaultSLA()
	sla.WorkStart, sla.WorkEnd = 0, 24*time.Hour
	sla.Workdays = []time.Weekday{0, 1, 2, 3, 4, 5, 6}
	cfg := dialog.Config{Location: shanghai, SLA: sla}
	p := cfg.Plan(domain.Event{Kind: "reopened", Actor: "customer:webchat:a", At: at(t, "2026-03-08 03:00")}, &domain.Ticket{})
	if len(p.Start) != 1 {
		t.Fatal("no plan timer")
	}
	desk := dialog.New(nil, nil, nil, nil, cfg, nil, nil).Config() // as the server fills in defaults
	for _, when := range []string{"2026-03-08 03:00", "2026-03-08 08:59", "2026-03-08 23:59"} {
		if got := desk.SLA.NextOpening(at(t, when)); !got.Equal(at(t, when)) {
			t.Errorf("%s: next opening %s, want at once", when, got)
		}
	}
}
