package understand

import "time"

// dateAtDigits reads a date starting with the digits at byte i: 2024-03-05,
// 2024/3/5, 2024.3, 25/12/2024, or a number before a mark or unit.
func (w *SlotWords) dateAtDigits(s string, i int, now time.Time) (dateHit, bool) {
	n, e := digitsAt(s, i, 9)
	if e-i == 4 && e+1 < len(s) && (s[e] == '-' || s[e] == '/' || s[e] == '.') && isASCIIDigit(s[e+1]) {
		h := dateHit{start: i, y: n}
		var e2 int
		h.m, e2 = digitsAt(s, e+1, 2)
		if e2+1 < len(s) && s[e2] == s[e] && isASCIIDigit(s[e2+1]) {
			h.d, e2 = digitsAt(s, e2+1, 2)
		}
		if e2 < len(s) && (isASCIIDigit(s[e2]) || s[e2] == s[e]) || h.m == 0 {
			return dateHit{}, false
		}
		h.end = e2
		return h, h.valid(now)
	}
	if e-i <= 2 && e+1 < len(s) && s[e] == '/' { // day and month in some order, then the year
		b, e2 := digitsAt(s, e+1, 2)
		if e2 < len(s) && s[e2] == '/' {
			y, e3 := digitsAt(s, e2+1, 4)
			h := dateHit{start: i, end: e3, y: y}
			switch {
			case n > 12 && b <= 12:
				h.m, h.d = b, n
			case b > 12 && n <= 12:
				h.m, h.d = n, b
			default:
				return dateHit{end: e3}, false // 3/5/2024: March or May, ask
			}
			return h, e3-e2 == 5 && (e3 == len(s) || !isASCIIDigit(s[e3])) && h.valid(now)
		}
		return dateHit{}, false
	}
	return w.dateAfterNumber(s, i, e, n, e-i, now)
}

// digitsAt reads up to limit ASCII digits at i.
func digitsAt(s string, i, limit int) (n, end int) {
	for end = i; end < len(s) && end-i < limit && isASCIIDigit(s[end]); end++ {
		n = n*10 + int(s[end]-'0')
	}
	return n, end
}

// dateAfterNumber reads what follows the number n written from start to e
// (digits: how many digits it was written with, 0 for words): a year
// (2024年, 24年3月, 2024年底), a month (3月, 三月十五号), a length of time
// (两年, 3 months), an English day and month (5 Mar 2024) or a bare year.
func (w *SlotWords) dateAfterNumber(s string, start, e, n, digits int, now time.Time) (dateHit, bool) {
	c := &w.sets
	if n < 0 {
		return dateHit{end: e}, false
	}
	j := skipSpaces(s, e)
	if ph, e2 := c.yearParts.at(s, j); ph != nil {
		if y, ok := yearOf(n, digits, now); ok {
			h := dateHit{start: start, end: e2, y: y, m: ph.val}
			return h, h.valid(now)
		}
	}
	if mk, e2 := c.marks.at(s, j); mk != nil {
		switch mk.role {
		case uYear:
			if y, ok := yearOf(n, digits, now); ok && (digits == 4 || !w.spanAfterYear(s, start, e2)) {
				return w.inYear(s, start, e2, y, now)
			}
		case uMonth:
			if n < 1 || n > 12 || digits > 2 {
				return dateHit{end: e2}, false
			}
			h := dateHit{start: start, end: e2, y: now.Year(), m: n}
			if d, e3, ok := w.dayAfter(s, e2); ok {
				h.d, h.end = d, e3
			}
			if h.after(now) { // a month alone is the last one that has begun
				h.y--
			}
			return h, h.valid(now)
		}
	}
	if u, _ := c.units.at(s, j); u != nil {
		return w.duration(s, start, j, n, false, now)
	}
	if start >= len(s) || !isASCIIDigit(s[start]) {
		return dateHit{end: e}, false
	}
	if digits <= 2 { // 5 Mar 2024, 5th March
		k := skipSpaces(s, ordinalEnd(s, e))
		if ph, e2 := c.dateStart.at(s, k); ph != nil && ph.role == dMonthName {
			h, ok := w.monthName(s, k, e2, ph.val, now)
			if ok && h.d == 0 && n >= 1 && n <= 31 {
				h.start, h.d = start, n
				return h, h.valid(now)
			}
		}
	}
	if digits == 4 && n >= 1980 && n <= now.Year() {
		return dateHit{start: start, end: e, y: n, kind: hYear}, true
	}
	return dateHit{end: e}, false
}

// yearOf reads n as a year: four digits, or two (24年 is 2024, 98年 1998).
func yearOf(n, digits int, now time.Time) (int, bool) {
	switch digits {
	case 4:
		return n, n >= 1980
	case 2:
		y := 2000 + n
		if y > now.Year() {
			y -= 100
		}
		return y, y >= 1980
	}
	return 0, false
}

// spanAfterYear says a two-digit number before 年 is a length (用了10年,
// 10年前, 10年半) rather than a year (19年买的).
func (w *SlotWords) spanAfterYear(s string, start, e int) bool {
	c := &w.sets
	j := skipSpaces(s, e)
	if ph, _ := c.dateStart.at(s, j); ph != nil && ph.role == dHalf {
		return true
	}
	if ph, _ := c.ago.at(s, j); ph != nil {
		return true
	}
	return w.ownedBefore(s, start)
}
