package main

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/bots/slack/slacktest"
	"github.com/frontdesk/frontdesk/llm/llmtest"
)

const (
	slackSecret  = "test-signing-secret-0123456789"
	staffChannel = "C0STAFF"
)

// slackEnv is testEnv with the Slack staff desk pointed at a fake Web API.
func slackEnv(t testing.TB) (func(string) string, *slacktest.Server) {
	t.Helper()
	fake := slacktest.NewServer(t)
	base := testEnv(t)
	extra := map[string]string{"SLACK_BOT_TOKEN": slacktest.Token, "SLACK_SIGNING_SECRET": slackSecret,
		"SLACK_STAFF_CHANNEL": staffChannel, "SLACK_API_URL": fake.URL, "SLACK_STAFF_GROUP": "<!subteam^S0DESK>"}
	return func(k string) string {
		if v, ok := extra[k]; ok {
			return v
		}
		return base(k)
	}, fake
}

// webCustomer is a customer in the web chat.
type webCustomer struct {
	t      testing.TB
	url    string
	client *http.Client
}

func newWebCustomer(t testing.TB, url string) *webCustomer {
	jar, _ := cookiejar.New(nil)
	c := &webCustomer{t: t, url: url, client: &http.Client{Jar: jar}}
	res, err := c.client.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return c
}

