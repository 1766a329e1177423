package main

import (
	"bytes"
	"context"
	"image/png"
	"strings"
	"testing"
	"time"
)

// TestWeeklyReportReachesSlack: on a Monday the desk posts last week's
// chart to the staff channel, as an image with its main numbers; the same
// week asked for again is not posted twice.
func TestWeeklyReportReachesSlack(t *testing.T) {
	getenv, fake := slackEnv(t)
	srv, a := startApp(t, getenv)
	reportOnWeb(t, srv.URL, getenv)
	// The Monday after this week: the week reported is this one.
	loc, _ := time.LoadLocation("Asia/Shanghai")
	now := time.Now().In(loc)
	monday := now.AddDate(0, 0, 7-(int(now.Weekday())+6)%7)
	if err := a.sched.PostWeekly(context.Background(), monday); err != nil {
		t.Fatal(err)
	}
	if err := a.sched.PostWeekly(context.Background(), monday); err != nil {
		t.Fatal(err)
	}
	uploads := fake.CallsTo("upload")
	if len(uploads) != 1 {
		t.Fatalf("%d uploads, want 1", len(uploads))
	}
	img, err := png.Decode(strings.NewReader(uploads[0].Fields["content"]))
	if err != nil || img.Bounds().Dx() != 1200 {
		t.Fatalf("the upload is not the chart: %v", err)
	}
	done := fake.CallsTo("files.completeUploadExternal")
	if len(done) != 1 || done[0].Fields["channel_id"] != staffChannel || !strings.Contains(done[0].Fields["initial_comment"], "登记 1 张") {
		t.Fatalf("completed uploads: %+v", done)
	}
}

// TestThreadTimesOnTheDesksClock: the lines staff read in a ticket's
// thread carry times on the desk's clock (FRONTDESK_TIMEZONE), like
// everything told to customers, not the server's zone.
func TestThreadTimesOnTheDesksClock(t *testing.T) {
	getenv, fake := slackEnv(t)
	srv, _ := startApp(t, getenv)
	_, number := reportOnWeb(t, srv.URL, getenv)
	var out, errs bytes.Buffer
	loc, _ := time.LoadLocation("Asia/Shanghai")
	before := time.Now().In(loc).Format("01-02 15:04")
	if err := run(context.Background(), []string{"ticket", "diagnose", number, "排水泵堵塞"}, getenv, &out, &errs); err != nil {
		t.Fatal(err)
	}
	after := time.Now().In(loc).Format("01-02 15:04")
	var card string
	for deadline := time.Now().Add(15 * time.Second); card == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		for _, c := range fake.CallsTo("chat.postMessage") {
			if c.Fields["thread_ts"] == "" && c.TS != "" && strings.Contains(c.Fields["text"]+c.Fields["blocks"], number) {
				card = c.TS
			}
		}
	}
	waitThread(t, fake, card, "diagnosed")
	for _, p := range threadPosts(fake, card) {
		if strings.Contains(p, "diagnosed") && !strings.Contains(p, "`"+before+"`") && !strings.Contains(p, "`"+after+"`") {
			t.Errorf("thread line %q is not on the desk's clock (%s)", p, before)
		}
	}
}
