package dialog

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// setSlot stores a value a command sets in s, after checking it is what
// the slot must hold (the same checks whoever proposed it). It reports
// whether the value was taken.
func setSlot(s map[string]string, slot, v string, now time.Time) bool {
	switch slot {
	case "phone":
		if p, ok := ParsePhone(v); ok {
			v = p
		} else if !landline.MatchString(v) && !nationalPhone.MatchString(v) {
			// a landline with its area code (010-62345678) and a number as a
			// country writes it at home (07700900123, 91234567) are kept as written
			return false
		}
	case "salutation":
		if v == "none" {
			v = ""
		}
		if v != "" && v != "mr" && v != "ms" {
			return false
		}
	case "mode":
		if v != "on_site" && v != "carry_in" {
			return false
		}
	case "proof":
		if v != "card" && v != "invoice" && v != "none" {
			return false
		}
	case "warranty":
		if v != "in" && v != "out" {
			return false
		}
	case "purchase":
		if !validPurchase(v, now) {
			return false
		}
	case "trade":
		if !slices.Contains([]string{"tiles", "office", "appliance", "sorter", "telecom"}, v) {
			return false
		}
	case "name", "address", "product", "brand", "model", "serial", "fault", "time", "repeat":
		if strings.TrimSpace(v) == "" || utf8.RuneCountInString(v) > maxText {
			return false
		}
		if slot == "name" {
			delete(s, "salutation") // a new name asks its title again unless one came with it
			v = nameCase(v)
		}
	default:
		return false // ticket, decision and anything unknown are not report slots
	}
	s[slot] = v
	return true
}

// nameCase writes a Latin name typed all in small or all in capital
// letters the way it is written on an envelope (john smith, JOHN SMITH →
// John Smith; o'brien → O'Brien), so the desk does not echo the keyboard
// back at the customer. A name with capitals of its own (McDonald, de
// Vries) and Chinese names are kept as given.
func nameCase(name string) string {
	if name != strings.ToLower(name) && name != strings.ToUpper(name) {
		return name
	}
	if strings.ContainsFunc(name, func(r rune) bool { return r >= 0x2e80 }) {
		return name
	}
	b := []rune(strings.ToLower(name))
	start := true
	for i, r := range b {
		if start && unicode.IsLetter(r) {
			b[i] = unicode.ToUpper(r)
		}
		start = r == ' ' || r == '-' || r == '\''
	}
	return string(b)
}

// fullName says a name is given in full (张伟, 欧阳娜娜, Sarah Lee, 刘经理),
// so it can be used as it is, without asking for a title.
func fullName(name string) bool {
	if strings.ContainsRune(strings.TrimSpace(name), ' ') {
		return true
	}
	return utf8.RuneCountInString(name) >= 2 && !strings.ContainsFunc(name, func(r rune) bool { return r < 0x2e80 })
}

// productName is the product as the ticket records it, with its brand.
func productName(s map[string]string) string {
	p, b := s["product"], s["brand"]
	if b == "" || strings.Contains(strings.ToLower(p), strings.ToLower(b)) {
		return p
	}
	if p == "" {
		return b
	}
	sep := " "
	if r, _ := utf8.DecodeLastRuneInString(b); r > 0x2e80 {
		sep = ""
	}
	return b + sep + p
}

// landline is a Chinese fixed-line number with its area code.
var landline = regexp.MustCompile(`^0\d{2,3}-?\d{7,8}$`)
