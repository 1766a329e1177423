package dialog_test

import (
	"context"
	"testing"
	"time"
)

// A customer who stops in the middle of a report hears from the desk once,
// after the nudge time, and carries on where they stopped.
func TestQuietReportIsNudgedOnceAndKept(t *testing.T) {
	for name, d := range allDesks(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			expect(t, d.say("quiet", "我的打印机坏了"), "ask.name")
			expect(t, d.say("quiet", "王先生"), "ask.phone")
			expect(t, d.say("done", "你好"), "greeting") // not in a report: never nudged

			d.advance(9 * time.Minute)
			if n, err := d.m.NudgeQuiet(ctx); err != nil || n != 0 {
				t.Fatalf("nudged %d before the nudge time (%v)", n, err)
			}
			d.advance(2 * time.Minute)
			if n, err := d.m.NudgeQuiet(ctx); err != nil || n != 1 {
				t.Fatalf("nudged %d after 11 quiet minutes, want 1 (%v)", n, err)
			}
			got := d.inbox.take("quiet")
			if len(got) != 1 || got[0].Key != "nudge.report" {
				t.Fatalf("nudge sent %v", keys(got))
			}
			d.advance(time.Hour)
			if n, _ := d.m.NudgeQuiet(ctx); n != 0 || len(d.inbox.take("quiet")) != 0 {
				t.Fatal("nudged twice")
			}
			if len(d.inbox.take("done")) != 0 {
				t.Fatal("a chat with no report was nudged")
			}
			// Hours later, the report goes on at the question left open.
			d.advance(5 * time.Hour)
			expect(t, d.say("quiet", "13800138000"), "ask.mode")
			d.advance(11 * time.Minute)
			if n, _ := d.m.NudgeQuiet(ctx); n != 1 {
				t.Fatal("a report that stopped again was not nudged again")
			}
		})
	}
}
