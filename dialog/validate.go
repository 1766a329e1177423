package dialog

import (
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode"
)

var (
	mainlandMobile = regexp.MustCompile(`^(?:\+?86|0086)?(1[3-9]\d{9})$`)
	intlPhone      = regexp.MustCompile(`^\+[1-9]\d{6,14}$`)
	phoneInText    = regexp.MustCompile(`(?:\+|00)?\d[\d \-]{9,18}\d`)
	ticketInText   = regexp.MustCompile(`(?i)\bFD[\s\-_#]?(\d{4,9})\b`)
)

// ParsePhone accepts a mainland mobile number (1[3-9] and nine more digits,
// with or without +86) or an international number in + form, tolerating
// spaces, dashes and brackets. It returns the number normalised: 11 digits
// for the mainland, +digits otherwise.
func ParsePhone(s string) (string, bool) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '\u00a0':
			return -1
		case r >= '０' && r <= '９': // full-width digits typed on Chinese keyboards
			return '0' + (r - '０')
		case r == '＋':
			return '+'
		}
		return r
	}, strings.TrimSpace(s))
	if m := mainlandMobile.FindStringSubmatch(s); m != nil {
		return m[1], true
	}
	if strings.HasPrefix(s, "00") {
		s = "+" + s[2:]
	}
	if intlPhone.MatchString(s) {
		return s, true
	}
	return "", false
}

// FindPhone returns the first valid phone number written anywhere in text.
func FindPhone(text string) (string, bool) {
	for _, c := range phoneInText.FindAllString(text, -1) {
		if p, ok := ParsePhone(c); ok {
			return p, true
		}
	}
	return ParsePhone(text)
}

// FindTicketNumber returns the ticket number in text, normalised to FD-1042,
// accepting the ways people type it back (fd1042, FD 1042, FD-1042).
func FindTicketNumber(text string) (string, bool) {
	m := ticketInText.FindStringSubmatch(text)
	if m == nil {
		return "", false
	}
	return "FD-" + m[1], true
}

var (
	isoDate   = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})(?:[-/.](\d{1,2}))?$`)
	zhDate    = regexp.MustCompile(`^(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*[日号])?$`)
	enDayMon  = regexp.MustCompile(`(?i)^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$`)
	enMonDay  = regexp.MustCompile(`(?i)^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$`)
	enMonYear = regexp.MustCompile(`(?i)^([a-z]+)\.?,?\s+(\d{4})$`)
)

var months = map[string]int{"jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
	"jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12}

func monthNumber(s string) int {
	s = strings.ToLower(s)
	if len(s) > 3 && s != "sept" {
		s = s[:3]
	}
	return months[s]
}

// ParseDate reads a purchase date in the forms people type (2024-03-05,
// 2024/3/5, 2024年3月5日, 2024年3月, March 5, 2024, 5 Mar 2024, Mar 2024) and
// returns it as 2024-03-05, or 2024-03 when only the month is known. Dates
// after now, impossible dates and vague ones (去年三月) are refused, so the
// question is asked again.
func ParseDate(s string, now time.Time) (string, bool) {
	s = strings.TrimSpace(s)
	var y, m, d int
	atoi := func(x string) int { n, _ := strconv.Atoi(x); return n }
	if g := isoDate.FindStringSubmatch(s); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := zhDate.FindStringSubmatch(s); g != nil {
		y, m, d = atoi(g[1]), atoi(g[2]), atoi(g[3])
	} else if g := enDayMon.FindStringSubmatch(s); g != nil {
		y, m, d = atoi(g[3]), monthNumber(g[2]), atoi(g[1])
	} else if g := enMonDay.FindStringSubmatch(s); g != nil {
		y, m, d = atoi(g[3]), monthNumber(g[1]), atoi(g[2])
	} else if g := enMonYear.FindStringSubmatch(s); g != nil {
		y, m = atoi(g[2]), monthNumber(g[1])
	} else {
		return "", false
	}
	if y < 1980 || m < 1 || m > 12 {
		return "", false
	}
	if d == 0 {
		if time.Date(y, time.Month(m), 1, 0, 0, 0, 0, now.Location()).After(now) {
			return "", false
		}
		return time.Date(y, time.Month(m), 1, 0, 0, 0, 0, time.UTC).Format("2006-01"), true
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, now.Location())
	if t.Day() != d || t.After(now) { // 2024-02-30 rolls over; refuse it
		return "", false
	}
	return t.Format("2006-01-02"), true
}

// cleanText removes control characters (keeping line breaks), trims the
// text and cuts it to max runes.
func cleanText(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		if r == '\n' {
			return r
		}
		if r == '\t' {
			return ' '
		}
		if unicode.IsControl(r) || r == '\u200b' || r == '\ufeff' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > max {
		s = string(r[:max])
	}
	return s
}
