package domain_test

import (
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/domain"
)

// shanghai is the desk's usual zone, as a fixed offset.
var shanghai = time.FixedZone("CST", 8*3600)

func TestServiceLevelCalendar(t *testing.T) {
	at := func(s string) time.Time {
		v, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	sla := domain.DefaultSLA()
	sla.Holidays = map[string]bool{"2026-10-05": true}
	sla.Extra = map[string]bool{"2026-10-10": true} // a Saturday worked in exchange (调休)
	cases := []struct {
		name, got, want string
	}{
		{"morning report: +4h", sla.FirstReplyDue(at("2026-03-02 10:00")).Format("01-02 15:04"), "03-02 14:00"},
		{"after 16:00: 10:00 next working day", sla.FirstReplyDue(at("2026-03-02 16:30")).Format("01-02 15:04"), "03-03 10:00"},
		{"before opening: 10:00 the same day", sla.FirstReplyDue(at("2026-03-03 07:10")).Format("01-02 15:04"), "03-03 10:00"},
		{"Friday evening: Monday 10:00", sla.FirstReplyDue(at("2026-03-06 17:00")).Format("01-02 15:04"), "03-09 10:00"},
		{"weekend: Monday 10:00", sla.FirstReplyDue(at("2026-03-07 11:00")).Format("01-02 15:04"), "03-09 10:00"},
		{"Friday before a holiday Monday: Tuesday", sla.FirstReplyDue(at("2026-10-02 17:00")).Format("01-02 15:04"), "10-06 10:00"},
		{"repair: 3 working days over a weekend", sla.RepairDue(at("2026-03-05 11:00"), 0).Format("01-02 15:04"), "03-10 11:00"},
		{"repair: the quote's days", sla.RepairDue(at("2026-03-02 11:00"), 1).Format("01-02 15:04"), "03-03 11:00"},
		{"repair: a worked Saturday counts", sla.RepairDue(at("2026-10-08 11:00"), 2).Format("01-02 15:04"), "10-10 11:00"},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("%s: got %s, want %s", c.name, c.got, c.want)
		}
	}
}
