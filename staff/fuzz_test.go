package staff_test

import (
	"strings"
	"testing"

	"github.com/frontdesk/frontdesk/staff"
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
		c, err := staff.ParseCommandLine(line)
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