func (c *webCustomer) send(text, payload string) {
	c.t.Helper()
	body, _ := json.Marshal(map[string]string{"text": text, "payload": payload})
	res, err := c.client.Post(c.url+"/chat/send", "application/json", strings.NewReader(string(body)))
	if err != nil {
		c.t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	if res.StatusCode != 200 {
		c.t.Fatalf("send %q: %d", text, res.StatusCode)
	}
}

// desk lists the desk's messages in the transcript.
func (c *webCustomer) desk() []string {
	c.t.Helper()
	res, err := c.client.Get(c.url + "/chat/history")
	if err != nil {
		c.t.Fatal(err)
	}
	defer res.Body.Close()
	var entries []struct{ From, Text string }
	json.NewDecoder(res.Body).Decode(&entries)
	var out []string
	for _, e := range entries {
		if e.From == "desk" {
			out = append(out, e.Text)
		}
	}
	return out
}

// waitDesk waits until the transcript's desk messages include one with text
// after the first skip of them; it returns the index of that message.
func (c *webCustomer) waitDesk(skip int, text string) int {
	c.t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		got := c.desk()
		for i := skip; i < len(got); i++ {
			if strings.Contains(got[i], text) {
				return i
			}
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("no desk message with %q after %d: %q", text, skip, got)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// report walks the web customer through a carry-in report; it returns the
// ticket number.
func (c *webCustomer) report() string {
	c.t.Helper()
	for _, s := range []struct{ text, payload string }{{"激光打印机打印时卡纸", ""}, {"王先生", ""}, {"13800138000", ""},
		{"", "mode:carry_in"}, {"", "proof:none"}, {"", "confirm:yes"}} {
		c.send(s.text, s.payload)
	}
	i := c.waitDesk(0, "工单号是")
	return regexpTicket.FindString(c.desk()[i])
}

// threadPosts lists the texts posted in a thread of the staff channel.
func threadPosts(fake *slacktest.Server, ts string) []string {
	var out []string
	for _, c := range fake.CallsTo("chat.postMessage") {
		if c.Fields["thread_ts"] == ts && !c.Failed {
			out = append(out, c.Fields["text"])
		}
	}
	return out
}

func waitThread(t testing.TB, fake *slacktest.Server, ts, text string) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for {
		for _, p := range threadPosts(fake, ts) {
			if strings.Contains(p, text) {
				return
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("thread %s has no post with %q: %q", ts, text, threadPosts(fake, ts))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// ticketMessage waits for the ticket's message in the staff channel and
// returns its ts (the thread).
func ticketMessage(t testing.TB, fake *slacktest.Server, number string) string {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) {
		for _, c := range fake.CallsTo("chat.postMessage") {
			if !c.Failed && c.Fields["thread_ts"] == "" && strings.HasPrefix(c.Fields["text"], number+" ") && c.Fields["channel"] == staffChannel {
				if !strings.Contains(c.Fields["blocks"], `"action_id":"takeover"`) || !strings.Contains(c.Fields["blocks"], "due ") {
					t.Fatalf("ticket message without a take-over button or the next step's due time: %s", c.Fields["blocks"])
				}
				return c.TS
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no ticket message for %s: %v", number, fake.CallsTo("chat.postMessage"))
	return ""
}

func slackPost(t testing.TB, url, path string, body []byte, ct string, headers map[string]string) int {
	t.Helper()
	res := slacktest.Post(t, url+path, slackSecret, body, ct, headers)
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode
}

var eventSeq struct {
	sync.Mutex
	n int
}

// staffSays posts a staff member's message in the thread as Slack's Events
// API would, and returns the event id.
func staffSays(t testing.TB, url, user, thread, text string) string {
	t.Helper()
	eventSeq.Lock()
	eventSeq.n++
	n := eventSeq.n
	eventSeq.Unlock()
	id := fmt.Sprintf("Ev%06d", n)
	body := slacktest.MessageEvent(id, staffChannel, user, text, fmt.Sprintf("1800000000.%06d", n), thread)
	if code := slackPost(t, url, "/slack/events", body, slacktest.ContentTypeJSON, nil); code != 200 {
		t.Fatalf("event: %d", code)
	}
	return id
}

func TestSlackTakeoverConversationInOrder(t *testing.T) {
	getenv, fake := slackEnv(t)
	srv, cust, number, thread := ticketInSlack(t, getenv, fake)

	if code := slackPost(t, srv.URL, "/slack/interactions", slacktest.BlockAction("U0STAFF1", staffChannel, thread, "takeover", number), slacktest.ContentTypeForm, nil); code != 200 {
		t.Fatalf("take over: %d", code)
	}
	joined := cust.waitDesk(0, "Staff U0STAFF1")
	waitThread(t, fake, thread, "has taken over")
	// five messages each way, alternating; each arrives in order on the other side
	seen := joined + 1
	for i := 1; i <= 5; i++ {
		cust.send(fmt.Sprintf("客户消息 %d", i), "")
		waitThread(t, fake, thread, fmt.Sprintf("客户消息 %d", i))
		staffSays(t, srv.URL, "U0STAFF1", thread, fmt.Sprintf("工程师回复 %d", i))
		seen = cust.waitDesk(seen, fmt.Sprintf("工程师回复 %d", i)) + 1
	}
	var order []string
	for _, p := range threadPosts(fake, thread) {
		if strings.Contains(p, "客户消息") {
			order = append(order, p)
		}
	}
	for i, p := range order {
		if !strings.Contains(p, fmt.Sprintf("客户消息 %d", i+1)) {
			t.Fatalf("thread order %q", order)
		}
	}
	// a redelivery, a note, a colleague and the bot itself reach no customer
	id := staffSays(t, srv.URL, "U0STAFF1", thread, "重复的回复")
	body := slacktest.MessageEvent(id, staffChannel, "U0STAFF1", "重复的回复", "1800000000.999999", thread)
	slackPost(t, srv.URL, "/slack/events", body, slacktest.ContentTypeJSON, map[string]string{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"})
	staffSays(t, srv.URL, "U0STAFF1", thread, "// 内部备注：客户很着急")
	staffSays(t, srv.URL, "U0STAFF2", thread, "我也来看看")
	slackPost(t, srv.URL, "/slack/events", slacktest.BotMessageEvent("EvBOT1", staffChannel, "机器人自己的消息", "1800000001.000001", thread), slacktest.ContentTypeJSON, nil)
	// a never-say phrase is relayed, with a private word to its sender
	staffSays(t, srv.URL, "U0STAFF1", thread, "这个我不知道，明天再说")
	cust.waitDesk(seen, "这个我不知道")
	fake.WaitCalls(t, "chat.postEphemeral", 2, 5*time.Second) // the colleague's, and the courtesy check
	var warned bool
	for _, c := range fake.CallsTo("chat.postEphemeral") {
		if c.Fields["user"] == "U0STAFF1" && strings.Contains(c.Fields["text"], "不知道") {
			warned = true
		}
	}
	if !warned {
		t.Fatalf("no courtesy warning: %v", fake.CallsTo("chat.postEphemeral"))
	}
	staffSays(t, srv.URL, "U0STAFF1", thread, "release")
	back := cust.waitDesk(seen, "智能助手继续为您服务")
	all := strings.Join(cust.desk(), "\n")
	for leak, want := range map[string]int{"重复的回复": 1, "内部备注": 0, "我也来看看": 0, "机器人自己的消息": 0} {
		if n := strings.Count(all, leak); n != want {
			t.Fatalf("%q reached the customer %d times, want %d", leak, n, want)
		}
	}
	cust.send("你好", "")
	cust.waitDesk(back+1, "欢迎")
}

func TestSlackQuoteFromModalAndCommand(t *testing.T) {
	getenv, fake := slackEnv(t)
	srv, cust, number, thread := ticketInSlack(t, getenv, fake)
	// the modal opens from the button, and its submission quotes
	if code := slackPost(t, srv.URL, "/slack/interactions", slacktest.BlockAction("U0STAFF1", staffChannel, thread, "quote", number), slacktest.ContentTypeForm, nil); code != 200 {
		t.Fatalf("quote button: %d", code)
	}
	fake.WaitCalls(t, "views.open", 1, 5*time.Second)
	sub := slacktest.ViewSubmission("U0STAFF1", "quote", number, map[string]map[string]string{
		"cause": {"cause": "定影组件老化"}, "work": {"work": "更换定影组件"}, "amount": {"amount": "350"}, "days": {"days": "3d"}})
	if code := slackPost(t, srv.URL, "/slack/interactions", sub, slacktest.ContentTypeForm, nil); code != 200 {
		t.Fatalf("modal: %d", code)
	}
	q := cust.waitDesk(0, "350.00 元")
	if !strings.Contains(cust.desk()[q], "定影组件老化") {
		t.Fatalf("quote without the cause: %s", cust.desk()[q])
	}
	cust.send("", "quote:accept:"+number)
	cust.send("", "qconfirm:yes")
	cust.waitDesk(q, "已安排维修")
	waitThread(t, fake, thread, "quote_accepted")
	// the slash command re-quotes after a status change is refused, and shows usage on bad input
	res := slacktest.Post(t, srv.URL+"/slack/commands", slackSecret, slacktest.SlashCommand("U0STAFF1", staffChannel, "status "+number+" repairing"), slacktest.ContentTypeForm, nil)
	out, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || !strings.Contains(string(out), "状态已改为：维修中") {
		t.Fatalf("slash command: %d %s", res.StatusCode, out)
	}
	cust.waitDesk(q, "正在维修")
	waitThread(t, fake, thread, "approved -> repairing")
	res = slacktest.Post(t, srv.URL+"/slack/commands", slackSecret, slacktest.SlashCommand("U0STAFF1", staffChannel, "quote "+number), slacktest.ContentTypeForm, nil)
	out, _ = io.ReadAll(res.Body)
	res.Body.Close()
	if !strings.Contains(string(out), "usage") || !strings.Contains(string(out), "ephemeral") {
		t.Fatalf("bad command answer: %s", out)
	}
	// a second ticket quoted from the slash command reaches its customer
	other := newWebCustomer(t, srv.URL)
	n2 := other.report()
	res = slacktest.Post(t, srv.URL+"/slack/commands", slackSecret, slacktest.SlashCommand("U0STAFF2", staffChannel, `quote `+n2+` 120.5 "更换搓纸轮" 2d`), slacktest.ContentTypeForm, nil)
	res.Body.Close()
	other.waitDesk(0, "120.50 元")
}

func TestSlackRefusesForgedRequests(t *testing.T) {
	getenv, fake := slackEnv(t)
	srv, _ := startApp(t, getenv)
	body := slacktest.URLVerification("challenge-xyz")
	res := slacktest.Post(t, srv.URL+"/slack/events", slackSecret, body, slacktest.ContentTypeJSON, nil)
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || string(got) != "challenge-xyz" {
		t.Fatalf("url_verification: %d %q", res.StatusCode, got)
	}
	forged := slacktest.Post(t, srv.URL+"/slack/events", "wrong-secret-0123456789", body, slacktest.ContentTypeJSON, nil)
	forged.Body.Close()
	stale := slacktest.PostAt(t, srv.URL+"/slack/commands", slackSecret, slacktest.SlashCommand("U1", staffChannel, "list"), slacktest.ContentTypeForm, time.Now().Add(-10*time.Minute).Unix(), nil)
	stale.Body.Close()
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/slack/interactions", strings.NewReader("payload={}"))
	missing, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	missing.Body.Close()
	for name, code := range map[string]int{"forged": forged.StatusCode, "stale": stale.StatusCode, "missing": missing.StatusCode} {
		if code != http.StatusUnauthorized {
			t.Errorf("%s signature: %d, want 401", name, code)
		}
	}
	if code := slackPost(t, srv.URL, "/slack/events", []byte(`{"type": "event_callback", "event": {`), slacktest.ContentTypeJSON, nil); code != http.StatusBadRequest {
		t.Errorf("malformed event: %d", code)
	}
	if n := len(fake.CallsTo("chat.postMessage")); n != 0 {
		t.Errorf("refused requests posted %d messages", n)
	}
}

func TestSlackTwoSimultaneousTakeovers(t *testing.T) {
	getenv, fake := slackEnv(t)
	srv, cust, number, thread := ticketInSlack(t, getenv, fake)
	var wg sync.WaitGroup
	for _, u := range []string{"U0STAFF1", "U0STAFF2"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			slackPost(t, srv.URL, "/slack/interactions", slacktest.BlockAction(u, staffChannel, thread, "takeover", number), slacktest.ContentTypeForm, nil)
		}()
	}
	wg.Wait()
	waitThread(t, fake, thread, "has taken over")
	if n := strings.Count(strings.Join(threadPosts(fake, thread), "\n"), "has taken over"); n != 1 {
		t.Fatalf("%d takeovers announced", n)
	}
	calls := fake.WaitCalls(t, "chat.postEphemeral", 1, 5*time.Second)
	if !strings.Contains(calls[0].Fields["text"], "already holds") {
		t.Fatalf("loser not told who has it: %v", calls)
	}
	joined := 0
	for _, m := range cust.desk() {
		if strings.Contains(m, "接下来由我为您服务") {
			joined++
		}
	}
	if joined != 1 {
		t.Fatalf("customer told of %d joins", joined)
	}
}

func TestSlackEscalationPrivacyAssignAndIdleRelease(t *testing.T) {
	getenv, fake := slackEnv(t)
	env := withEnv(getenv, "SLACK_TAKEOVER_IDLE", "1s")
	srv, _ := startApp(t, env)
	// a chat with no ticket asks for a person: a message with a take-over
	// button, and the staff group mentioned in its thread
	early := newWebCustomer(t, srv.URL)
	early.send("转人工", "")
	var top string
	deadline := time.Now().Add(10 * time.Second)
	for top == "" && time.Now().Before(deadline) {
		for _, c := range fake.CallsTo("chat.postMessage") {
			if c.Fields["thread_ts"] == "" && strings.Contains(c.Fields["text"], "needs a person") {
				top = c.TS
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	if top == "" {
		t.Fatalf("no escalation message: %v", fake.CallsTo("chat.postMessage"))
	}
	waitThread(t, fake, top, "<!subteam^S0DESK>")

	cust := newWebCustomer(t, srv.URL)
	number := cust.report()
	thread := ticketMessage(t, fake, number)
	for _, c := range fake.CallsTo("chat.postMessage") {
		if c.TS == thread && (strings.Contains(c.Fields["blocks"], "13800138000") || !strings.Contains(c.Fields["blocks"], "138****8000")) {
			t.Fatalf("phone not masked in the channel copy: %s", c.Fields["blocks"])
		}
	}
	slackPost(t, srv.URL, "/slack/interactions", slacktest.BlockAction("U0STAFF1", staffChannel, thread, "contact", number), slacktest.ContentTypeForm, nil)
	shown := fake.WaitCalls(t, "chat.postEphemeral", 1, 5*time.Second)
	if shown[0].Fields["user"] != "U0STAFF1" || !strings.Contains(shown[0].Fields["text"], "13800138000") {
		t.Fatalf("show contact: %v", shown)
	}
	waitThread(t, fake, thread, "contact_viewed")
	slackPost(t, srv.URL, "/slack/interactions", slacktest.StaticSelectAction("U0STAFF1", staffChannel, thread, "status", "repairing"), slacktest.ContentTypeForm, nil)
	cust.waitDesk(0, "正在维修")
	waitThread(t, fake, thread, "new -> repairing")

	// a takeover left idle goes back to the bot, with a note
	slackPost(t, srv.URL, "/slack/interactions", slacktest.BlockAction("U0STAFF1", staffChannel, thread, "takeover", number), slacktest.ContentTypeForm, nil)
	joined := cust.waitDesk(0, "Staff U0STAFF1")
	waitThread(t, fake, thread, "went back to the bot")
	cust.waitDesk(joined, "智能助手继续为您服务")
}

// formPayload turns a form-encoded interactivity body into the JSON object
// Socket Mode carries.
func formPayload(t testing.TB, body []byte) []byte {
	t.Helper()
	v, err := url.ParseQuery(string(body))
	if err != nil {
		t.Fatal(err)
	}
	if p := v.Get("payload"); p != "" {
		return []byte(p)
	}
	m := map[string]string{}
	for k := range v {
		m[k] = v.Get(k)
	}
	out, _ := json.Marshal(m)
	return out
}

func TestSlackSocketMode(t *testing.T) {
	getenv, fake := slackEnv(t)
	env := withEnv(getenv, "SLACK_APP_TOKEN", slacktest.AppToken)
	_, cust, number, thread := ticketInSlack(t, env, fake)
	fake.WaitCalls(t, "apps.connections.open", 1, 5*time.Second)

	id := fake.PushSocket("interactive", formPayload(t, slacktest.BlockAction("U0STAFF1", staffChannel, thread, "takeover", number)))
	fake.WaitAck(t, id, 5*time.Second)
	joined := cust.waitDesk(0, "Staff U0STAFF1")
	id = fake.PushSocket("events_api", slacktest.MessageEvent("EvSOCK1", staffChannel, "U0STAFF1", "您好，我是通过 Socket Mode 回复的", "1800000100.000001", thread))
	fake.WaitAck(t, id, 5*time.Second)
	cust.waitDesk(joined, "通过 Socket Mode 回复的")
	id = fake.PushSocket("slash_commands", formPayload(t, slacktest.SlashCommand("U0STAFF1", staffChannel, "show "+number)))
	if ack := fake.WaitAck(t, id, 5*time.Second); !strings.Contains(string(ack), number) || !strings.Contains(string(ack), "ephemeral") {
		t.Fatalf("slash command ack: %s", ack)
	}
}

// heldKeys returns the values of a held reply's "send" buttons, in order.
func heldKeys(held slacktest.Call) []string {
	var blocks []struct {
		Elements []struct {
			ActionID string `json:"action_id"`
			Value    string `json:"value"`
		} `json:"elements"`
	}
	json.Unmarshal([]byte(held.Fields["blocks"]), &blocks)
	var keys []string
	for _, b := range blocks {
		for _, e := range b.Elements {
			if e.ActionID == "send_held" {
				keys = append(keys, e.Value)
			}
		}
	}
	return keys
}

func TestSlackCourtesyHoldMode(t *testing.T) {
	getenv, fake := slackEnv(t)
	env := withEnv(getenv, "SLACK_COURTESY", "hold")
	srv, cust, number, thread := ticketInSlack(t, env, fake)
	slackPost(t, srv.URL, "/slack/interactions", slacktest.BlockAction("U0STAFF1", staffChannel, thread, "takeover", number), slacktest.ContentTypeForm, nil)
	joined := cust.waitDesk(0, "Staff U0STAFF1")
	staffSays(t, srv.URL, "U0STAFF1", thread, "这个我不知道")
	held := fake.WaitCalls(t, "chat.postEphemeral", 1, 5*time.Second)[0]
	keys := heldKeys(held)
	key := ""
	if len(keys) > 0 {
		key = keys[0]
	}
	if key == "" || !strings.Contains(held.Fields["text"], "不知道") {
		t.Fatalf("held reply without a send button: %v", held)
	}
	staffSays(t, srv.URL, "U0STAFF1", thread, "请您稍等，我帮您查一下")
	next := cust.waitDesk(joined+1, "我帮您查一下")
	if strings.Contains(strings.Join(cust.desk(), "\n"), "这个我不知道") {
		t.Fatal("a held reply reached the customer before its sender confirmed")
	}
	var presses sync.WaitGroup
	for range 2 { // pressed twice at once: sent once
		presses.Add(1)
		go func() {
			defer presses.Done()
			slackPost(t, srv.URL, "/slack/interactions", slacktest.BlockAction("U0STAFF1", staffChannel, held.TS, "send_held", key), slacktest.ContentTypeForm, nil)
		}()
	}
	presses.Wait()
	cust.waitDesk(next+1, "这个我不知道")
	time.Sleep(200 * time.Millisecond)
	if n := strings.Count(strings.Join(cust.desk(), "\n"), "这个我不知道"); n != 1 {
		t.Fatalf("confirmed reply sent %d times", n)
	}
}

// TestSlackCourtesyHoldOffersRewording: with a language model configured,
// a reply the courtesy check holds comes with one politer rewording; staff
// may send it instead, and the reply then goes out once, reworded.
func TestSlackCourtesyHoldOffersRewording(t *testing.T) {
	getenv, fake := slackEnv(t)
	model := llmtest.New(func(r llmtest.Request) llmtest.Reply {
		if strings.Contains(r.User, "staff_reply") {
			return llmtest.Reply{Content: `{"text": "抱歉，这个问题我需要向工程师确认一下，稍后给您答复。"}`}
		}
		return llmtest.Reply{}
	})
	t.Cleanup(model.Close)
	env := withEnv(withEnv(withEnv(getenv, "SLACK_COURTESY", "hold"), "OPENAI_API_KEY", llmtest.Key), "OPENAI_BASE_URL", model.URL())
	srv, cust, number, thread := ticketInSlack(t, env, fake)
	slackPost(t, srv.URL, "/slack/interactions", slacktest.BlockAction("U0STAFF1", staffChannel, thread, "takeover", number), slacktest.ContentTypeForm, nil)
	joined := cust.waitDesk(0, "Staff U0STAFF1")
	staffSays(t, srv.URL, "U0STAFF1", thread, "这个我不知道")
	held := fake.WaitCalls(t, "chat.postEphemeral", 1, 5*time.Second)[0]
	keys := heldKeys(held)
	if len(keys) != 2 || !strings.Contains(held.Fields["text"], "向工程师确认") {
		t.Fatalf("held reply without the rewording to send: %v", held)
	}
	slackPost(t, srv.URL, "/slack/interactions", slacktest.BlockAction("U0STAFF1", staffChannel, held.TS, "send_held", keys[1]), slacktest.ContentTypeForm, nil)
	cust.waitDesk(joined, "向工程师确认")
	slackPost(t, srv.URL, "/slack/interactions", slacktest.BlockAction("U0STAFF1", staffChannel, held.TS, "send_held", keys[0]), slacktest.ContentTypeForm, nil)
	time.Sleep(200 * time.Millisecond)
	all := strings.Join(cust.desk(), "\n")
	if strings.Contains(all, "这个我不知道") || strings.Count(all, "向工程师确认") != 1 {
		t.Fatalf("the customer got:\n%s", all)
	}
}

// TestSlackOutageDelaysTheFeedWithoutLosingIt makes Slack fail for longer
// than one call's retries: the ticket's message still arrives, once.
func TestSlackOutageDelaysTheFeedWithoutLosingIt(t *testing.T) {
	getenv, fake := slackEnv(t)
	fake.Fail("chat.postMessage", 7, slacktest.ServerError())
	srv, _ := startApp(t, getenv)
	cust := newWebCustomer(t, srv.URL)
	number := cust.report()
	ticketMessage(t, fake, number)
	n := 0
	for _, c := range fake.CallsTo("chat.postMessage") {
		if !c.Failed && strings.HasPrefix(c.Fields["text"], number+" ") {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("ticket message posted %d times", n)
	}
}

// TestSlackReplyTypedInThreadTakesOver: with no one holding the chat, a
// reply typed in the thread takes it over but is not itself sent (it may have
// been meant for colleagues); words that look like a command are a reply.
func TestSlackReplyTypedInThreadTakesOver(t *testing.T) {
	getenv, fake := slackEnv(t)
	srv, cust, _, thread := ticketInSlack(t, getenv, fake)
	staffSays(t, srv.URL, "U0STAFF2", thread, "这位客户我来跟进")
	joined := cust.waitDesk(0, "Staff U0STAFF2")
	waitThread(t, fake, thread, "has taken over")
	staffSays(t, srv.URL, "U0STAFF2", thread, "Release date of the part is Monday")
	staffSays(t, srv.URL, "U0STAFF2", thread, "status looks fine after the test print")
	cust.waitDesk(joined, "Release date of the part is Monday")
	cust.waitDesk(joined, "status looks fine")
	all := strings.Join(cust.desk(), "\n")
	if strings.Contains(all, "这位客户我来跟进") {
		t.Fatal("the message that took over reached the customer")
	}
	if holder := strings.Contains(all, "智能助手继续为您服务"); holder {
		t.Fatal("a reply starting with 'Release' handed the chat back")
	}
}

// ticketInSlack starts the desk on getenv, has a web customer report a
// fault, and waits for the ticket's message in the staff channel.
func ticketInSlack(t testing.TB, getenv func(string) string, fake *slacktest.Server) (*httptest.Server, *webCustomer, string, string) {
	t.Helper()
	srv, _ := startApp(t, getenv)
	cust := newWebCustomer(t, srv.URL)
	number := cust.report()
	return srv, cust, number, ticketMessage(t, fake, number)
}
