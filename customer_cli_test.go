package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/storage"
)

// TestCustomerExportThenErase: a customer who reported a fault and
// complained asks to see their data, then to have it erased. The export
// holds their name, phone, address, words and transcript; after the erase
// an export by phone or by chat holds nothing personal, the ticket still
// counts (anonymous) in the measures, the erasure is recorded with who did
// it, and erasing again is harmless.
func TestCustomerExportThenErase(t *testing.T) {
	getenv := testEnv(t)
	srv, _ := startApp(t, getenv)
	client, _ := reportOnWeb(t, srv.URL, getenv)
	client.send("投诉：上次师傅迟到了两个小时，电话也不接")
	run1 := func(args ...string) string {
		t.Helper()
		var out, errs bytes.Buffer
		if err := run(context.Background(), append([]string{"customer"}, args...), getenv, &out, &errs); err != nil {
			t.Fatalf("frontdesk customer %v: %v", args, err)
		}
		return out.String()
	}
	personal := []string{"13800138000", "建国路88号", "脱水时漏水", "迟到了两个小时", "王"}
	before := run1("export", "138 0013 8000")
	for _, p := range personal {
		if !strings.Contains(before, p) {
			t.Errorf("the export lacks %q", p)
		}
	}
	if !strings.Contains(before, `"transcript"`) || !strings.Contains(before, "FD-") {
		t.Errorf("the export lacks the transcript or the ticket:\n%.600s", before)
	}

	if out := run1("erase", "13800138000"); !strings.Contains(out, "erased") {
		t.Fatalf("erase said %q", out)
	}
	for _, args := range [][]string{{"export", "13800138000"}, {"export", "webchat:" + client.session}} {
		after := run1(args...)
		for _, p := range append(personal, client.session) {
			if p == client.session && args[1] != "webchat:"+client.session {
				continue
			}
			if strings.Contains(strings.ReplaceAll(after, `"subject": "webchat:`+client.session+`"`, ""), p) {
				t.Errorf("after the erase, export %v still holds %q:\n%s", args, p, after)
			}
		}
	}
	if out := run1("erase", "13800138000"); !strings.Contains(out, "nothing held") {
		t.Errorf("a second erase said %q", out)
	}

	db, err := storage.Open(context.Background(), getenv("DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	m, err := db.Measures(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Tickets) != 1 || m.Tickets[0].N != 1 {
		t.Errorf("the erased ticket no longer counts: %+v", m.Tickets)
	}
	recs, err := db.Erasures(context.Background())
	if err != nil || len(recs) != 1 || !strings.HasPrefix(recs[0].Actor, "staff:") || recs[0].Subject != "phone ****8000" {
		t.Errorf("erasures recorded: %+v, %v", recs, err)
	}
}

// TestEraseRedactsSlack: with the Slack staff desk on, erasing a customer
// also replaces the desk's messages about them in the staff channel.
func TestEraseRedactsSlack(t *testing.T) {
	getenv, fake := slackEnv(t)
	srv, _ := startApp(t, getenv)
	reportOnWeb(t, srv.URL, getenv)
	// The ticket's card reaches the staff channel.
	var card string
	for deadline := time.Now().Add(15 * time.Second); card == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		for _, c := range fake.CallsTo("chat.postMessage") {
			if c.Fields["thread_ts"] == "" && c.TS != "" && strings.Contains(c.Fields["text"]+c.Fields["blocks"], "FD-") {
				card = c.TS
			}
		}
	}
	if card == "" {
		t.Fatal("no ticket card in the staff channel")
	}
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"customer", "erase", "13800138000"}, getenv, &out, &errs); err != nil {
		t.Fatal(err)
	}
	var redacted bool
	for _, c := range fake.CallsTo("chat.update") {
		if c.Fields["ts"] == card && strings.Contains(c.Fields["text"], "已按客户要求删除") {
			redacted = true
		}
	}
	if !redacted || !strings.Contains(out.String(), "Slack message(s) redacted") {
		t.Errorf("the card %s was not redacted; erase said %q", card, out.String())
	}
}
