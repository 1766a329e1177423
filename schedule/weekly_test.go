package schedule

import (
	"testing"
	"time"
)

// TestWeeklyReportRunsMondaysAtOpening: the weekly report's schedule is
// the first Monday opening after any moment, in the desk's time zone.
func TestWeeklyReportRunsMondaysAtOpening(t *testing.T) {
	cst := time.FixedZone("CST", 8*3600)
	m := mondayOpening{loc: cst, open: 9 * time.Hour}
	for from, want := range map[string]string{
		"2026-11-30 08:59": "2026-11-30 09:00", // Monday before opening
		"2026-11-30 09:00": "2026-12-07 09:00", // at opening: the next one
		"2026-12-02 15:00": "2026-12-07 09:00",
		"2026-12-06 23:59": "2026-12-07 09:00",
	} {
		at, _ := time.ParseInLocation("2006-01-02 15:04", from, cst)
		if got := m.Next(at).In(cst).Format("2006-01-02 15:04"); got != want {
			t.Errorf("after %s: %s, want %s", from, got, want)
		}
	}
}
