package understand

import (
	"time"
	"unicode/utf8"
)

// timeToken reads one time word or hour at i and says what it is. hourOK
// lets a bare number be an hour (after 5, 2 and 4).
func (w *SlotWords) timeToken(s string, i int, hourOK bool, now time.Time) (end, role int) {
	c := &w.sets
	if i >= len(s) {
		return i, 0
	}
	if isASCIIDigit(s[i]) {
		if i > 0 && edgeClass(s[i-1]) != 0 {
			return i, 0
		}
		n, e := digitsAt(s, i, 3)
		if e-i > 2 {
			return e, 0
		}
		return w.clockAt(s, i, n, e, hourOK, now)
	}
	if ph, e := c.dateStart.at(s, i); ph != nil && ph.role == dNumber && s[i] >= utf8.RuneSelf { // 两点, 十二月五号
		n, e, _ := w.numberAt(s, i, ph, e)
		if end, role := w.clockAt(s, i, n, e, false, now); role != 0 && (role != tClock || n > 1 || w.hourAfterPart(s, i, e)) {
			return end, role
		}
	}
	end = i
	if ph, e := c.time.at(s, i); ph != nil && ph.role != tClock { // pm, 点 only after an hour
		end, role = e, ph.role
	}
	if p, pe := c.timePrefix.at(s, i); p != nil { // 下周一 beats 下周, next Monday
		if d, de := c.time.at(s, skipSpaces(s, pe)); d != nil && d.role == tDay && de > end {
			end, role = de, tDay
		}
	}
	return end, role
}

// clockAt reads what follows the number n written from i to e as a time:
// 3点, 3点半, 3:30, 3pm, 12月5号 (a day ahead), 5号 (a day of the month),
// or a bare hour.
func (w *SlotWords) clockAt(s string, i, n, e int, hourOK bool, now time.Time) (end, role int) {
	c := &w.sets
	if n < 0 {
		return e, 0
	}
	colon := e+2 < len(s) && s[e] == ':' && isASCIIDigit(s[e+1]) && isASCIIDigit(s[e+2])
	j := e
	if colon {
		j = e + 3
	}
	k := skipSpaces(s, j)
	if u, ue := c.time.at(s, k); u != nil && u.role == tClock && n <= 24 {
		return ue, tClock
	}
	if colon && n <= 24 && (j == len(s) || !isASCIIDigit(s[j])) {
		return j, tClock
	}
	if mk, me := c.marks.at(s, k); mk != nil {
		switch {
		case mk.role == uMonth && n >= 1 && n <= 12:
			if d, de, ok := w.dayAfter(s, me); ok {
				// A day of the last two months is gone by (when it broke or was
				// bought); one further back is next year's (一月五号 said in November).
				day := time.Date(now.Year(), time.Month(n), d, 23, 59, 0, 0, now.Location())
				if day.Day() != d || day.Before(now) && now.Sub(day) < 61*24*time.Hour {
					return de, 0
				}
				return de, tDay
			}
		case mk.role == uDay && n >= 1 && n <= 31:
			return me, tDayNum
		}
		return e, 0
	}
	if hourOK && n <= 24 && (k == len(s) || !isASCIIDigit(s[k])) {
		if u, _ := c.units.at(s, k); u == nil && (k == len(s) || edgeClass(s[k]) == 0 || k > j) {
			return j, tHour
		}
	}
	return e, 0
}

// notAppointment says the time at s[a:b] is not a time that suits: when
// the fault began or the thing was bought (an incident or purchase word
// follows closely: 开始, 坏的, 买的; a since word stands before it; in
// English such a word comes shortly before it: it broke today), or a time
// refused (周六不行, not Tuesday).
func (w *SlotWords) notAppointment(s string, a, b int) bool {
	c := &w.sets
	k := skipSpaces(s, b)
	lim := min(len(s), k+13)
	if st := c.incidentIn(s, k, lim); st >= 0 && !hasBreak(s, k, st) {
		return true
	}
	if _, st, _ := c.purchase.findIn(s, k, lim); st >= 0 && !hasBreak(s, k, st) {
		return true
	}
	if ph, _ := c.timeRefused.at(s, k); ph != nil { // 周六不行
		return true
	}
	for _, set := range []*wordSet{c.since, c.negators} { // since Monday, 不是周二
		if ph, _ := set.before(s, backSpaces(s, a)); ph != nil {
			return true
		}
	}
	// a word between: since this morning, 从昨天晚上
	if _, st, _ := c.since.findIn(s, max(0, a-12), a); st >= 0 && !hasBreak(s, st, a) && wordBefore(s, st) {
		return true
	}
	if s[a] >= 0x80 {
		return false
	}
	cs := a
	for cs > 0 && cs > a-16 && !clauseBreakAt(s, cs-1) {
		cs--
	}
	if st := c.incidentIn(s, cs, a); st >= 0 {
		return true
	}
	if _, st, _ := c.purchase.findIn(s, cs, a); st >= 0 {
		return true
	}
	return false
}

// hourAfterPart says the 一 of 一点 at i follows a part of the day (下午一点)
// and so is an hour, not "a little" (早一点).
func (w *SlotWords) hourAfterPart(s string, i, e int) bool {
	if ph, _ := w.sets.time.before(s, i); ph != nil && ph.role == tPart {
		return true
	}
	u, _ := w.sets.time.at(s, e)
	return u != nil && u.role == tClock && len(u.w) > 3 // longer than 点 (three bytes): 一点半, 一点钟
}
