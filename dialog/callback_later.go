package dialog

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/domain"
)

var (
	laterZh = regexp.MustCompile(`(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]?`)
	laterMD = regexp.MustCompile(`^(\d{1,2})[/.-](\d{1,2})$`)
	laterEn = regexp.MustCompile(`(?i)^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?$|^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?$`)
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
		d, ok := laterDate(when, now)
		if !ok {
			return time.Time{}, false
		}
		at = d.Add(m.cfg.Promises.CallbackAt)
	}
	return sla.NextOpening(at), true
}

// laterDate reads a day without a year ("11月25日", "11/25", "25 Nov",
// "Nov 25") as the next such day after now, within 60 days.
func laterDate(s string, now time.Time) (time.Time, bool) {
	s = strings.TrimSpace(s)
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	var mo, d int
	if g := laterZh.FindStringSubmatch(s); g != nil {
		mo, d = atoi(g[1]), atoi(g[2])
	} else if g := laterMD.FindStringSubmatch(s); g != nil {
		mo, d = atoi(g[1]), atoi(g[2])
	} else if g := laterEn.FindStringSubmatch(s); g != nil {
		if g[1] != "" {
			mo, d = monthNumber(g[2]), atoi(g[1])
		} else {
			mo, d = monthNumber(g[3]), atoi(g[4])
		}
	}
	if mo < 1 || mo > 12 || d < 1 {
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
