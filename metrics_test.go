package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/bots/slack/slacktest"
	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
)

// TestMetricsCountWhatHappened: after a customer reports a fault on the web
// chat and staff quote it, /metrics shows the turns by channel and outcome
// with their latency, the requests by route and code, the ticket by state
// and its running service levels, all named frontdesk_ and with no chat id
// or customer data in any label.
func TestMetricsCountWhatHappened(t *testing.T) {
	getenv := testEnv(t)
	srv, _ := startApp(t, getenv)
	client := newWebClient(t, srv.URL)
	client.report()
	number := lastTicket(t, getenv)
	// The service-level timers start when the job engine relays the
	// ticket's event: give it a moment.
	var text string
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		text = scrape(t, srv.URL)
		if strings.Contains(text, `frontdesk_service_levels{kind="first_reply",outcome="running"} 1`) || time.Now().After(deadline) {
			break
		}
	}
	if testing.Verbose() {
		t.Log(grep(text, "frontdesk_"))
	}
	value := func(series string) float64 {
		t.Helper()
		m := regexp.MustCompile(`(?m)^` + regexp.QuoteMeta(series) + ` (\S+)$`).FindStringSubmatch(text)
		if m == nil {
			t.Errorf("/metrics lacks %s", series)
			return 0
		}
		v, _ := strconv.ParseFloat(m[1], 64)
		return v
	}
	if v := value(`frontdesk_turns_total{channel="webchat",outcome="ok"}`); v != 6 {
		t.Errorf("webchat turns ok = %v, want 6", v)
	}
	if v := value(`frontdesk_turn_seconds_count{channel="webchat"}`); v != 6 {
		t.Errorf("turn latency observations = %v, want 6", v)
	}
	if v := value(`frontdesk_http_requests_total{code="200",route="POST /chat/send"}`); v != 6 {
		t.Errorf("web chat requests = %v", v)
	}
	if v := value(`frontdesk_tickets{state="new"}`); v != 1 {
		t.Errorf("new tickets = %v, want 1", v)
	}
	if v := value(`frontdesk_sql_measures_up`); v != 1 {
		t.Errorf("sql measures up = %v", v)
	}
	if !strings.Contains(text, `frontdesk_service_levels{kind="first_reply",outcome="running"} 1`) {
		t.Errorf("no running first-reply timer in:\n%s", grep(text, "frontdesk_service_levels"))
	}
	if strings.Contains(text, client.session) || strings.Contains(text, "13800138000") || strings.Contains(text, number) {
		t.Error("/metrics carries a chat id, a phone or a ticket number")
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "# HELP ") {
			name := strings.Fields(line)[2]
			if !strings.HasPrefix(name, "frontdesk_") && !strings.HasPrefix(name, "go_") && !strings.HasPrefix(name, "process_") && !strings.HasPrefix(name, "promhttp_") {
				t.Errorf("metric %s is not named frontdesk_", name)
			}
		}
	}
}

func grep(text, prefix string) string {
	var b strings.Builder
	for _, l := range strings.Split(text, "\n") {
		if strings.HasPrefix(l, prefix) {
			b.WriteString(l + "\n")
		}
	}
	return b.String()
}

// webClient is a browser's cookie and requests, without a browser.
type webClient struct {
	t       *testing.T
	url     string
	session string
}

