package main

import (
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestZeroSetupRestartKeepsTheConversation: on the zero-setup default
// (SQLite, in-process Redis) a customer half-way through a report, whose
// server is stopped and started again, finds the page's history where it
// was and goes on from the question they were asked.
func TestZeroSetupRestartKeepsTheConversation(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DATABASE_URL": "sqlite:" + filepath.Join(dir, "frontdesk.db"), "FRONTDESK_ADDR": "127.0.0.1:0"}
	getenv := func(k string) string { return env[k] }

	srv, a := startApp(t, getenv)
	client := newWebClient(t, srv.URL)
	client.send("我家的激光打印机一直卡纸，麻烦安排维修")
	client.send("王先生")
	before := history(t, srv.URL, client.session)
	if len(before) < 4 || !strings.Contains(before[len(before)-1], "手机") {
		t.Fatalf("before the restart the desk should ask for the phone: %q", before)
	}
	// Stop the whole server, stores included, as a restart would.
	srv.Close()
	a.close()
	a.close = func() {}

	srv2, _ := startApp(t, getenv)
	client.url = srv2.URL
	after := history(t, srv2.URL, client.session)
	if len(after) != len(before) {
		t.Fatalf("after the restart the page shows %d entries, before %d:\n%q", len(after), len(before), after)
	}
	client.send("13800138000")
	now := history(t, srv2.URL, client.session)
	if last := now[len(now)-1]; strings.Contains(last, "手机") || strings.Contains(last, "贵姓") {
		t.Fatalf("after the restart the report started over: %q", last)
	}
}

// history is the web chat's transcript for session, as texts.
func history(t *testing.T, url, session string) []string {
	t.Helper()
	req, _ := http.NewRequest("GET", url+"/chat/history", nil)
	req.AddCookie(&http.Cookie{Name: "fd_session", Value: session})
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	raw, _ := io.ReadAll(res.Body)
	var entries []struct{ Text string }
	if err := json.Unmarshal(raw, &entries); err != nil {
		t.Fatalf("history %d: %s", res.StatusCode, raw)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Text)
	}
	return out
}
