package report

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/prompts"
)

// Labeller renders a cli.measures.* label in the staff's language.
type Labeller func(key string, data map[string]any) string

// Labels returns the Labeller of texts in locale.
func Labels(texts *prompts.Catalog, locale string) Labeller {
	return func(key string, data map[string]any) string {
		s, err := texts.Render(locale, key, data)
		if err != nil {
			return key
		}
		return s
	}
}

func pct(r float64) string {
	if r < 0 {
		return "-"
	}
	return strconv.Itoa(int(r*100+0.5)) + "%"
}

func hours(xs []float64) string {
	if m := Median(xs); m >= 0 {
		return strconv.FormatFloat(m, 'f', 1, 64)
	}
	return "-"
}

// WriteText writes the measures for people, labelled by l; loc is the
// desk's time zone, in which the period's dates are shown.
func WriteText(w io.Writer, m Measures, l Labeller, loc *time.Location) error {
	day := func(t time.Time) string { return t.In(loc).Format("2006-01-02") }
	lines := []string{
		l("cli.measures.title", map[string]any{"From": day(m.From), "To": day(m.To.Add(-time.Nanosecond)), "Zone": loc.String()}),
		l("cli.measures.registered", map[string]any{"Registered": m.Registered, "Repeats": m.Repeats, "RepeatRate": pct(Rate(m.Repeats, m.Registered)),
			"BotHandled": m.BotHandled, "BotRate": pct(Rate(m.BotHandled, m.Registered))}),
		l("cli.measures.fixed", map[string]any{"Closed": m.Overall.Closed, "Fixed": m.Overall.FixedFirstTime,
			"FixedRate": pct(Rate(m.Overall.FixedFirstTime, m.Overall.Closed)), "Window": int(RepeatWindow.Hours() / 24)}),
		l("cli.measures.callbacks", map[string]any{"Asked": m.CallbacksAsked, "Answered": m.Overall.Answered, "Satisfied": m.Overall.Satisfied,
			"SatRate": pct(Rate(m.Overall.Satisfied, m.Overall.Answered))}),
		l("cli.measures.times", map[string]any{"Complaints": m.Complaints, "Complaint": hours(m.ComplaintHours),
			"FirstReply": hours(m.FirstReplyHours), "Repair": hours(m.RepairHours)}),
		"", l("cli.measures.levels", nil),
	}
	for _, s := range lines {
		if _, err := fmt.Fprintln(w, s); err != nil {
			return err
		}
	}
	var lt prompts.Table
	lt.Add(indent(strings.Split(l("cli.measures.level_columns", nil), "\t"))...)
	for _, lv := range m.Levels {
		lt.Add("  "+levelName(l, lv.Kind), itoa(lv.Met), itoa(lv.Breached), itoa(lv.NotKept), itoa(lv.Void), itoa(lv.Running), pct(lv.Share()))
	}
	if err := lt.Write(w); err != nil {
		return err
	}
	for _, part := range []struct {
		key    string
		groups []Group
	}{{"cli.measures.by_engineer", m.ByEngineer}, {"cli.measures.by_product", m.ByProduct}} {
		fmt.Fprintln(w, "\n"+l(part.key, nil))
		var gt prompts.Table
		gt.Add(indent(strings.Split(l("cli.measures.group_columns", nil), "\t"))...)
		for _, g := range part.groups {
			gt.Add("  "+g.Name, itoa(g.Registered), itoa(g.Closed), itoa(g.FixedFirstTime)+" ("+pct(Rate(g.FixedFirstTime, g.Closed))+")",
				itoa(g.Answered), itoa(g.Satisfied)+" ("+pct(Rate(g.Satisfied, g.Answered))+")")
		}
		if err := gt.Write(w); err != nil {
			return err
		}
	}
	return nil
}

// WriteCSV writes the rows behind the measures and the chart, one number a
// row: measure, group ("all", "engineer:李工", "product:打印机", "level:dispatch"),
// value. Rates are fractions (0.5), empty when nothing was there to count.
func WriteCSV(w io.Writer, m Measures) error {
	cw := csv.NewWriter(w)
	row := func(measure, group string, v float64) {
		s := ""
		if v >= 0 {
			s = strconv.FormatFloat(v, 'f', -1, 64)
		}
		_ = cw.Write([]string{measure, group, s}) // the error is the writer's, read by Flush below
	}
	n := func(measure, group string, v int) { row(measure, group, float64(v)) }
	cw.Write([]string{"measure", "group", "value"})
	cw.Write([]string{"period_from", "all", m.From.UTC().Format(time.RFC3339)})
	cw.Write([]string{"period_to", "all", m.To.UTC().Format(time.RFC3339)})
	n("registered", "all", m.Registered)
	n("repeat_repairs", "all", m.Repeats)
	row("repeat_repair_rate", "all", Rate(m.Repeats, m.Registered))
	n("bot_handled", "all", m.BotHandled)
	row("bot_handled_rate", "all", Rate(m.BotHandled, m.Registered))
	n("callbacks_asked", "all", m.CallbacksAsked)
	row("callback_response_rate", "all", Rate(m.Overall.Answered, m.CallbacksAsked))
	n("complaints", "all", m.Complaints)
	row("complaint_hours_median", "all", Median(m.ComplaintHours))
	row("first_reply_hours_median", "all", Median(m.FirstReplyHours))
	row("repair_hours_median", "all", Median(m.RepairHours))
	groups := []struct {
		prefix string
		gs     []Group
	}{{"", []Group{m.Overall}}, {"engineer:", m.ByEngineer}, {"product:", m.ByProduct}}
	for _, part := range groups {
		for _, g := range part.gs {
			name := part.prefix + g.Name
			if part.prefix != "" {
				n("registered", name, g.Registered)
			}
			n("handed_back", name, g.Closed)
			n("fixed_first_time", name, g.FixedFirstTime)
			row("first_time_fix_rate", name, Rate(g.FixedFirstTime, g.Closed))
			n("callbacks_answered", name, g.Answered)
			row("satisfaction_rate", name, Rate(g.Satisfied, g.Answered))
		}
	}
	for _, lv := range m.Levels {
		name := "level:" + lv.Kind
		n("met", name, lv.Met)
		n("breached", name, lv.Breached)
		n("not_kept", name, lv.NotKept)
		n("not_applicable", name, lv.Void)
		n("running", name, lv.Running)
		row("met_share", name, lv.Share())
	}
	cw.Flush()
	return cw.Error()
}

// ParseDay reads a date given as 2026-11-23 in loc.
func ParseDay(s string, loc *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", strings.TrimSpace(s), loc)
	if err != nil {
		return t, fmt.Errorf("%q is not a date like 2026-11-23", s)
	}
	return t, nil
}

func itoa(n int) string { return strconv.Itoa(n) }

// indent moves a table's first column in by two spaces, under its heading.
func indent(cells []string) []string {
	if len(cells) > 0 {
		cells[0] = "  " + cells[0]
	}
	return cells
}
