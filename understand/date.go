package understand

import (
	"strconv"
	"time"
)

// dateHit is a date read from a text: where it stands, its calendar value
// (m 0: only the year is known; d 0: only the month) and its kind.
type dateHit struct {
	start, end int
	y, m, d    int
	kind       int
}

// Kinds of date: a date proper (2024-03, 去年5月, two years ago), a length
// of time without "ago" (两年, two years: a date only after 用了, had it
// for), and a bare year (2023: a date only after "in" or as an answer).
const (
	hDate = iota
	hSpan
	hYear
)

// value formats the hit as YYYY, YYYY-MM or YYYY-MM-DD.
func (h dateHit) value() string {
	b := make([]byte, 0, 10)
	b = strconv.AppendInt(b, int64(h.y), 10)
	for _, n := range []int{h.m, h.d} {
		if n == 0 {
			break
		}
		b = append(b, '-', byte('0'+n/10), byte('0'+n%10))
	}
	return string(b)
}

// after reports whether the hit lies after now, at its own precision.
func (h dateHit) after(now time.Time) bool {
	switch y, m, d := now.Date(); {
	case h.y != y:
		return h.y > y
	case h.m == 0 || h.m != int(m):
		return h.m > int(m)
	default:
		return h.d > d
	}
}

// valid reports whether the hit is a real past date: a month and day that
// exist (2024-02-30 does not), not before 1980, not after now.
func (h dateHit) valid(now time.Time) bool {
	if h.y < 1980 || h.m < 0 || h.m > 12 || h.d < 0 || (h.m == 0 && h.d != 0) {
		return false
	}
	if h.d > 0 && time.Date(h.y, time.Month(h.m), h.d, 0, 0, 0, 0, time.UTC).Day() != h.d {
		return false
	}
	return !h.after(now)
}

// nextDate returns the first date in s at or after byte from.
func (w *SlotWords) nextDate(s string, from int, now time.Time) (dateHit, bool) {
	for i := from; i < len(s); i++ {
		b := s[i]
		if isASCIIDigit(b) {
			if i == 0 || edgeClass(s[i-1]) == 0 { // not inside a code (KFR35) or a longer number
				h, ok := w.dateAtDigits(s, i, now)
				if ok {
					return h, true
				}
				if h.end > i+1 { // what was read and refused is not read again in part
					i = h.end - 1
					continue
				}
			}
			for i+1 < len(s) && isASCIIDigit(s[i+1]) {
				i++
			}
			continue
		}
		if b >= 0x80 && b < 0xC0 {
			continue
		}
		h, ok := w.dateAtWord(s, i, now)
		if ok {
			return h, true
		}
		if h.end > i+1 {
			i = h.end - 1
		}
	}
	return dateHit{}, false
}
