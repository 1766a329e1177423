package understand

import (
	"strings"
	"time"
)

// FindTime returns the appointment time the customer prefers, as written
// (明天下午, 周六上午, 下周一, 今天5点以后, 工作日晚上, tomorrow morning, any
// time after 5, weekday evenings), or "any" when they only say any time
// suits (随时都可以, anytime). A time that is when the fault began (今天早上
// 开始, since Monday) or when it was bought (周六买的) is not one.
func (lx *Lexicon) FindTime(text string, now time.Time) (Found, bool) {
	w := &lx.Words
	for from := 0; from < len(text); {
		a, b, anyOnly, ok := w.nextTime(text, from, now)
		if !ok {
			break
		}
		from = b
		if w.notAppointment(text, a, b) {
			continue
		}
		v := text[a:b]
		if anyOnly {
			v = "any"
		} else if day, ok := w.dayOf(v, now); ok {
			// 明天下午 (2026-12-01)
			v += " (" + day.Format(time.DateOnly) + ")"
		}
		return Found{Slot: SlotTime, Value: v, Start: a, End: b}, true
	}
	return Found{}, false
}

// ParseTime reads answer as the answer to "when would suit you": a time
// as FindTime reads it, or "any" for an answer that leaves it to us (都行,
// 随便哪天, any time, whenever).
func (lx *Lexicon) ParseTime(answer string, now time.Time) (string, bool) {
	s := strings.Trim(answer, " .!~,"+marks().stops)
	if ph, e := lx.Words.sets.anyAnswer.at(s, 0); ph != nil && lx.Words.onlyTails(s, e) {
		return "any", true
	}
	f, ok := lx.FindTime(s, now)
	return f.Value, ok
}

// nextTime returns the next run of time words at or after from: days,
// parts of the day and hours, with the words that join them (或者, to)
// and close them (以后, onwards). anyOnly says it holds only "any time".
func (w *SlotWords) nextTime(s string, from int, now time.Time) (a, b int, anyOnly, ok bool) {
	for i := from; i < len(s); i++ {
		if c := s[i]; c >= 0x80 && c < 0xC0 {
			continue
		}
		e, role := w.timeToken(s, i, false, now)
		switch role {
		case 0:
			if e > i+1 { // digits read and refused (11月5号 gone by) are not read again in part,
				for { // nor is the part of that day (11月5号上午)
					e2, r := w.timeToken(s, e, false, now)
					if r != tPart && r != tClock {
						break
					}
					e = e2
				}
				i = e - 1
			}
			continue
		case tAny, tDay, tPart, tClock, tOpener:
		case tDayNum: // 5号 counts only right before 上午 or 3点, not as 88号 of an address
			if _, r := w.timeToken(s, e, false, now); r != tPart && r != tClock {
				continue
			}
		default:
			continue
		}
		strong, anys := 0, 0
		b = i
		for j := i; ; {
			e, role := w.timeToken(s, j, false, now)
			if role == tOpener || role == tLink {
				e, role = w.timeToken(s, skipSpaces(s, e), true, now)
			}
			switch role {
			case tAny:
				anys++
				fallthrough
			case tDay, tPart, tClock, tDayNum, tHour:
				strong++
			case tCloser:
				if strong == 0 {
					role = 0
				}
			default:
				role = 0
			}
			if role == 0 {
				break
			}
			b, j = e, skipSpaces(s, e)
		}
		if strong > 0 {
			return i, b, anys == strong, true
		}
	}
	return 0, 0, false, false
}
