package dialog_test

import (
	"testing"

	"github.com/frontdesk/frontdesk/domain"
)

// TestEventDetailsAreWordedWhenShown: details stored as data are worded
// for staff in the desk's language, times on the desk's clock; details
// written in words before (or a person's words) are shown as stored.
func TestEventDetailsAreWordedWhenShown(t *testing.T) {
	d := sqliteDesk(t)
	for _, c := range []struct{ kind, detail, want string }{
		{"sla_warning", "timer=first_reply due=2026-03-02T02:00:00Z", "首次答复即将到期 3月2日 10:00 due soon"},
		{"sla_breach", "timer=repair due=2026-03-05T09:30:00Z", "维修完成已超时，应于 3月5日 17:30 overdue"},
		{"sla_breach", "repair due 2026-03-05 17:30", "repair due 2026-03-05 17:30"},
		{"quote_overdue", "72h0m0s", "报价未决 quote undecided for 72h0m0s"},
		{"quote_overdue", "报价未决", "报价未决"},
		{"staff_reply", "您好，工程师明天上午到", "您好，工程师明天上午到"},
	} {
		if got := d.staff.EventDetail(domain.Event{Kind: c.kind, Detail: c.detail}); got != c.want {
			t.Errorf("%s %q shown as %q, want %q", c.kind, c.detail, got, c.want)
		}
	}
}
