package dialog

import "time"

// WorkBetween is the working time between a and b: the part of [a, b)
// that falls within working hours on working days.
func (s SLA) WorkBetween(a, b time.Time) time.Duration { return s.workBetween(a, b) }

// workBetween is WorkBetween, for the package's own rules.
func (s SLA) workBetween(a, b time.Time) time.Duration {
	var total time.Duration
	for day := midnight(a); day.Before(b); day = day.AddDate(0, 0, 1) {
		if !s.workday(day) {
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

// addWork returns the moment d of working time after t: time outside
// working hours and on days off does not count.
func (s SLA) addWork(t time.Time, d time.Duration) time.Time {
	t = s.nextOpening(t)
	for {
		end := midnight(t).Add(s.WorkEnd)
		if left := end.Sub(t); d <= left {
			return t.Add(d)
		} else {
			d -= left
		}
		t = s.nextOpening(end)
	}
}

// QuoteDue is when a job diagnosed at t should have its quote told: the
// QuoteAfter service level in working time.
func (s SLA) QuoteDue(t time.Time) time.Time { return s.addWork(t, s.QuoteAfter) }

// InHours reports whether t is within working hours, when the desk may
// start a conversation (a callback, a reminder).
func (s SLA) InHours(t time.Time) bool { return s.inHours(t) }

// NextOpening returns t within working hours, else the next opening.
func (s SLA) NextOpening(t time.Time) time.Time { return s.nextOpening(t) }

// ClockDue is a promise of d on the clock (24 hours to propose a
// resolution) as it can be kept: t+d when that falls within working hours,
// else the next opening after it, since nobody works to keep it before.
func (s SLA) ClockDue(t time.Time, d time.Duration) time.Time {
	return s.nextOpening(t.Add(d))
}
