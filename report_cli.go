package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/report"
)

const reportUsage = `usage: frontdesk report [--from 2026-11-23] [--to 2026-11-30] [--csv FILE] [--png FILE]
    the trade's measures for [from, to) in the desk's time zone (the last 7 days, today
    included, by default):
    tickets and repeat repairs, first-time fix, satisfaction, service levels, complaints, times
    in working hours, by engineer and by product; --csv writes the rows behind them, --png a chart
`

// reportCommand prints the period's measures, and writes their rows and
// chart when asked.
func reportCommand(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	from := fs.String("from", "", "first day")
	to := fs.String("to", "", "day after the last")
	csvPath := fs.String("csv", "", "CSV file")
	pngPath := fs.String("png", "", "PNG file")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, reportUsage)
			return nil
		}
		return usageError{fmt.Errorf("report: %v (frontdesk report --help)", err)}
	}
	if fs.NArg() > 0 {
		if fs.Arg(0) == "help" {
			fmt.Fprint(stdout, reportUsage)
			return nil
		}
		return usageError{fmt.Errorf("report: unexpected %q (frontdesk report --help)", fs.Arg(0))}
	}
	loc := cfg.Desk.Location
	now := time.Now().In(loc)
	end := time.Date(now.Year(), now.Month(), now.Day()+1, 0, 0, 0, 0, loc) // today included
	var err error
	if *to != "" {
		if end, err = report.ParseDay(*to, loc); err != nil {
			return usageError{fmt.Errorf("--to: %w", err)}
		}
	}
	start := end.AddDate(0, 0, -7)
	if *from != "" {
		if start, err = report.ParseDay(*from, loc); err != nil {
			return usageError{fmt.Errorf("--from: %w", err)}
		}
	}
	if !start.Before(end) {
		return usageError{fmt.Errorf("report: --from %s is not before --to %s", start.Format("2006-01-02"), end.Format("2006-01-02"))}
	}
	db, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	rows, err := db.PeriodRows(ctx, start, end)
	if err != nil {
		return err
	}
	m := report.Compute(rows, start, end, cfg.Desk.SLA)
	texts, err := prompts.Load()
	if err != nil {
		return err
	}
	if err := report.WriteText(stdout, m, report.Labels(texts, cfg.Desk.DefaultLocale), loc); err != nil {
		return err
	}
	if *csvPath != "" {
		if err := writeFile(*csvPath, func(w io.Writer) error { return report.WriteCSV(w, m) }); err != nil {
			return err
		}
	}
	if *pngPath != "" {
		labels := report.Labels(texts, cfg.Desk.DefaultLocale)
		f, err := report.LoadFont(cfg.ChartFont)
		if errors.Is(err, report.ErrNoCJKFont) && cfg.ChartFont == "" {
			// English labels rather than boxes where Chinese would be
			fmt.Fprintln(stdout, labels("cli.chart.no_font", nil))
			labels = report.Labels(texts, "en")
		} else if err != nil {
			return fmt.Errorf("FRONTDESK_CHART_FONT: %w", err)
		}
		if err := writeFile(*pngPath, func(w io.Writer) error { return report.WritePNG(w, m, labels, loc, f) }); err != nil {
			return err
		}
	}
	return nil
}

// writeFile writes a file through fn, removing it when fn fails.
func writeFile(path string, fn func(io.Writer) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fn(f); err != nil {
		f.Close()
		os.Remove(path)
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}
