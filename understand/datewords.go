package understand

import (
	"time"
	"unicode/utf8"
)

// monthName reads a date starting with the month name at i (ending at e):
// "March 5, 2024", "Mar 2024", "March 5", "March". A month without a year
// is the last one that has begun ("in December" said in November is last
// year's), or last year's after "last". A guarded name ("may") counts only
// with a guard word before it or a number after it.
func (w *SlotWords) monthName(s string, i, e, month int, now time.Time) (dateHit, bool) {
	c := &w.sets
	g, ge := c.guarded.at(s, i)
	guarded := g != nil && ge == e
	if e < len(s) && s[e] == '.' {
		e++
	}
	h := dateHit{start: i, end: e, m: month}
	k := skipSpaces(s, e)
	if d, e2 := digitsAt(s, k, 2); e2 > k && (e2 == len(s) || !isASCIIDigit(s[e2])) {
		if d < 1 || d > 31 {
			return h, false
		}
		h.d, h.end = d, ordinalEnd(s, e2)
		k = h.end
		if k < len(s) && s[k] == ',' {
			k++
		}
		k = skipSpaces(s, k)
	}
	if y, e3 := digitsAt(s, k, 4); e3-k == 4 && (e3 == len(s) || !isASCIIDigit(s[e3])) {
		h.y, h.end = y, e3
	}
	b := backSpaces(s, i)
	last, _ := c.last.before(s, b)
	if guarded && h.d == 0 && h.y == 0 && last == nil {
		if ph, _ := c.guards.before(s, b); ph == nil {
			return dateHit{end: e}, false
		}
	}
	switch {
	case h.y != 0:
	case last != nil:
		h.y, h.start = now.Year()-1, b-len(last.w)
	default:
		h.y = now.Year()
		if h.after(now) {
			h.y--
		}
	}
	return h, h.valid(now)
}

// ordinalEnd skips an English ordinal ending (5th, 1st) at e.
func ordinalEnd(s string, e int) int {
	if e+2 > len(s) || (e+2 < len(s) && edgeClass(s[e+2]) == 'a') {
		return e
	}
	switch string([]byte{foldByte(s[e]), foldByte(s[e+1])}) {
	case "st", "nd", "rd", "th":
		return e + 2
	}
	return e
}

// dateAtWord reads a date starting with a word at byte i: a number word,
// a relative date (去年, 上个月, last week), a holiday or a month name.
func (w *SlotWords) dateAtWord(s string, i int, now time.Time) (dateHit, bool) {
	c := &w.sets
	ph, e := c.dateStart.at(s, i)
	if ph == nil {
		return dateHit{}, false
	}
	h := dateHit{start: i, end: e}
	switch ph.role {
	case dNumber:
		n, e, digits := w.numberAt(s, i, ph, e)
		return w.dateAfterNumber(s, i, e, n, digits, now)
	case dHalf:
		return w.duration(s, i, e, 0, true, now)
	case dYears:
		return w.inYear(s, i, e, now.Year()-ph.val, now)
	case dMonths:
		t := monthStart(now, -ph.val)
		h.y, h.m = t.Year(), int(t.Month())
		if d, e2, ok := w.dayAfter(s, e); ok {
			h.d, h.end = d, e2
		}
	case dWeeks:
		y, m, _ := now.AddDate(0, 0, -7*ph.val).Date()
		h.y, h.m = y, int(m)
	case dDays:
		y, m, d := now.AddDate(0, 0, -ph.val).Date()
		h.y, h.m, h.d = y, int(m), d
	case dHoliday:
		h.y, h.m, h.d = now.Year(), ph.val/100, ph.val%100
		if h.after(now) {
			h.y--
		}
	case dMonthName:
		return w.monthName(s, i, e, ph.val, now)
	}
	return h, h.valid(now)
}

// numberAt returns the value of the number word ph found at i, reading a
// run of Chinese digits whole (十一, 二〇二四); digits counts the digits of
// such a run written digit by digit (二〇二四: 4), 0 for words.
func (w *SlotWords) numberAt(s string, i int, ph *setWord, e int) (n, end, digits int) {
	if r, size := utf8.DecodeRuneInString(ph.w); size != len(ph.w) || r < utf8.RuneSelf {
		return ph.val, e, 0
	}
	var ds [6]int
	k, ten, j := 0, -1, i
	for j < len(s) && k < len(ds) {
		r, size := utf8.DecodeRuneInString(s[j:])
		v, ok := w.sets.hanDigit[r]
		if !ok || (v == 10 && ten >= 0) {
			break
		}
		if v == 10 {
			ten = k
		}
		ds[k], k, j = v, k+1, j+size
	}
	switch {
	case ten < 0:
		for x := 0; x < k; x++ {
			n = n*10 + ds[x]
		}
		return n, j, k
	case ten <= 1 && k <= ten+2: // 十, 十一, 二十, 二十三
		tens, ones := 1, 0
		if ten == 1 {
			tens = ds[0]
		}
		if k == ten+2 {
			ones = ds[ten+1]
		}
		return tens*10 + ones, j, 0
	}
	return -1, j, 0
}

// monthStart returns the first day of the month k months from now's.
func monthStart(now time.Time, k int) time.Time {
	return time.Date(now.Year(), now.Month()+time.Month(k), 1, 0, 0, 0, 0, now.Location())
}
