package understand

import (
	"strconv"
	"strings"
	"time"
)

// weekdays are the DaysAhead keys of the days of the week.
var weekdays = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday,
	"wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

// dayOf dates a preferred time said relative to today (明天下午, 下周三,
// Wednesday morning), so that whoever reads the ticket later knows which
// day was meant. It reads the longest day word of v; a weekday is the next
// one to come (today's weekday means a week on), or next week's after a
// NextWeek word.
func (w *SlotWords) dayOf(v string, now time.Time) (time.Time, bool) {
	low := strings.ToLower(v)
	key, at, size := "", -1, 0
	for k, ws := range w.DaysAhead {
		for _, word := range ws {
			i := wordIndex(low, word)
			if i >= 0 && len(word) > size {
				key, at, size = k, i, len(word)
			}
		}
	}
	if at < 0 {
		return time.Time{}, false
	}
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	if n, err := strconv.Atoi(key); err == nil {
		return today.AddDate(0, 0, n), true
	}
	wd, ok := weekdays[key]
	if !ok {
		return time.Time{}, false
	}
	before := strings.TrimSpace(low[:at])
	for _, nw := range w.NextWeek {
		if strings.HasSuffix(before, nw) {
			// next week's: the Monday after this week, then the day
			monday := today.AddDate(0, 0, 7-(int(today.Weekday())+6)%7)
			return monday.AddDate(0, 0, (int(wd)+6)%7), true
		}
	}
	ahead := (int(wd) - int(today.Weekday()) + 7) % 7
	if ahead == 0 {
		ahead = 7
	}
	return today.AddDate(0, 0, ahead), true
}
