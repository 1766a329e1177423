package understand

import "time"

// inYear reads what may follow year y at e: a part of the year (年底), a
// holiday (双十一), a month and day (5月, 3月15号).
func (w *SlotWords) inYear(s string, start, e, y int, now time.Time) (dateHit, bool) {
	c := &w.sets
	h := dateHit{start: start, end: e, y: y}
	j := skipSpaces(s, e)
	if ph, e2 := c.yearParts.at(s, j); ph != nil {
		h.m, h.end = ph.val, e2
	} else if ph, e2 := c.dateStart.at(s, j); ph != nil && ph.role == dHoliday {
		h.m, h.d, h.end = ph.val/100, ph.val%100, e2
	} else if m, e2, ok := w.markedAfter(s, j, uMonth); ok && m >= 1 && m <= 12 {
		h.m, h.end = m, e2
		if d, e3, ok := w.dayAfter(s, e2); ok {
			h.d, h.end = d, e3
		}
	}
	return h, h.valid(now)
}

// dayAfter reads a day of the month at j (15号, 十五日).
func (w *SlotWords) dayAfter(s string, j int) (d, end int, ok bool) {
	d, end, ok = w.markedAfter(s, j, uDay)
	return d, end, ok && d >= 1 && d <= 31
}

// markedAfter reads a number at j followed by a date mark of role.
func (w *SlotWords) markedAfter(s string, j, role int) (n, end int, ok bool) {
	c := &w.sets
	j = skipSpaces(s, j)
	var e int
	if n, e = digitsAt(s, j, 2); e == j {
		ph, e2 := c.dateStart.at(s, j)
		if ph == nil || ph.role != dNumber {
			return 0, j, false
		}
		n, e, _ = w.numberAt(s, j, ph, e2)
	} else if e < len(s) && isASCIIDigit(s[e]) {
		return 0, j, false
	}
	mk, e2 := c.marks.at(s, skipSpaces(s, e))
	if mk == nil || mk.role != role {
		return 0, j, false
	}
	return n, e2, true
}

// duration reads a length of time whose unit is at j (两年, 3个月, two
// weeks, 半年, 一年半) and the "ago" after it, as a date back from now:
// to the month, or to the day for days.
func (w *SlotWords) duration(s string, start, j, n int, half bool, now time.Time) (dateHit, bool) {
	c := &w.sets
	j = skipSpaces(s, j)
	u, e := c.units.at(s, j)
	if u == nil || n < 0 {
		return dateHit{end: j}, false
	}
	if ph, e2 := c.dateStart.at(s, e); ph != nil && ph.role == dHalf && !half {
		half, e = true, e2
	}
	var months, days int
	switch u.role {
	case uYear:
		months = 12 * n
		if half {
			months += 6
		}
	case uMonth:
		months = n
		if half {
			days = 15
		}
	case uWeek:
		days = 7 * n
		if half {
			days += 3
		}
	case uDay:
		days = n
	}
	h := dateHit{start: start, end: e, kind: hSpan}
	if (months == 0 && days == 0) || months > 12*40 || days > 400 {
		return h, false
	}
	t := monthStart(now, -months)
	if days > 0 {
		day := now.Day()
		if months > 0 {
			day = min(day, 28) // so that the months back do not overflow into the next
		}
		t = time.Date(now.Year(), now.Month()-time.Month(months), day, 0, 0, 0, 0, now.Location()).AddDate(0, 0, -days)
	}
	y, m, d := t.Date()
	h.y, h.m = y, int(m)
	if u.role == uDay {
		h.d = d
	}
	if ph, e2 := c.ago.at(s, skipSpaces(s, e)); ph != nil {
		h.kind, h.end = hDate, e2
	}
	return h, h.valid(now)
}
