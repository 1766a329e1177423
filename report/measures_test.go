package report

import (
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// TestMeasuresOfASeededWeek: a week with known answers: a job fixed first
// time, one reopened by an unhappy callback, one whose repeat repair came
// back within the window, the repeat itself, one registered after its chat
// asked for a person, a breached and a not-kept level, a complaint.
// seededWeek is a week with known answers (see TestMeasuresOfASeededWeek).
func seededWeek(t *testing.T) (storage.PeriodRows, time.Time, time.Time) {
	t.Helper()
	cst := time.FixedZone("CST", 8*3600)
	at := func(s string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", s, cst)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	ptr := func(s string) *time.Time { tm := at(s); return &tm }
	from, to := at("2026-11-23 00:00"), at("2026-11-30 00:00") // Monday to Monday
	tk := func(id int64, number, product, engineer, created, repeatOf, chat string) domain.Ticket {
		return domain.Ticket{ID: id, Number: number, Product: product, Engineer: engineer, CreatedAt: at(created),
			RepeatOf: repeatOf, Channel: "webchat", ChatID: chat}
	}
	rows := storage.PeriodRows{
		Tickets: []domain.Ticket{
			tk(1, "FD-1001", "打印机", "李工", "2026-11-23 10:00", "", "a"),
			tk(2, "FD-1002", "打印机", "王工", "2026-11-23 11:00", "", "b"),
			tk(3, "FD-1003", "洗衣机", "李工", "2026-11-24 09:30", "", "c"),
			tk(4, "FD-1004", "洗衣机", "李工", "2026-11-27 10:00", "FD-1003", "c"),
			tk(5, "FD-1005", "空调", "", "2026-11-28 15:00", "", "e"),
			tk(6, "FD-0990", "空调", "王工", "2026-11-10 10:00", "", "f"), // registered before, handed back in the week
		},
		Repeats: []domain.Ticket{tk(4, "FD-1004", "洗衣机", "李工", "2026-11-27 10:00", "FD-1003", "c")},
		Events: []domain.Event{
			{TicketID: 1, At: at("2026-11-25 16:00"), Kind: "status", Detail: "ready -> closed"},
			{TicketID: 2, At: at("2026-11-25 17:00"), Kind: "status", Detail: "repairing -> closed"},
			{TicketID: 2, At: at("2026-11-26 10:30"), Kind: "reopened"},
			{TicketID: 3, At: at("2026-11-25 12:00"), Kind: "status", Detail: "ready -> closed"},
			{TicketID: 5, At: at("2026-11-28 16:00"), Kind: "status", Detail: "new -> closed"}, // closed unserviced: no job
			{TicketID: 6, At: at("2026-11-24 10:00"), Kind: "status", Detail: "ready -> closed"},
			{TicketID: 2, At: at("2026-11-26 11:00"), Kind: "complaint"},
		},
		Callbacks: []domain.Callback{
			{TicketID: 1, State: domain.CallbackAnswered, Attitude: "good", Quality: "good", AskedAt: ptr("2026-11-26 10:00"), AnsweredAt: ptr("2026-11-26 10:05")},
			{TicketID: 2, State: domain.CallbackAnswered, Attitude: "good", Quality: "poor", AskedAt: ptr("2026-11-26 10:00"), AnsweredAt: ptr("2026-11-26 10:20")},
			{TicketID: 6, State: domain.CallbackAsked, AskedAt: ptr("2026-11-25 10:00")},
		},
		Timers: []domain.Timer{
			{TicketID: 1, Kind: domain.TimerFirstReply, StartedAt: at("2026-11-23 10:00"), StoppedAt: ptr("2026-11-23 12:30"), Outcome: domain.OutcomeMet},
			{TicketID: 2, Kind: domain.TimerFirstReply, StartedAt: at("2026-11-23 11:00"), StoppedAt: ptr("2026-11-23 17:00"), Outcome: domain.OutcomeBreached},
			{TicketID: 5, Kind: domain.TimerDispatch, StartedAt: at("2026-11-28 15:00"), StoppedAt: ptr("2026-11-28 16:00"), Outcome: domain.OutcomeNotKept},
			{TicketID: 3, Kind: domain.TimerRepair, StartedAt: at("2026-11-24 17:00"), StoppedAt: ptr("2026-11-25 11:00"), Outcome: domain.OutcomeMet},
			{TicketID: 2, Kind: domain.TimerComplaint, StartedAt: at("2026-11-26 11:00"), StoppedAt: ptr("2026-11-26 15:00"), Outcome: domain.OutcomeMet},
		},
		Handovers: []storage.Feedback{{Channel: "webchat", ChatID: "e", Kind: "handover:human", CreatedAt: at("2026-11-28 14:00")}},
	}
	return rows, from, to
}

func TestMeasuresOfASeededWeek(t *testing.T) {
	rows, from, to := seededWeek(t)
	sla := domain.SLA{WorkStart: 9 * time.Hour, WorkEnd: 18*time.Hour + 30*time.Minute}
	m := Compute(rows, from, to, sla)

	if m.Registered != 5 || m.Repeats != 1 || m.BotHandled != 4 {
		t.Errorf("registered %d, repeats %d, bot-handled %d; want 5, 1, 4", m.Registered, m.Repeats, m.BotHandled)
	}
	// Handed back in the week: 1 (fixed), 2 (reopened), 3 (repeat within the
	// window), 6 (fixed); 5 was closed without a job.
	if m.Overall.Closed != 4 || m.Overall.FixedFirstTime != 2 {
		t.Errorf("closed %d, fixed first time %d; want 4, 2", m.Overall.Closed, m.Overall.FixedFirstTime)
	}
	if m.Overall.Answered != 2 || m.Overall.Satisfied != 1 || m.CallbacksAsked != 3 {
		t.Errorf("callbacks: answered %d, satisfied %d, asked %d; want 2, 1, 3", m.Overall.Answered, m.Overall.Satisfied, m.CallbacksAsked)
	}
	if m.Complaints != 1 || len(m.ComplaintHours) != 1 || m.ComplaintHours[0] != 4 {
		t.Errorf("complaints %d, hours %v", m.Complaints, m.ComplaintHours)
	}
	// 17:00 → next day 11:00 is 1.5 + 2 working hours.
	if len(m.RepairHours) != 1 || m.RepairHours[0] != 3.5 {
		t.Errorf("repair hours %v, want [3.5]", m.RepairHours)
	}
	levels := map[string]Levels{}
	for _, l := range m.Levels {
		levels[l.Kind] = l
	}
	if fr := levels[domain.TimerFirstReply]; fr.Met != 1 || fr.Breached != 1 || fr.Share() != 0.5 {
		t.Errorf("first reply %+v", fr)
	}
	if d := levels[domain.TimerDispatch]; d.NotKept != 1 || d.Share() != 0 {
		t.Errorf("dispatch %+v: not kept must count against the share", d)
	}
	var li Group
	for _, g := range m.ByEngineer {
		if g.Name == "李工" {
			li = g
		}
	}
	if li.Registered != 3 || li.Closed != 2 || li.FixedFirstTime != 1 || li.Answered != 1 || li.Satisfied != 1 {
		t.Errorf("李工: %+v", li)
	}
	if m.ByProduct[0].Name != "打印机" && m.ByProduct[0].Name != "洗衣机" {
		t.Errorf("products %+v", m.ByProduct)
	}
	if Rate(m.Overall.FixedFirstTime, m.Overall.Closed) != 0.5 || Rate(m.Repeats, m.Registered) != 0.2 {
		t.Error("rates")
	}
}
