package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/bots/slack/slacktest"
	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/staff"
	"github.com/frontdesk/frontdesk/storage"
)

// promisesEnv is a desk with Telegram and Slack faked, open around the
// clock, whose promises fall due in seconds: callbacks two seconds after
// closing (every ticket sampled), an on-site engineer's contact in three.
func promisesEnv(t testing.TB) (func(string) string, *telegramtest.Server, *slacktest.Server) {
	t.Helper()
	tgGet, tg := tgEnv(t)
	sl := slacktest.NewServer(t)
	rules := filepath.Join(t.TempDir(), "rules.yaml")
	if err := os.WriteFile(rules, []byte("hours:\n  timezone: UTC\n  open: \"00:00\"\n  close: \"24:00\"\n"+
		"  workdays: [mon, tue, wed, thu, fri, sat, sun]\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	extra := map[string]string{"SLACK_BOT_TOKEN": slacktest.Token, "SLACK_SIGNING_SECRET": slackSecret,
		"SLACK_STAFF_CHANNEL": staffChannel, "SLACK_API_URL": sl.URL, "SLACK_STAFF_GROUP": "<!subteam^S0DESK>",
		"SLACK_SUPERVISOR_GROUP": "<!subteam^S0BOSS>", "FRONTDESK_CONFIG": rules,
		"FRONTDESK_CALLBACK_DELAY": "2s", "FRONTDESK_CALLBACK_SAMPLE": "1", "FRONTDESK_ONSITE_CONTACT": "3s"}
	return func(k string) string {
		if v, ok := extra[k]; ok {
			return v
		}
		return tgGet(k)
	}, tg, sl
}

// tgReport walks a new Telegram customer through a carry-in report and
// returns the ticket number.
func tgReport(t testing.TB, c *conversation) string {
	t.Helper()
	c.text("我的打印机坏了", 1, "贵姓")
	c.text("王先生", 1, "手机号码")
	c.text("13800138000", 1, "上门维修")
	c.press("mode:carry_in", 1, "什么时候买的")
	c.press("proof:none", 1, "请您核对")
	created := c.press("confirm:yes", 1, "工单号是")
	return regexpTicket.FindString(created.Fields["text"])
}

// closeAfterService moves a ticket through repair to closed, as staff do.
func closeAfterService(t testing.TB, getenv func(string) string, number string) {
	t.Helper()
	for _, st := range []string{"repairing", "ready", "closed"} {
		staffRun(t, getenv, "status", number, st)
	}
}

// waitText waits up to 30 s for a new message to chat containing text.
func waitText(t testing.TB, c *conversation, text string) telegramtest.Call {
	t.Helper()
	return waitTextWithin(t, c, text, 30*time.Second)
}

// waitTextWithin waits up to within for a new message to chat containing text.
func waitTextWithin(t testing.TB, c *conversation, text string, within time.Duration) telegramtest.Call {
	t.Helper()
	deadline := time.Now().Add(within)
	for {
		got := sent(c.fake, c.chat)
		for i := c.count; i < len(got); i++ {
			if strings.Contains(got[i].Fields["text"], text) {
				c.count = i + 1
				return got[i]
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("chat %d: nothing with %q after %s", c.chat, text, within)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func countTexts(fake *telegramtest.Server, chat int64, text string) int {
	n := 0
	for _, c := range sent(fake, chat) {
		if strings.Contains(c.Fields["text"], text) {
			n++
		}
	}
	return n
}

// The whole callback promise, through the real stores and the fake
// platforms: a closed ticket's callback arrives on Telegram; "still a
// problem" reopens the ticket and alarms its Slack thread; another
// customer refuses and never hears from the desk for a callback again.
func TestCallbackEndToEnd(t *testing.T) {
	t.Parallel() // mostly waiting on due times
	getenv, tg, sl := promisesEnv(t)
	srv, _ := startApp(t, getenv)
	var seq int64 = 5000
	ctx := context.Background()
	db, err := storage.Open(ctx, getenv("DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	unhappy := &conversation{t: t, url: srv.URL, fake: tg, chat: 7101, seq: &seq}
	number := tgReport(t, unhappy)
	thread := ticketMessage(t, sl, number)
	closeAfterService(t, getenv, number)
	ask := waitText(t, unhappy, "回访")
	unhappy.press(buttonData(t, ask, "还有问题"), 1, "重新打开")
	tk, err := db.TicketByNumber(ctx, number)
	if err != nil || tk.State != domain.StateNew {
		t.Fatalf("ticket after 'still a problem': %v %v", tk.State, err)
	}
	waitThread(t, sl, thread, "callback_alarm")
	for _, p := range threadPosts(sl, thread) {
		if strings.Contains(p, "callback_alarm") && !strings.Contains(p, "<!subteam^S0DESK>") {
			t.Fatalf("alarm does not mention the staff group: %q", p)
		}
	}

	refuser := &conversation{t: t, url: srv.URL, fake: tg, chat: 7102, seq: &seq}
	first := tgReport(t, refuser)
	closeAfterService(t, getenv, first)
	ask = waitText(t, refuser, "回访")
	refuser.press(buttonData(t, ask, "不需要回访"), 1, "原因")
	refuser.text("不想被打扰", 1, "不会再为回访联系您")
	listed, reason, err := db.DoNotCall(ctx, "telegram", fmt.Sprint(refuser.chat))
	if err != nil || !listed || reason != "不想被打扰" {
		t.Fatalf("do-not-call: %v %q %v", listed, reason, err)
	}
	// Their next job is closed too: no callback, ever.
	again := &domain.Ticket{ReportKey: "again-7102", Channel: "telegram", ChatID: fmt.Sprint(refuser.chat), Locale: "zh-CN",
		ContactName: "王", Phone: "13800138000", Product: "复印机", Fault: "不通电", CreatedAt: time.Now()}
	if _, err := db.CreateTicket(ctx, again, "customer:telegram:7102"); err != nil {
		t.Fatal(err)
	}
	second := again.Number
	closeAfterService(t, getenv, second)
	refuser.waitFor(1, "已结单")
	time.Sleep(9 * time.Second) // past the delay, River's 5 s scheduling pass and delivery
	if n := countTexts(tg, refuser.chat, "简短回访"); n != 1 {
		t.Fatalf("the refusing customer got %d callbacks, want only the one they refused", n)
	}
	tk2, _ := db.TicketByNumber(ctx, second)
	if _, err := db.LatestCallback(ctx, tk2.ID); err == nil {
		t.Fatal("a callback was scheduled for a customer on the do-not-call list")
	}
	if n := countTexts(tg, unhappy.chat, "简短回访"); n != 1 {
		t.Fatalf("the unhappy customer got %d callbacks, want 1", n)
	}
}

// Two server instances share the job engine: every callback and every
// service-level alarm is delivered exactly once.
func TestPromisesExactlyOnceAcrossTwoInstances(t *testing.T) {
	t.Parallel() // mostly waiting on due times
	getenv, tg, sl := promisesEnv(t)
	getenv = withEnv(getenv, "SLACK_POST_RATE", "50")
	startApp(t, getenv)
	startApp(t, getenv)
	ctx := context.Background()
	db, err := storage.Open(ctx, getenv("DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	staff := staff.NewStaff(db, dialog.Config{}, nil)
	const n = 6
	var timed, called []*domain.Ticket
	for i := range 2 * n {
		tk := &domain.Ticket{ReportKey: fmt.Sprint("two-", i), Channel: "telegram", ChatID: fmt.Sprint(7300 + i), Locale: "zh-CN",
			ContactName: "李", Phone: "13800138000", Product: "复印机", Fault: "卡纸", ServiceMode: "on_site", CreatedAt: time.Now()}
		if _, err := db.CreateTicket(ctx, tk, "customer:telegram:"+tk.ChatID); err != nil {
			t.Fatal(err)
		}
		if i < n { // an on-site engineer who never calls: warning, then breach
			if _, err := staff.Assign(ctx, tk.Number, "staff:li", "zhang"); err != nil {
				t.Fatal(err)
			}
			timed = append(timed, tk)
			continue
		}
		for _, st := range []string{"repairing", "ready", "closed"} {
			if _, err := staff.SetStatus(ctx, tk.Number, "staff:li", st); err != nil {
				t.Fatal(err)
			}
		}
		called = append(called, tk)
	}
	threads := map[string]string{}
	for _, tk := range timed {
		threads[tk.Number] = ticketMessage(t, sl, tk.Number)
		waitThread(t, sl, threads[tk.Number], "sla_breach")
	}
	for _, tk := range called {
		c := &conversation{t: t, fake: tg, chat: 7300 + int64(len(timed)) + int64(indexOf(called, tk))}
		waitText(t, c, "简短回访")
	}
	time.Sleep(7 * time.Second) // a second delivery would have come by now
	for _, tk := range called {
		chat := int64(7300 + len(timed) + indexOf(called, tk))
		if got := countTexts(tg, chat, "简短回访"); got != 1 {
			t.Errorf("%s: %d callbacks, want 1", tk.Number, got)
		}
	}
	for number, ts := range threads {
		warn, breach := 0, 0
		for _, p := range threadPosts(sl, ts) {
			if strings.Contains(p, "*sla_warning*") {
				warn++
			}
			if strings.Contains(p, "*sla_breach*") {
				breach++
				if !strings.Contains(p, "<!subteam^S0BOSS>") {
					t.Errorf("%s: breach does not mention the supervisors: %q", number, p)
				}
			}
		}
		if warn != 1 || breach != 1 {
			t.Errorf("%s: %d warnings and %d breaches in the thread, want one each", number, warn, breach)
		}
	}
	for _, tk := range timed {
		ts, err := db.Timers(ctx, tk.ID)
		if err != nil {
			t.Fatal(err)
		}
		outcomes := map[string]string{}
		for _, tm := range ts {
			outcomes[tm.Kind] = tm.Outcome
		}
		if outcomes["contact"] != domain.OutcomeBreached || outcomes["dispatch"] != domain.OutcomeMet {
			t.Fatalf("%s timers: %v", tk.Number, outcomes)
		}
	}
}

func indexOf(ts []*domain.Ticket, tk *domain.Ticket) int {
	for i, x := range ts {
		if x == tk {
			return i
		}
	}
	return -1
}
