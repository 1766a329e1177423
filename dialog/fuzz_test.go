package dialog_test

import (
	"testing"
	"unicode"

	"github.com/frontdesk/frontdesk/dialog"
)

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
