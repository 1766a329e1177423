package dialog

import (
	"time"

	"github.com/frontdesk/frontdesk/domain"
)

// laterTime reads a chosen time: a button's 2h, tomorrow or week, or a
// date; it falls within working hours.
func (m *Manager) laterTime(when string, now time.Time) (time.Time, bool) {
	now = now.In(m.cfg.Location)
	sla := m.cfg.SLA
	var at time.Time
	switch when {
	case "2h":
		at = now.Add(2 * time.Hour)
	case "tomorrow":
		at = sla.NextWorkdayAt(now, m.cfg.Promises.CallbackAt)
	case "week":
		at = domain.Midnight(now).AddDate(0, 0, 7).Add(m.cfg.Promises.CallbackAt)
	default:
		d, ok := m.laterDate(when, now)
		if !ok {
			return time.Time{}, false
		}
		at = d.Add(m.cfg.Promises.CallbackAt)
	}
	return sla.NextOpening(at), true
}

// laterDate reads a day without a year ("11月25日", "11/25", "25 Nov",
// "Nov 25", as the lexicon reads it) as the next such day after now,
// within 60 days.
func (m *Manager) laterDate(s string, now time.Time) (time.Time, bool) {
	mo, d, ok := m.rules.MonthDay(s)
	if !ok {
		return time.Time{}, false
	}
	for _, y := range []int{now.Year(), now.Year() + 1} {
		day := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, now.Location())
		if day.Day() != d {
			return time.Time{}, false
		}
		if day.After(domain.Midnight(now)) {
			return day, day.Sub(now) <= 60*24*time.Hour
		}
	}
	return time.Time{}, false
}
