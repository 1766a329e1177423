package main

import (
	"bytes"
	"context"
	"errors"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/report"
	"github.com/frontdesk/frontdesk/storage"
)

// imagePoster posts an image with a message to the staff (Slack).
type imagePoster interface {
	PostImage(ctx context.Context, png []byte, filename, title, comment string) error
}

// weeklyReport returns the job that posts [from, to)'s chart and its
// main numbers, with the three that moved most since the week before, to
// the staff channel.
func weeklyReport(db *storage.DB, texts *prompts.Catalog, desk dialog.Config, chartFont string, poster imagePoster) func(context.Context, time.Time, time.Time) (func() error, error) {
	return func(ctx context.Context, from, to time.Time) (func() error, error) {
		cur, err := db.PeriodRows(ctx, from, to)
		if err != nil {
			return nil, err
		}
		prevFrom := from.AddDate(0, 0, -7)
		prev, err := db.PeriodRows(ctx, prevFrom, from)
		if err != nil {
			return nil, err
		}
		m := report.Compute(cur, from, to, desk.SLA)
		pm := report.Compute(prev, prevFrom, from, desk.SLA)
		labels := report.Labels(texts, desk.DefaultLocale)
		f, err := report.LoadFont(chartFont)
		if errors.Is(err, report.ErrNoCJKFont) && chartFont == "" {
			labels = report.Labels(texts, "en") // English rather than boxes
		} else if err != nil {
			return nil, err
		}
		var png bytes.Buffer
		if err := report.WritePNG(&png, m, labels, desk.Location, f); err != nil {
			return nil, err
		}
		comment := report.Comment(m, pm, labels, desk.Location)
		name := "frontdesk-" + from.In(desk.Location).Format("2006-01-02") + ".png"
		return func() error { return poster.PostImage(ctx, png.Bytes(), name, name, comment) }, nil
	}
}
