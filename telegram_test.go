package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
	"github.com/frontdesk/frontdesk/storage"
)

var regexpTicket = regexp.MustCompile(`FD-\d+`)

const (
	tgToken  = "123456:TEST-token_abcdefghijklmnopqrstuvwxyz"
	tgSecret = "s3cret-webhook_token"
)

// tgEnv is testEnv with the Telegram channel pointed at a fake Bot API.
func tgEnv(t testing.TB) (func(string) string, *telegramtest.Server) {
	t.Helper()
	fake := telegramtest.NewServer(t, tgToken)
	base := testEnv(t)
	extra := map[string]string{"TELEGRAM_BOT_TOKEN": tgToken, "TELEGRAM_API_URL": fake.URL, "TELEGRAM_WEBHOOK_SECRET": tgSecret}
	return func(k string) string {
		if v, ok := extra[k]; ok {
			return v
		}
		return base(k)
	}, fake
}

// telegramClient posts updates over kept-alive connections, as Telegram's
// servers do (up to 40 at once).
var telegramClient = &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64, MaxIdleConns: 64}}

// post delivers one update to the webhook as Telegram does.
func post(t testing.TB, url string, raw []byte, secret string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url+"/telegram/webhook", bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	if secret != "" {
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	}
	res, err := telegramClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res.StatusCode
}

// sent lists the texts sent to chat, in order.
func sent(fake *telegramtest.Server, chat int64) []telegramtest.Call {
	var out []telegramtest.Call
	for _, c := range fake.CallsTo("sendMessage") {
		if c.Fields["chat_id"] == fmt.Sprint(chat) && !c.Failed {
			out = append(out, c)
		}
	}
	return out
}

