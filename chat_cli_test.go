package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestStaffAnswerWithoutSlack: on the zero-setup default, with no Slack, a
// customer who asks for a person is answered from the command line: the
// chat is listed as waiting, staff reply (the customer sees who joined and
// the words), the customer's next message reaches staff and not the bot,
// and releasing hands the chat back with a word to the customer.
func TestStaffAnswerWithoutSlack(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"DATABASE_URL": "sqlite:" + filepath.Join(dir, "frontdesk.db"), "FRONTDESK_ADDR": "127.0.0.1:0",
		"FRONTDESK_STAFF": "李工"}
	getenv := func(k string) string { return env[k] }
	srv, _ := startApp(t, getenv)
	client := newWebClient(t, srv.URL)
	client.send("转人工")
	chat := "webchat:" + client.session
	staff := func(args ...string) string {
		t.Helper()
		var out, errs bytes.Buffer
		if err := run(context.Background(), append([]string{"chat"}, args...), getenv, &out, &errs); err != nil {
			t.Fatalf("frontdesk chat %v: %v", args, err)
		}
		return out.String()
	}
	if out := staff("list"); !strings.Contains(out, chat) || !strings.Contains(out, "等待人工") {
		t.Fatalf("list:\n%s", out)
	}
	staff("reply", chat, "您好，我是李工，请问打印机是什么问题？")
	wait := func(want string) []string {
		t.Helper()
		var h []string
		for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
			h = history(t, srv.URL, client.session)
			if strings.Contains(strings.Join(h, "\n"), want) {
				return h
			}
		}
		t.Fatalf("the customer never saw %q:\n%s", want, strings.Join(h, "\n"))
		return nil
	}
	wait("我是李工，接下来由我为您服务")
	wait("请问打印机是什么问题？")
	before := len(history(t, srv.URL, client.session))
	client.send("一直卡纸，型号M1136")
	if h := history(t, srv.URL, client.session); len(h) != before+1 {
		t.Errorf("the bot answered a chat a person holds: %q", h[before:])
	}
	if out := staff("list"); !strings.Contains(out, "cli:李工 正在接待") {
		t.Errorf("list while held:\n%s", out)
	}
	if out := staff("show", chat); !strings.Contains(out, "一直卡纸，型号M1136") {
		t.Errorf("show lacks the customer's words:\n%s", out)
	}
	staff("release", chat)
	wait("智能助手继续为您服务")
	if out := staff("list"); strings.Contains(out, chat) {
		t.Errorf("a released chat is still listed:\n%s", out)
	}
	// Without a running server there is nothing to reach.
	var out, errs bytes.Buffer
	err := run(context.Background(), []string{"chat", "list"}, func(k string) string {
		if k == "DATABASE_URL" {
			return "sqlite:" + filepath.Join(t.TempDir(), "frontdesk.db")
		}
		return ""
	}, &out, &errs)
	if err == nil || !strings.Contains(err.Error(), "no running server") {
		t.Errorf("chat list with no server: %v", err)
	}
}
