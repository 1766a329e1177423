package understand

import "strings"

// MonthDay finds a day of the year written without a year in an answer
// (11月25日, 那就11月25号下午吧, 25 Nov, call me Nov 25th, November 25), read
// with the lexicon's marks and month names (date_marks, months): the first
// one. Digits alone are a date as the whole answer (11/25, 11-25, 11.25);
// within words only with a slash (call me on 11/25), since 下午2-3点, at 3.30
// and 3-4 days are a time or a range. ok is false when there is none, or its month or day is out of
// range.
func (r *Rules) MonthDay(answer string) (month, day int, ok bool) {
	s := strings.TrimSpace(strings.ToLower(Normalize(answer)))
	w := &r.lx.Words
	if n, e := digitsAt(s, 0, 2); e > 0 && e < len(s) && strings.IndexByte("/-.", s[e]) >= 0 {
		d, end := digitsAt(s, e+1, 2)
		if end > e+1 && (end == len(s) || end == len(s)-1 && s[end] == '.') && inRange(n, d) {
			return n, d, true
		}
		return 0, 0, false
	}
	for i := 0; i < len(s); i++ {
		if i > 0 && edgeClass(s[i-1]) != 0 && edgeClass(s[i-1]) == edgeClass(s[i]) {
			continue // inside a number or a word
		}
		if m, d, ok := w.monthDayAt(s, i); ok {
			return m, d, true
		}
	}
	return 0, 0, false
}

// monthDayAt reads a day of the year starting at byte i.
func (w *SlotWords) monthDayAt(s string, i int) (month, day int, ok bool) {
	if n, e := digitsAt(s, i, 2); e > i {
		if m, d, ok := w.afterMonthNumber(s, n, e); ok {
			return m, d, true
		}
		if e < len(s) && s[e] == '/' { // call me on 11/25: a slash is no time nor range
			d, end := digitsAt(s, e+1, 2)
			return n, d, end > e+1 && dayEnds(s, end) && inRange(n, d)
		}
		// 25 Nov, 25th November
		m, end := w.monthNameAt(s, skipSpaces(s, ordinalEnd(s, e)))
		return m, n, m > 0 && dayEnds(s, end) && inRange(m, n)
	}
	// Nov 25, November 25th, Nov. 25
	m, e := w.monthNameAt(s, i)
	if m == 0 {
		return 0, 0, false
	}
	if e < len(s) && s[e] == '.' {
		e++
	}
	j := skipSpaces(s, e)
	d, end := digitsAt(s, j, 2)
	return m, d, end > j && dayEnds(s, ordinalEnd(s, end)) && inRange(m, d)
}

// afterMonthNumber reads the rest of "11月25日" after the month number n,
// which ends at byte e.
func (w *SlotWords) afterMonthNumber(s string, n, e int) (month, day int, ok bool) {
	j, found := markAt(s, skipSpaces(s, e), w.DateMarks["month"])
	if !found {
		return 0, 0, false
	}
	j = skipSpaces(s, j)
	d, end := digitsAt(s, j, 2)
	if end == j || (end < len(s) && edgeClass(s[end]) == '0') {
		return 0, 0, false
	}
	return n, d, inRange(n, d)
}

// dayEnds says the date's day ends at byte e: not followed by more of a
// number (11/25/2026 is read elsewhere, or not at all) or of a word.
func dayEnds(s string, e int) bool {
	return e == len(s) || (edgeClass(s[e]) == 0 && strings.IndexByte("/-.", s[e]) < 0) ||
		(s[e] == '.' && (e+1 == len(s) || s[e+1] == ' '))
}

// monthNameAt reads the longest month name at byte i that ends a word: the
// month's number and the name's end, 0 when there is none.
func (w *SlotWords) monthNameAt(s string, i int) (month, end int) {
	for m, names := range w.Months {
		for _, name := range names {
			e := i + len(name)
			if strings.HasPrefix(s[i:], name) && e > end && (e == len(s) || edgeClass(s[e]) != 'a') {
				month, end = m, e
			}
		}
	}
	return month, end
}

// markAt returns the end of the longest of marks at byte i.
func markAt(s string, i int, marks []string) (int, bool) {
	end := -1
	for _, m := range marks {
		if strings.HasPrefix(s[i:], m) && i+len(m) > end {
			end = i + len(m)
		}
	}
	return end, end >= 0
}

// inRange says month and day could be a day of some year.
func inRange(month, day int) bool { return month >= 1 && month <= 12 && day >= 1 && day <= 31 }
