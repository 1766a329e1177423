package main

import (
	"bytes"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/frontdesk/frontdesk/bots/slack/slacktest"
)

// The fuzz targets post whatever the fuzzer makes to each endpoint that
// decodes outside input, on a whole running desk: the answer is 2xx or
// 4xx (a malformed request is the sender's fault, never the desk's 5xx), and
// nothing panics. Seeds are real payloads; CI runs each for a few seconds
// (.ci/run), a failing input lands in testdata/fuzz/ to be kept.

// FuzzWebChatSend: POST /chat/send with any body.
func FuzzWebChatSend(f *testing.F) {
	for _, s := range []string{`{"text":"我家打印机卡纸了"}`, `{"payload":"menu:report"}`, `{"text":"FD-1001"}`,
		`{"text":"","payload":""}`, `{"text":"\u0000\ud800"}`, `[1,2]`, `{"text":1}`, `{"payload":"quote:accept:FD-1"}`,
		`{"payload":"` + strings.Repeat("x", 300) + `"}`} {
		f.Add([]byte(s))
	}
	srv, _ := startApp(f, testEnv(f))
	res, err := http.Get(srv.URL + "/")
	if err != nil {
		f.Fatal(err)
	}
	res.Body.Close()
	cookie := res.Cookies()[0]
	f.Fuzz(func(t *testing.T, body []byte) {
		req, _ := http.NewRequest("POST", srv.URL+"/chat/send", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.AddCookie(cookie)
		never5xx(t, req, body)
	})
}

// FuzzTelegramWebhook: POST /telegram/webhook, with the right secret, any
// body.
func FuzzTelegramWebhook(f *testing.F) {
	for _, s := range []string{
		`{"update_id":1,"message":{"message_id":1,"date":1700000000,"chat":{"id":42,"type":"private"},"from":{"id":42,"is_bot":false,"first_name":"Wang","language_code":"zh-hans"},"text":"打印机坏了"}}`,
		`{"update_id":2,"callback_query":{"id":"9","from":{"id":42,"is_bot":false,"first_name":"W"},"message":{"message_id":3,"date":1700000000,"chat":{"id":42,"type":"private"}},"data":"menu:report"}}`,
		`{"update_id":3,"edited_message":{"message_id":1,"date":1700000000,"edit_date":1700000001,"chat":{"id":42,"type":"private"},"text":"改"}}`,
		`{"update_id":4,"message":{"message_id":5,"date":1700000000,"chat":{"id":-100,"type":"group"},"text":"hi"}}`,
		`{"update_id":5,"message":{"message_id":6,"date":1700000000,"chat":{"id":42,"type":"private"},"contact":{"phone_number":"+86 138 0013 8000","first_name":"W","user_id":42}}}`,
		`{"update_id":6,"message":{"message_id":7,"date":1700000000,"chat":{"id":42,"type":"private"},"photo":[{"file_id":"a","file_unique_id":"b","width":1,"height":1,"file_size":10}]}}`,
		`{"update_id":0}`, `{}`, `null`, `{"update_id":"x"}`,
	} {
		f.Add([]byte(s))
	}
	getenv, _ := tgEnv(f)
	srv, _ := startApp(f, getenv)
	f.Fuzz(func(t *testing.T, body []byte) {
		req, _ := http.NewRequest("POST", srv.URL+"/telegram/webhook", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", tgSecret)
		never5xx(t, req, body)
	})
}

// FuzzSlackRequests: the Events API, interactivity and slash commands,
// correctly signed around any body (so the parsers behind the signature
// check are reached), and the same body unsigned, which must be 401.
func FuzzSlackRequests(f *testing.F) {
	seeds := [][]byte{
		slacktest.URLVerification("abc"),
		slacktest.MessageEvent("Ev1", staffChannel, "U0STAFF1", "hello", "1700000000.000100", "1700000000.000001"),
		slacktest.BlockAction("U0STAFF1", staffChannel, "1700000000.000001", "take", "webchat:x"),
		slacktest.SlashCommand("U0STAFF1", staffChannel, "status FD-1001 repairing"),
		slacktest.ViewSubmission("U0STAFF1", "quote", "FD-1001", map[string]map[string]string{"amount": {"amount": "350"}}),
		[]byte(`payload=%7B%22type%22%3A%22block_actions%22%7D`), []byte(`{"type":"event_callback","event":{}}`),
	}
	for i, s := range seeds {
		f.Add(uint8(i%3), s)
	}
	base, _ := slackEnv(f)
	// Slack's own pace (one message a second) would queue the desk's
	// answers to thousands of inputs past the fuzzer's patience.
	getenv := func(k string) string {
		if k == "SLACK_POST_RATE" {
			return "10000"
		}
		return base(k)
	}
	srv, _ := startApp(f, getenv)
	paths := []string{"/slack/events", "/slack/interactions", "/slack/commands"}
	types := []string{slacktest.ContentTypeJSON, slacktest.ContentTypeForm, slacktest.ContentTypeForm}
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		i := int(which) % len(paths)
		res := slacktest.Post(t, srv.URL+paths[i], slackSecret, body, types[i], nil)
		out, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode >= 500 {
			t.Fatalf("%s %q: %d %s", paths[i], body, res.StatusCode, out)
		}
		forged := slacktest.Post(t, srv.URL+paths[i], "not-the-secret", body, types[i], nil)
		forged.Body.Close()
		if forged.StatusCode != http.StatusUnauthorized && forged.StatusCode != http.StatusRequestEntityTooLarge {
			t.Fatalf("%s forged %q: %d, want 401", paths[i], body, forged.StatusCode)
		}
	})
}

// never5xx sends req and fails on a 5xx: whatever body the outside sends,
// a refusal is the sender's 4xx, never the desk's failure.
func never5xx(t *testing.T, req *http.Request, body []byte) {
	t.Helper()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode >= 500 {
		t.Fatalf("%q: %d %s", body, res.StatusCode, out)
	}
}
