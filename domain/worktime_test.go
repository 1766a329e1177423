package domain

import (
	"testing"
	"time"
)

// TestPromisedTimesFallInWorkingHours: every time the desk tells a customer
// or staff (first reply by, quote by, repair by, a person by) falls within
// working hours, or at closing, and after the moment it is promised, at
// night, near closing, at weekends, on a holiday and on a 调休 Sunday.
func TestPromisedTimesFallInWorkingHours(t *testing.T) {
	loc := time.FixedZone("CST", 8*3600)
	s := SLA{
		Holidays: map[string]bool{"2026-10-01": true, "2026-10-02": true, "2026-10-05": true},
		Extra:    map[string]bool{"2026-10-11": true}, // a Sunday worked (调休)
	}.WithDefaults()
	at := func(v string) time.Time {
		tm, err := time.ParseInLocation("2006-01-02 15:04", v, loc)
		if err != nil {
			t.Fatal(err)
		}
		return tm
	}
	promises := map[string]func(time.Time) time.Time{
		"first reply": s.FirstReplyDue,
		"quote":       s.QuoteDue,
		"repair":      func(t time.Time) time.Time { return s.RepairDue(t, 3) },
		"repair 1d":   func(t time.Time) time.Time { return s.RepairDue(t, 1) },
		"complaint":   func(t time.Time) time.Time { return s.ClockDue(t, s.Complaint) },
		"staff reply": func(t time.Time) time.Time {
			if s.InHours(t) {
				return s.AddWork(t, s.StaffReply)
			}
			return s.NextOpening(t)
		},
	}
	moments := []string{
		"2026-12-01 02:45", // Tuesday night: the quote accepted at 02:45
		"2026-12-01 10:00",
		"2026-12-02 15:00", // four hours would pass closing
		"2026-12-02 18:20", // ten minutes before closing
		"2026-12-04 17:00", // Friday afternoon
		"2026-12-05 11:00", // Saturday
		"2026-10-01 10:00", // a holiday
		"2026-09-30 18:29", // the eve of the holidays
		"2026-10-10 12:00", // Saturday before the 调休 Sunday
		"2026-10-11 12:00", // the 调休 Sunday, worked
	}
	for name, due := range promises {
		for _, m := range moments {
			from := at(m)
			got := due(from)
			closing := Midnight(got).Add(s.WorkEnd)
			if !got.After(from) || !(s.InHours(got) || (got.Equal(closing) && s.Workday(got))) {
				t.Errorf("%s promised at %s (%s): due %s, outside working hours", name, m, from.Weekday(), got.Format("2006-01-02 15:04 Mon"))
			}
		}
	}
	// A complaint on a Friday evening: 24 hours would be Saturday evening,
	// when nobody works; it is promised for Monday's opening.
	if got := s.ClockDue(at("2026-12-04 20:00"), 24*time.Hour); got.Format("2006-01-02 15:04") != "2026-12-07 09:00" {
		t.Errorf("complaint from Friday 20:00 due %s, want Monday 09:00", got.Format("2006-01-02 15:04 Mon"))
	}
	// The cases the issue names, exactly.
	if got := s.RepairDue(at("2026-12-01 02:45"), 3); got.Format("2006-01-02 15:04") != "2026-12-03 18:30" {
		t.Errorf("3 repair days from Tuesday 02:45 = %s, want Thursday 18:30 (the close of the third working day, counted from the opening)", got.Format("2006-01-02 15:04 Mon"))
	}
	if got := s.RepairDue(at("2026-09-30 10:00"), 1); got.Format("2006-01-02 15:04") != "2026-10-06 10:00" {
		t.Errorf("1 repair day from 30 Sep 10:00 = %s, want 6 Oct 10:00 (holidays and the weekend skipped)", got.Format("2006-01-02 15:04 Mon"))
	}
	if got := s.FirstReplyDue(at("2026-12-02 15:00")); got.Format("2006-01-02 15:04") != "2026-12-03 09:30" {
		t.Errorf("first reply for Wednesday 15:00 = %s, want Thursday 09:30", got.Format("2006-01-02 15:04 Mon"))
	}
	if got := s.FirstReplyDue(at("2026-12-02 10:00")); got.Format("2006-01-02 15:04") != "2026-12-02 14:00" {
		t.Errorf("first reply for 10:00 = %s, want 14:00", got.Format("2006-01-02 15:04"))
	}
}
