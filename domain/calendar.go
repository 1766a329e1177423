package domain

import "time"

// SLA holds the service levels (docs/TRADE.md, Service levels) that the desk promises.
type SLA struct {
	WorkStart   time.Duration // start of the working day, from Midnight: 9h
	WorkEnd     time.Duration // end of the working day: 18h30m
	FirstReply  time.Duration // first reply with diagnosis or quote: 4h
	LateAfter   time.Duration // reports after this time of day answer next morning: 16h
	NextMorning time.Duration // ...by this time: 10h
	QuoteAfter  time.Duration // quote told after diagnosis: 30m
	RepairDays  int           // working days from approval to repaired: 3
	Complaint   time.Duration // complaint resolution proposed within: 24h
	StaffReply  time.Duration // a person answers a handed-over chat within: 30m
	// Workdays are the weekdays the desk works (Monday to Friday when none
	// is set); Holidays are dates ("2006-01-02") it does not, and Extra
	// workdays are weekend dates it does (调休).
	Workdays []time.Weekday
	Holidays map[string]bool
	Extra    map[string]bool
}

// DefaultSLA returns the service levels the trade gives as defaults (docs/TRADE.md, Service levels).
func DefaultSLA() SLA {
	return SLA{WorkStart: 9 * time.Hour, WorkEnd: 18*time.Hour + 30*time.Minute,
		FirstReply: 4 * time.Hour, LateAfter: 16 * time.Hour, NextMorning: 10 * time.Hour,
		QuoteAfter: 30 * time.Minute, RepairDays: 3, Complaint: 24 * time.Hour, StaffReply: 30 * time.Minute}
}

// Midnight is the start of t's day, in t's zone.
func Midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// Workday reports whether t falls on a working day of the calendar.
func (s SLA) Workday(t time.Time) bool {
	date := t.Format("2006-01-02")
	if s.Holidays[date] {
		return false
	}
	if s.Extra[date] {
		return true
	}
	if len(s.Workdays) == 0 {
		return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
	}
	for _, d := range s.Workdays {
		if t.Weekday() == d {
			return true
		}
	}
	return false
}

// InHours reports whether t is within working hours, when the desk may
// start a conversation (a callback, a reminder).
func (s SLA) InHours(t time.Time) bool {
	since := t.Sub(Midnight(t))
	return s.Workday(t) && since >= s.WorkStart && since < s.WorkEnd
}

// NextOpening returns t if it is within working hours, else the start of the
// next working day.
func (s SLA) NextOpening(t time.Time) time.Time {
	if s.InHours(t) {
		return t
	}
	day := Midnight(t)
	if t.Sub(day) >= s.WorkStart {
		day = day.AddDate(0, 0, 1)
	}
	for !s.Workday(day) {
		day = day.AddDate(0, 0, 1)
	}
	return day.Add(s.WorkStart)
}

// NextWorkdayAt returns the given time of day on the first working day
// after t's day.
func (s SLA) NextWorkdayAt(t time.Time, at time.Duration) time.Time {
	day := Midnight(t).AddDate(0, 0, 1)
	for !s.Workday(day) {
		day = day.AddDate(0, 0, 1)
	}
	return day.Add(at)
}

// FirstReplyDue is when a report received at t gets its first reply with a
// diagnosis or quote: FirstReply later, or for a report after LateAfter or
// outside working days, NextMorning of the next working day ("4小时复命").
func (s SLA) FirstReplyDue(t time.Time) time.Time {
	since := t.Sub(Midnight(t))
	switch {
	case !s.Workday(t) || since >= s.LateAfter:
		return s.NextWorkdayAt(t, s.NextMorning)
	case since < s.WorkStart:
		return Midnight(t).Add(s.NextMorning)
	}
	// Four hours from receipt, but never after closing: what would fall
	// after it is counted on into the next working day.
	if due := t.Add(s.FirstReply); s.InHours(due) || due.Equal(Midnight(t).Add(s.WorkEnd)) {
		return due
	}
	return s.AddWork(t, s.FirstReply)
}

// RepairDue is when a job approved at t should be repaired: the quote's
// repair days when it gave some, else RepairDays, each a working day's
// hours of working time, so the time told always falls within working
// hours (approved at 02:45: counted from the morning's opening).
func (s SLA) RepairDue(t time.Time, quoteDays int) time.Time {
	days := s.RepairDays
	if quoteDays > 0 {
		days = quoteDays
	}
	return s.AddWork(t, time.Duration(days)*(s.WorkEnd-s.WorkStart))
}

// WithDefaults fills what is unset (zero) from DefaultSLA. Opening at
// Midnight (WorkStart 0) is a real setting; no working time at all (unset,
// or closing before opening) takes the default hours.
func (s SLA) WithDefaults() SLA {
	d := DefaultSLA()
	for _, p := range []struct {
		v   *time.Duration
		def time.Duration
	}{
		{&s.FirstReply, d.FirstReply},
		{&s.LateAfter, d.LateAfter}, {&s.NextMorning, d.NextMorning}, {&s.QuoteAfter, d.QuoteAfter},
		{&s.Complaint, d.Complaint}, {&s.StaffReply, d.StaffReply},
	} {
		if *p.v == 0 {
			*p.v = p.def
		}
	}
	if s.RepairDays == 0 {
		s.RepairDays = d.RepairDays
	}
	if s.WorkEnd <= s.WorkStart {
		s.WorkStart, s.WorkEnd = d.WorkStart, d.WorkEnd
	}
	return s
}

// WorkBetween is the working time between a and b: the part of [a, b)
// that falls within working hours on working days.
func (s SLA) WorkBetween(a, b time.Time) time.Duration {
	var total time.Duration
	for day := Midnight(a); day.Before(b); day = day.AddDate(0, 0, 1) {
		if !s.Workday(day) {
			continue
		}
		from, to := day.Add(s.WorkStart), day.Add(s.WorkEnd)
		if a.After(from) {
			from = a
		}
		if b.Before(to) {
			to = b
		}
		if to.After(from) {
			total += to.Sub(from)
		}
	}
	return total
}

// AddWork returns the moment d of working time after t: time outside
// working hours and on days off does not count.
func (s SLA) AddWork(t time.Time, d time.Duration) time.Time {
	t = s.NextOpening(t)
	for {
		end := Midnight(t).Add(s.WorkEnd)
		if left := end.Sub(t); d <= left {
			return t.Add(d)
		} else {
			d -= left
		}
		t = s.NextOpening(end)
	}
}

// QuoteDue is when a job diagnosed at t should have its quote told: the
// QuoteAfter service level in working time.
func (s SLA) QuoteDue(t time.Time) time.Time { return s.AddWork(t, s.QuoteAfter) }

// ClockDue is a promise of d on the clock (24 hours to propose a
// resolution) as it can be kept: t+d when that falls within working hours,
// else the next opening after it, since nobody works to keep it before.
func (s SLA) ClockDue(t time.Time, d time.Duration) time.Time {
	return s.NextOpening(t.Add(d))
}
