package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

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
	client := newWebClient(t, srv.URL)
	client.send("我家海尔洗衣机XQG80脱水时漏水，去年5月买的，地址北京市朝阳区建国路88号3单元502，电话138-0013-8000，明天下午上门可以吗")
	client.send("王先生")
	client.post(`{"payload":"confirm:yes"}`)
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
