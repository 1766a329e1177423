package report

import (
	"math"
	"sort"
	"strconv"
	"time"
)

// move is one number's change between two periods, in percentage points.
type move struct {
	label    string
	before   float64
	now      float64
	distance float64
}

// Moves names the numbers that moved most since the previous period (at
// most n): the key rates and each service level's share met, each as
// "label before → now (±points)"; rates with nothing to count in either
// period are left out.
func Moves(cur, prev Measures, l Labeller, n int) []string {
	names := []string{"cli.measure.first_time_fix", "cli.measure.satisfaction", "cli.measure.repeat",
		"cli.measure.callback_response", "cli.measure.bot_handled"}
	rates := func(m Measures) []float64 {
		return []float64{Rate(m.Overall.FixedFirstTime, m.Overall.Closed), Rate(m.Overall.Satisfied, m.Overall.Answered),
			Rate(m.Repeats, m.Registered), Rate(m.Overall.Answered, m.CallbacksAsked), Rate(m.BotHandled, m.Registered)}
	}
	var ms []move
	c, p := rates(cur), rates(prev)
	for i := range names {
		if c[i] >= 0 && p[i] >= 0 {
			ms = append(ms, move{l(names[i], nil), p[i], c[i], math.Abs(c[i] - p[i])})
		}
	}
	before := map[string]float64{}
	for _, lv := range prev.Levels {
		before[lv.Kind] = lv.Share()
	}
	for _, lv := range cur.Levels {
		if b, ok := before[lv.Kind]; ok && b >= 0 && lv.Share() >= 0 {
			ms = append(ms, move{levelName(l, lv.Kind), b, lv.Share(), math.Abs(lv.Share() - b)})
		}
	}
	sort.SliceStable(ms, func(i, j int) bool { return ms[i].distance > ms[j].distance })
	var out []string
	for _, m := range ms[:min(n, len(ms))] {
		pts := int(math.Round((m.now - m.before) * 100))
		sign := "+"
		if pts < 0 {
			sign = ""
		}
		out = append(out, m.label+" "+pct(m.before)+" → "+pct(m.now)+" ("+sign+strconv.Itoa(pts)+")")
	}
	return out
}

// Comment is the message posted with the weekly chart: the period's main
// numbers and the three that moved most since the period before.
func Comment(cur, prev Measures, l Labeller, loc *time.Location) string {
	day := func(t time.Time) string { return t.In(loc).Format("2006-01-02") }
	return l("cli.weekly.comment", map[string]any{"From": day(cur.From), "To": day(cur.To.Add(-time.Nanosecond)), "Until": day(cur.To),
		"Registered": cur.Registered, "Closed": cur.Overall.Closed, "FixedRate": pct(Rate(cur.Overall.FixedFirstTime, cur.Overall.Closed)),
		"SatRate": pct(Rate(cur.Overall.Satisfied, cur.Overall.Answered)), "Moves": Moves(cur, prev, l, 3)})
}
