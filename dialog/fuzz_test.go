package dialog_test

import (
	"strings"
	"testing"
	"unicode"

	"github.com/frontdesk/frontdesk/dialog"
)

// FuzzParseCommandLine: the staff grammar (command line and Slack) never
// panics, and a line it accepts has a known verb and, for a change, a
// ticket number.
func FuzzParseCommandLine(f *testing.F) {
	for _, s := range []string{`quote FD-1042 350 "更换定影组件" 3d`, `status FD-1 ready`, `list`, `diagnose FD-9 「定影器」`,
		`find 138 0013 8000`, `report 7`, `quote FD-1 1e9 "x" 99999d`, `"unclosed`, `assign FD-1 '张工'`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		c, err := dialog.ParseCommandLine(line)
		if err != nil {
			return
		}
		if c.Verb == "" {
			t.Fatalf("%q parsed with no verb", line)
		}
		switch c.Verb {
		case "show", "diagnose", "quote", "status", "assign", "close":
			if !strings.HasPrefix(c.Number, "FD-") {
				t.Fatalf("%q: %s without a ticket number: %+v", line, c.Verb, c)
			}
		}
		if c.Verb == "quote" && (c.Cents <= 0 || c.Days <= 0) {
			t.Fatalf("%q: quote of %d fen in %d days accepted", line, c.Cents, c.Days)
		}
	})
}

// FuzzFindPhone: a phone found in any text is digits with at most a
// leading +, and never panics on broken text.
func FuzzFindPhone(f *testing.F) {
	for _, s := range []string{"电话138-0013-8000", "+44 7700 900123", "０１０－６２３４５６７８", "call 13800138000 now", "138001380001234", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		p, ok := dialog.FindPhone(text)
		if !ok {
			return
		}
		for i, r := range p {
			if !(unicode.IsDigit(r) && r < 128) && !(r == '+' && i == 0) {
				t.Fatalf("FindPhone(%q) = %q", text, p)
			}
		}
	})
}