// waitSent waits until chat received n messages and returns them.
func waitSent(t testing.TB, fake *telegramtest.Server, chat int64, n int) []telegramtest.Call {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		got := sent(fake, chat)
		if len(got) >= n {
			return got
		}
		if time.Now().After(deadline) {
			var texts []string
			for _, c := range got {
				texts = append(texts, c.Fields["text"])
			}
			t.Fatalf("chat %d got %d messages, want %d:\n%s", chat, len(got), n, strings.Join(texts, "\n---\n"))
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// conversation drives one Telegram chat through the webhook, checking each
// step's last reply.
type conversation struct {
	t     testing.TB
	url   string
	fake  *telegramtest.Server
	chat  int64
	seq   *int64
	count int
}

func (c *conversation) next() int64 { *c.seq++; return *c.seq }

// send posts raw and waits for a new message that contains the text,
// skipping over others (outside working hours a note on when staff follow
// up comes too). want is the number of messages the step sends at least.
func (c *conversation) send(raw []byte, want int, contains string) telegramtest.Call {
	c.t.Helper()
	if code := post(c.t, c.url, raw, tgSecret); code != http.StatusOK {
		c.t.Fatalf("webhook answered %d", code)
	}
	return c.waitFor(want, contains)
}

// waitFor waits for a message after the ones seen that contains the text.
func (c *conversation) waitFor(want int, contains string) telegramtest.Call {
	c.t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		got := sent(c.fake, c.chat)
		for i := c.count; i < len(got); i++ {
			if i+1 >= c.count+want && strings.Contains(got[i].Fields["text"], contains) {
				c.count = i + 1
				return got[i]
			}
		}
		if time.Now().After(deadline) {
			c.t.Fatalf("chat %d: no new reply contains %q: %v", c.chat, contains, got[c.count:])
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (c *conversation) text(s string, want int, contains string) telegramtest.Call {
	return c.send(telegramtest.Text(c.next(), c.chat, s), want, contains)
}

func (c *conversation) press(data string, want int, contains string) telegramtest.Call {
	return c.send(telegramtest.Callback(c.next(), c.chat, data, 1), want, contains)
}

// buttonData finds the callback_data of the inline button labelled label.
func buttonData(t testing.TB, call telegramtest.Call, label string) string {
	t.Helper()
	var m struct {
		InlineKeyboard [][]struct {
			Text         string `json:"text"`
			CallbackData string `json:"callback_data"`
		} `json:"inline_keyboard"`
	}
	json.Unmarshal([]byte(call.Fields["reply_markup"]), &m)
	for _, row := range m.InlineKeyboard {
		for _, b := range row {
			if b.Text == label {
				return b.CallbackData
			}
		}
	}
	t.Fatalf("no button %q in %s", label, call.Fields["reply_markup"])
	return ""
}

func staffRun(t testing.TB, getenv func(string) string, args ...string) {
	t.Helper()
	var out, errs bytes.Buffer
	if err := run(context.Background(), append([]string{"ticket"}, args...), getenv, &out, &errs); err != nil {
		t.Fatalf("frontdesk ticket %v: %v", args, err)
	}
}

func TestTelegramWholeCycleInChinese(t *testing.T) {
	getenv, fake := tgEnv(t)
	srv, _ := startApp(t, getenv)
	var seq int64 = 1000
	c := &conversation{t: t, url: srv.URL, fake: fake, chat: 5551, seq: &seq}
	fake.WaitCalls(t, "setMyCommands", 2, 5*time.Second)

	c.send(telegramtest.Command(c.next(), c.chat, "start"), 1, "欢迎")
	c.text("我的打印机坏了", 2, "贵姓")
	ask := c.text("王先生", 1, "手机号码")
	if !strings.Contains(ask.Fields["reply_markup"], `"request_contact":true`) {
		t.Fatalf("phone question without a share-contact keyboard: %s", ask.Fields["reply_markup"])
	}
	// someone else's contact card is refused; the customer's own is taken
	c.send(telegramtest.Contact(c.next(), c.chat, 999, "8613900139000"), 2, "手机号码")
	modeQ := c.send(telegramtest.Contact(c.next(), c.chat, c.chat, "8613800138000"), 1, "上门维修")
	c.press(buttonData(t, modeQ, "上门维修"), 1, "详细地址")
	// the first message named the product and the fault: what is left is when it was bought
	c.send(telegramtest.Location(c.next(), c.chat, 39.98, 116.31), 1, "什么时候买的")
	// an album of two photos: one acknowledgement, the question asked again once
	c.send(telegramtest.Photo(c.next(), c.chat, "photo-1", 2048, "album-9", ""), 2, "什么时候买的")
	if code := post(t, srv.URL, telegramtest.Photo(c.next(), c.chat, "photo-2", 2048, "album-9", ""), tgSecret); code != 200 {
		t.Fatalf("second album photo: %d", code)
	}
	// typed instead of pressed: the date and the proof in one answer
	summary := c.text("去年3月买的，有发票", 1, "请您核对")
	if !strings.Contains(summary.Fields["text"], "13800138000") || !strings.Contains(summary.Fields["text"], "2 个") {
		t.Fatalf("summary: %s", summary.Fields["text"])
	}
	created := c.press(buttonData(t, summary, "确认提交"), 1, "工单号是")
	number := strings.Fields(strings.SplitN(created.Fields["text"], "工单号是 ", 2)[1])[0]
	number = strings.TrimRight(number, ",，")

	staffRun(t, getenv, "quote", number, "350", "更换定影组件", "3d")
	quote := c.waitFor(1, "350.00 元")
	confirm := c.press(buttonData(t, quote, "同意维修"), 1, "请您确认")
	accept := buttonData(t, confirm, "确认")
	c.press(accept, 1, "已安排维修")
	c.press(accept, 1, "失效") // pressed twice: nothing changes
	staffRun(t, getenv, "status", number, "repairing")
	c.waitFor(1, "正在维修")
	if n := len(fake.CallsTo("answerCallbackQuery")); n < 5 { // every press above: mode, confirm, accept, yes twice
		t.Fatalf("callback queries answered: %d", n)
	}
}

func TestTelegramEnglishAndRedelivery(t *testing.T) {
	getenv, fake := tgEnv(t)
	srv, _ := startApp(t, getenv)
	var seq int64 = 50
	c := &conversation{t: t, url: srv.URL, fake: fake, chat: 777, seq: &seq}
	c.text("Hello, my washing machine is broken", 2, "name")
	raw := telegramtest.Text(c.next(), c.chat, "Ms Lee")
	c.send(raw, 1, "mobile number")
	// the same update again: no second reply
	if code := post(t, srv.URL, raw, tgSecret); code != http.StatusOK {
		t.Fatalf("redelivery answered %d", code)
	}
	time.Sleep(1500 * time.Millisecond) // longer than the per-chat spacing
	if got := sent(fake, c.chat); len(got) != c.count {
		t.Fatalf("redelivered update made a reply: %d messages", len(got))
	}
	// a washing machine is visited where it stands: the address comes next
	c.text("+44 7700 900123", 1, "address")
	bought := c.text("Flat 3, 12 Baker Street, London", 1, "when did you buy")
	c.press(buttonData(t, bought, "Invoice"), 1, "Please check your report")
	// a photo of the fault with a caption at the read-back: kept with the report
	summary := c.send(telegramtest.Photo(c.next(), c.chat, "leak-photo", 40000, "", "It leaks during the spin cycle"), 2, "Please check your report")
	if !strings.Contains(summary.Fields["text"], "leaks during the spin") || !strings.Contains(summary.Fields["text"], "Photos/files: 1") {
		t.Fatalf("summary: %s", summary.Fields["text"])
	}
	created := c.press(buttonData(t, summary, "Confirm"), 1, "ticket number is")
	number := regexpTicket.FindString(created.Fields["text"])
	staffRun(t, getenv, "diagnose", number, "worn drum bearing")
	c.waitFor(1, "worn drum bearing")
	staffRun(t, getenv, "quote", number, "480", "Replace the drum bearing", "2d")
	quote := c.waitFor(1, "CNY 480.00")
	confirm := c.press(buttonData(t, quote, "Accept the quote"), 1, "Please confirm")
	c.press(buttonData(t, confirm, "Yes, confirm"), 1, "scheduled for repair")
	staffRun(t, getenv, "status", number, "ready")
	c.waitFor(1, "is repaired")
}

func TestTelegramWebhookRefusesBadInput(t *testing.T) {
	getenv, fake := tgEnv(t)
	srv, a := startApp(t, getenv)
	_ = a
	good := telegramtest.Text(1, 42, "你好")
	cases := []struct {
		name   string
		raw    []byte
		secret string
		want   int
	}{
		{"wrong secret", good, "nope", http.StatusUnauthorized},
		{"missing secret", good, "", http.StatusUnauthorized},
		{"malformed JSON", []byte(`{"update_id": 5, "message": {`), tgSecret, http.StatusBadRequest},
		{"no update_id", []byte(`{"message": {"text": "hi"}}`), tgSecret, http.StatusBadRequest},
		{"oversized", append([]byte(`{"update_id": 6, "message": {"text": "`), bytes.Repeat([]byte("x"), 2<<20)...), tgSecret, http.StatusRequestEntityTooLarge},
		{"unknown kind", telegramtest.MyChatMember(7, 42), tgSecret, http.StatusOK},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if got := post(t, srv.URL, c.raw, c.secret); got != c.want {
				t.Fatalf("status %d, want %d", got, c.want)
			}
		})
	}
	time.Sleep(200 * time.Millisecond)
	if n := len(fake.CallsTo("sendMessage")); n != 0 {
		t.Fatalf("refused updates made %d replies", n)
	}
	// a button that was never issued: a polite word, nothing stored
	if code := post(t, srv.URL, telegramtest.Callback(8, 42, "quote:accept:FD-1001", 1), tgSecret); code != 200 {
		t.Fatalf("forged callback: %d", code)
	}
	if code := post(t, srv.URL, telegramtest.Callback(9, 42, "h:0123456789abcdef", 1), tgSecret); code != 200 {
		t.Fatalf("unknown hashed callback: %d", code)
	}
	got := waitSent(t, fake, 42, 4) // each: the button has expired, and the menu
	if !strings.Contains(got[0].Fields["text"], "失效") || !strings.Contains(got[2].Fields["text"], "失效") {
		t.Fatalf("forged button answers: %v", got)
	}
	db, err := storage.Open(context.Background(), getenv("DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if ts, _ := db.Tickets(context.Background(), storage.TicketFilter{}); len(ts) != 0 {
		t.Fatalf("tickets stored: %d", len(ts))
	}
}

func TestTelegramSendingSurvivesRateLimitsErrorsAndBlocks(t *testing.T) {
	getenv, fake := tgEnv(t)
	srv, _ := startApp(t, getenv)
	fake.FailFor("sendMessage", "61", 1, telegramtest.TooManyRequests(1))
	fake.FailFor("sendMessage", "61", 2, telegramtest.ServerError())
	start := time.Now()
	if code := post(t, srv.URL, telegramtest.Text(1, 61, "你好"), tgSecret); code != 200 {
		t.Fatalf("status %d", code)
	}
	got := waitSent(t, fake, 61, 1)
	if !strings.Contains(got[0].Fields["text"], "欢迎") || time.Since(start) < time.Second {
		t.Fatalf("429 retry_after not honoured or reply lost: %v after %v", got, time.Since(start))
	}
	// a customer who blocked the bot gets nothing more until they write
	fake.FailFor("sendMessage", "62", 1, telegramtest.Forbidden())
	post(t, srv.URL, telegramtest.Text(2, 62, "你好"), tgSecret)
	fake.WaitCalls(t, "sendMessage", 5, 10*time.Second) // 3 failed + 1 ok for 61, 1 forbidden for 62
	// the sender records the block after Telegram's answer: wait for it
	opt, _ := redis.ParseURL(getenv("REDIS_URL"))
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	for deadline := time.Now().Add(10 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if n, _ := rdb.Exists(context.Background(), getenv("REDIS_PREFIX")+"mark:blocked:telegram:62").Result(); n == 1 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the 403 did not mark the customer blocked")
		}
	}
	// while blocked, a notice for them is not sent
	if err := sendNotice(t, getenv, "62"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(2500 * time.Millisecond) // longer than a sweep of the queues
	if got := sent(fake, 62); len(got) != 0 {
		t.Fatalf("a blocked customer was sent %d messages", len(got))
	}
	post(t, srv.URL, telegramtest.Callback(3, 62, "menu:help", 1), tgSecret)
	got = waitSent(t, fake, 62, 1)
	if len(got) != 1 || !strings.Contains(got[0].Fields["text"], "我可以为您做这些") {
		t.Fatalf("after writing again the customer is answered: %v", got)
	}
}

// TestTelegramOrderAcrossTwoInstances sends 100 chats' whole reports,
// interleaved, to two server instances sharing Redis and the database,
// every update delivered twice (to one instance, then the other): each
// chat's replies arrive in order and once, and each report makes exactly
// one ticket.
func TestTelegramOrderAcrossTwoInstances(t *testing.T) {
	getenv, fake := tgEnv(t)
	fast := withEnv(getenv, "TELEGRAM_RATE", "10000") // Telegram's per-chat limit still holds
	a, _ := startApp(t, fast)
	b, _ := startApp(t, fast)
	urls := []string{a.URL, b.URL}
	const chats = 100
	type step struct{ text, data, want string }
	steps := []step{{"打印机坏了", "", "贵姓"}, {"王先生", "", "手机号码"}, {"13800138000", "", "上门维修"},
		{"", "mode:carry_in", "什么时候买的"}, {"记不清了，没有发票", "", "请您核对"}, {"", "confirm:yes", "工单号是"}}
	var wg sync.WaitGroup
	for i := 0; i < chats; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			chat := int64(20000 + i)
			for s, st := range steps {
				id := int64(100000 + i*100 + s)
				raw := telegramtest.Text(id, chat, st.text)
				if st.data != "" {
					raw = telegramtest.Callback(id, chat, st.data, 1)
				}
				// As Telegram does, a chat's next update goes only after the
				// last was acknowledged; here each goes to both instances.
				for _, u := range []string{urls[(i+s)%2], urls[(i+s+1)%2]} {
					if code := post(t, u, raw, tgSecret); code != http.StatusOK {
						t.Errorf("chat %d step %d: %d", chat, s, code)
					}
				}
			}
		}()
	}
	wg.Wait()
	for i := 0; i < chats; i++ {
		chat := int64(20000 + i)
		c := &conversation{t: t, fake: fake, chat: chat}
		for _, st := range steps {
			c.waitFor(1, st.want)
		}
		time.Sleep(10 * time.Millisecond)
		if got := sent(fake, chat); len(got) > c.count+1 { // +1: an after-hours note may follow the ticket
			t.Fatalf("chat %d: %d replies, %d expected: a redelivery was answered", chat, len(got), c.count)
		}
	}
	db, err := storage.Open(context.Background(), getenv("DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	ts, err := db.Tickets(context.Background(), storage.TicketFilter{Limit: 1000})
	if err != nil || len(ts) != chats {
		t.Fatalf("%d tickets for %d reports (%v)", len(ts), chats, err)
	}
}

// sendNotice queues a reply for a Telegram chat as the desk's notices do
// (through the channel's outbound queue), from a separate connection.
func sendNotice(t testing.TB, getenv func(string) string, chat string) error {
	t.Helper()
	opt, err := redis.ParseURL(getenv("REDIS_URL"))
	if err != nil {
		return err
	}
	rdb := redis.NewClient(opt)
	defer rdb.Close()
	raw, _ := json.Marshal(map[string]string{"text": "您好，这是一条通知。"})
	return storage.NewOutbound(rdb, getenv("REDIS_PREFIX")).Push(context.Background(), "telegram", chat, raw)
}
