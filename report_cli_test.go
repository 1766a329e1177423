package main

import (
	"bytes"
	"context"
	"errors"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestReportCommand: after one job is reported, repaired and handed back,
// `frontdesk report` prints the week's measures, writes the CSV rows behind
// them and a PNG chart.
func TestReportCommand(t *testing.T) {
	getenv := testEnv(t)
	srv, _ := startApp(t, getenv)
	_, number := reportOnWeb(t, srv.URL, getenv)
	cmd := func(args ...string) string {
		t.Helper()
		var out, errs bytes.Buffer
		if err := run(context.Background(), args, getenv, &out, &errs); err != nil {
			t.Fatalf("frontdesk %v: %v", args, err)
		}
		return out.String()
	}
	cmd("ticket", "assign", number, "李工")
	for _, st := range []string{"approved", "repairing", "ready", "closed"} {
		cmd("ticket", "status", number, st)
	}
	dir := t.TempDir()
	csvPath, pngPath := filepath.Join(dir, "week.csv"), filepath.Join(dir, "week.png")
	loc, _ := time.LoadLocation("Asia/Shanghai")
	today := time.Now().In(loc)
	from, to := today.AddDate(0, 0, -6).Format("2006-01-02"), today.AddDate(0, 0, 1).Format("2006-01-02")
	out := cmd("report", "--from", from, "--to", to, "--csv", csvPath, "--png", pngPath)
	for _, want := range []string{"登记工单 1 张", "交还客户 1 单，一次服务到位 1 单（100%", "李工", "洗衣机"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	rows, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"registered,all,1", "handed_back,all,1", "first_time_fix_rate,engineer:李工,1"} {
		if !strings.Contains(string(rows), want) {
			t.Errorf("CSV lacks %q:\n%s", want, rows)
		}
	}
	f, err := os.Open(pngPath)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil || img.Bounds().Dx() != 1200 {
		t.Fatalf("PNG: %v %v", img, err)
	}
	var ue usageError
	var b1, b2 bytes.Buffer
	if err := run(context.Background(), []string{"report", "--from", "2026-13-01"}, getenv, &b1, &b2); !errors.As(err, &ue) {
		t.Errorf("a bad date: %v", err)
	}
}
