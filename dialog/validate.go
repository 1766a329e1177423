package dialog

import (
	"regexp"
	"strings"
	"unicode"
)

var (
	mainlandMobile = regexp.MustCompile(`^(?:\+?86|0086)?(1[3-9]\d{9})$`)
	intlPhone      = regexp.MustCompile(`^\+[1-9]\d{6,14}$`)
	phoneInText    = regexp.MustCompile(`(?:\+|00)?\d[\d \-]{9,18}\d`)
	ticketInText   = regexp.MustCompile(`(?i)\bFD[\s\-_#]?(\d{4,9})\b`)
	// nationalPhone is a number as a country writes it at home, in digits
	// (the rules give it so: 07700900123, 91234567, 9876543210).
	nationalPhone = regexp.MustCompile(`^(?:0[1-9]|[2-9])\d{6,10}$`)
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

// nationalDigits returns the digits of text when, less spaces, dashes and
// brackets, it is one number as a country writes it at home.
func nationalDigits(text string) (string, bool) {
	d := strings.Map(func(r rune) rune {
		switch {
		case r >= '0' && r <= '9':
			return r
		case r == ' ' || r == '-' || r == '(' || r == ')' || r == '.':
			return -1
		}
		return 'x'
	}, strings.TrimSpace(text))
	return d, nationalPhone.MatchString(d)
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