func newWebClient(t *testing.T, url string) *webClient {
	t.Helper()
	res, err := http.Get(url + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for _, c := range res.Cookies() {
		if c.Name == "fd_session" {
			return &webClient{t: t, url: url, session: c.Value}
		}
	}
	t.Fatal("no session cookie")
	return nil
}

// report reports a fault on the page, in six turns, to a ticket.
func (c *webClient) report() {
	for _, msg := range []string{"我家的激光打印机一直卡纸，麻烦安排维修", "王先生", "13800138000"} {
		c.send(msg)
	}
	c.post(`{"payload":"mode:carry_in"}`)
	c.post(`{"payload":"proof:none"}`)
	c.post(`{"payload":"confirm:yes"}`)
}

func (c *webClient) send(text string) {
	b, _ := json.Marshal(map[string]string{"text": text})
	c.post(string(b))
}

func (c *webClient) post(body string) {
	c.t.Helper()
	req, _ := http.NewRequest("POST", c.url+"/chat/send", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.AddCookie(&http.Cookie{Name: "fd_session", Value: c.session})
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatal(err)
	}
	out, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusOK {
		c.t.Fatalf("send %s: %d %s", body, res.StatusCode, out)
	}
}

// TestMetricsCountSlackCalls: the staff desk's Web API calls are counted by
// outcome, a 429 as rate_limited, so a dashboard shows Slack pushing back.
func TestMetricsCountSlackCalls(t *testing.T) {
	getenv, fake := slackEnv(t)
	fake.Fail("chat.postMessage", 1, slacktest.RateLimited(1))
	srv, _ := startApp(t, getenv)
	client := newWebClient(t, srv.URL)
	client.send("转人工") // posts to the staff channel
	var text string
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		text = scrape(t, srv.URL)
		if strings.Contains(text, `frontdesk_platform_calls_total{outcome="rate_limited",platform="slack"} 1`) &&
			strings.Contains(text, `frontdesk_platform_calls_total{outcome="ok",platform="slack"}`) {
			return
		}
	}
	t.Fatalf("Slack's calls are not counted:\n%s", grep(text, "frontdesk_platform"))
}

// reportOnWeb reports a washing machine's fault on the web chat in one long
// message, gives the name and confirms, as a customer would, and returns
// the customer and the ticket number the desk registered.
func reportOnWeb(t *testing.T, url string, getenv func(string) string) (*webClient, string) {
	t.Helper()
	client := newWebClient(t, url)
	client.send("我家海尔洗衣机XQG80脱水时漏水，去年5月买的，地址北京市朝阳区建国路88号3单元502，电话138-0013-8000，明天下午上门可以吗")
	client.send("王先生")
	client.post(`{"payload":"confirm:yes"}`)
	return client, lastTicket(t, getenv)
}

// lastTicket is the newest ticket's number, as the staff command line lists it.
func lastTicket(t *testing.T, getenv func(string) string) string {
	t.Helper()
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"ticket", "list"}, getenv, &out, &errs); err != nil {
		t.Fatal(err)
	}
	number := regexp.MustCompile(`FD-\d+`).FindString(out.String())
	if number == "" {
		t.Fatalf("no ticket:\n%s", out.String())
	}
	return number
}

// scrape reads the server's /metrics.
func scrape(t *testing.T, url string) string {
	t.Helper()
	res, err := http.Get(url + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(body)
}

// TestMetricsShowWhatWaits: a reply Telegram keeps refusing (5xx) waits in
// its chat's queue, and /metrics shows the queue's depth while it does;
// the scheduler's backlog of ticket events and the SQL pool are shown too.
func TestMetricsShowWhatWaits(t *testing.T) {
	getenv, fake := tgEnv(t)
	srv, _ := startApp(t, getenv)
	fake.FailFor("sendMessage", "81", 50, telegramtest.ServerError())
	if code := post(t, srv.URL, telegramtest.Text(1, 81, "你好"), tgSecret); code != 200 {
		t.Fatalf("status %d", code)
	}
	fake.WaitCalls(t, "sendMessage", 1, 10*time.Second) // tried, refused, kept
	text := scrape(t, srv.URL)
	for _, series := range []string{`frontdesk_outbound_chats{channel="telegram"} 1`, `frontdesk_outbound_chats{channel="slackjobs"} 0`,
		`frontdesk_events_unrelayed 0`} {
		if !strings.Contains(text, series+"\n") {
			t.Errorf("/metrics lacks %q in:\n%s", series, grep(text, "frontdesk_outbound")+grep(text, "frontdesk_events"))
		}
	}
	for _, re := range []string{`(?m)^frontdesk_sql_connections_max [1-9]\d*$`, `(?m)^frontdesk_sql_connections\{state="in_use"\} \d+$`,
		`(?m)^frontdesk_sql_pool_waits_total \d+$`, `(?m)^frontdesk_sql_pool_wait_seconds_total [\d.e+-]+$`} {
		if !regexp.MustCompile(re).MatchString(text) {
			t.Errorf("/metrics lacks %s in:\n%s", re, grep(text, "frontdesk_sql"))
		}
	}
	m := regexp.MustCompile(`(?m)^frontdesk_outbound_items\{channel="telegram"\} (\d+)$`).FindStringSubmatch(text)
	if m == nil || m[1] == "0" {
		t.Errorf("no telegram items waiting in:\n%s", grep(text, "frontdesk_outbound"))
	}
}
