package staff

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/prompts"
)

// writeReport writes the measures the trade watches over the last days:
// each service level met or breached, and the callbacks' answers.
func (s *Staff) writeReport(ctx context.Context, w io.Writer, days int) error {
	since := s.now().AddDate(0, 0, -days)
	timers, err := s.db.TimerTallies(ctx, since)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, s.Text("cli.report.levels", map[string]any{"Since": since.In(s.cfg.Location).Format("2006-01-02")}))
	byKind := map[string]map[string]int{}
	var kinds []string
	for _, t := range timers {
		if byKind[t.Kind] == nil {
			byKind[t.Kind] = map[string]int{}
			kinds = append(kinds, t.Kind)
		}
		byKind[t.Kind][t.Value] = t.N
	}
	var levels prompts.Table
	for _, k := range kinds {
		o := byKind[k]
		met, breached, unkept := o[domain.OutcomeMet], o[domain.OutcomeBreached], o[domain.OutcomeNotKept]
		// a promise not kept counts against the share like a breach; one
		// that no longer applied counts neither way
		share := "-"
		if n := met + breached + unkept; n > 0 {
			share = fmt.Sprintf("%d%%", met*100/n)
		}
		cells := strings.Split(s.Text("cli.report.level", map[string]any{"Kind": k, "Met": met, "Breached": breached,
			"NotKept": unkept, "Void": o[domain.OutcomeVoid], "Running": o[""], "Share": share}), "\t")
		cells[0] = "  " + cells[0]
		levels.Add(cells...)
	}
	if err := levels.Write(w); err != nil {
		return err
	}
	cbs, err := s.db.CallbackTallies(ctx, since)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, s.Text("cli.report.callbacks", nil))
	line := ""
	for i, t := range cbs {
		if i == 0 || cbs[i-1].Kind != t.Kind {
			if line != "" {
				fmt.Fprintln(w, line)
			}
			line = fmt.Sprintf("  %-9s", t.Kind)
		}
		line += fmt.Sprintf(" %s %d", t.Value, t.N)
	}
	if line != "" {
		fmt.Fprintln(w, line)
	}
	return nil
}

// reportDays reads report's optional number of days (30 by default).
func reportDays(args []string) (int, error) {
	if len(args) == 0 {
		return 30, nil
	}
	var d int
	if _, err := fmt.Sscan(args[0], &d); err != nil || d < 1 || d > 3660 {
		return 0, usage("report takes a number of days, like 30")
	}
	return d, nil
}
