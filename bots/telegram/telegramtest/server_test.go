package telegramtest_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
)

const token = "123456:TEST-token"

func newBot(t *testing.T, s *telegramtest.Server, opts ...bot.Option) *bot.Bot {
	t.Helper()
	b, err := bot.New(token, append([]bot.Option{bot.WithServerURL(s.URL)}, opts...)...)
	if err != nil {
		t.Fatalf("bot.New: %v", err)
	}
	return b
}

func TestFakeGetMe(t *testing.T) {
	s := telegramtest.NewServer(t, token)
	me, err := newBot(t, s).GetMe(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if me.ID != telegramtest.BotID || !me.IsBot || me.Username != telegramtest.BotUsername || me.FirstName != "Frontdesk" {
		t.Errorf("getMe = %+v", me)
	}
	if n := len(s.CallsTo("getMe")); n != 2 { // bot.New calls it too
		t.Errorf("getMe calls = %d, want 2", n)
	}
}

func TestFakeWrongToken(t *testing.T) {
	s := telegramtest.NewServer(t, token)
	_, err := bot.New("999:wrong", bot.WithServerURL(s.URL))
	if !errors.Is(err, bot.ErrorNotFound) {
		t.Errorf("bot.New with wrong token: err = %v, want ErrorNotFound", err)
	}
	if len(s.Calls()) != 0 {
		t.Errorf("calls with a wrong token were recorded: %v", s.Calls())
	}
}

func TestFakeSendMessage(t *testing.T) {
	s := telegramtest.NewServer(t, token)
	b := newBot(t, s, bot.WithSkipGetMe())
	kb := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{{{Text: "是", CallbackData: "yes"}}}}
	for i, tc := range []struct {
		chatID int64
		wantID int
		chat   models.ChatType
	}{{1, 1, "private"}, {1, 2, "private"}, {-1002, 1, "supergroup"}, {-5, 1, "group"}} {
		m, err := b.SendMessage(t.Context(), &bot.SendMessageParams{ChatID: tc.chatID, Text: "你好 \"x\"", ReplyMarkup: kb})
		if err != nil {
			t.Fatalf("send %d: %v", i, err)
		}
		if m.ID != tc.wantID || m.Chat.ID != tc.chatID || m.Chat.Type != tc.chat || m.Text != "你好 \"x\"" ||
			m.From == nil || m.From.ID != telegramtest.BotID || m.Date == 0 || m.ReplyMarkup == nil {
			t.Errorf("send %d: message = %+v", i, m)
		}
	}
	c := s.CallsTo("sendMessage")[0]
	if c.Fields["chat_id"] != "1" || c.Fields["text"] != "你好 \"x\"" || !strings.Contains(c.Fields["reply_markup"], `"callback_data":"yes"`) {
		t.Errorf("recorded %s", c)
	}
}

func TestFakeOtherMethods(t *testing.T) {
	s := telegramtest.NewServer(t, token)
	b := newBot(t, s, bot.WithSkipGetMe())
	ctx := t.Context()
	for name, call := range map[string]func() (bool, error){
		"answerCallbackQuery": func() (bool, error) {
			return b.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: "1"})
		},
		"setMyCommands": func() (bool, error) {
			return b.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: []models.BotCommand{{Command: "start", Description: "开始"}}})
		},
		"setWebhook":    func() (bool, error) { return b.SetWebhook(ctx, &bot.SetWebhookParams{URL: "https://example.com/hook"}) },
		"deleteWebhook": func() (bool, error) { return b.DeleteWebhook(ctx, &bot.DeleteWebhookParams{}) },
	} {
		if ok, err := call(); !ok || err != nil {
			t.Errorf("%s = %v, %v; want true", name, ok, err)
		}
	}
	m, err := b.EditMessageText(ctx, &bot.EditMessageTextParams{ChatID: 7, MessageID: 3, Text: "new"})
	if err != nil || m.ID != 3 || m.Chat.ID != 7 || m.Text != "new" || m.EditDate == 0 {
		t.Errorf("editMessageText = %+v, %v", m, err)
	}
	m, err = b.SendPhoto(ctx, &bot.SendPhotoParams{ChatID: 7, Caption: "屏幕",
		Photo: &models.InputFileUpload{Filename: "crack.jpg", Data: bytes.NewReader([]byte("jpeg"))}})
	if err != nil || len(m.Photo) != 2 || m.Caption != "屏幕" {
		t.Errorf("sendPhoto = %+v, %v", m, err)
	}
	if f := s.CallsTo("sendPhoto")[0].Fields["photo"]; f != "crack.jpg" {
		t.Errorf("uploaded photo recorded as %q, want its file name", f)
	}
	m, err = b.SendDocument(ctx, &bot.SendDocumentParams{ChatID: 7, Document: &models.InputFileString{Data: "FILEID"}})
	if err != nil || m.Document == nil || m.ID != 2 {
		t.Errorf("sendDocument = %+v, %v", m, err)
	}
}

func TestFakeFailures(t *testing.T) {
	tests := []struct {
		name    string
		failure telegramtest.Failure
		check   func(error) bool
	}{
		{"429", telegramtest.TooManyRequests(3), func(err error) bool {
			var tm *bot.TooManyRequestsError
			return errors.As(err, &tm) && tm.RetryAfter == 3
		}},
		{"500", telegramtest.ServerError(), func(err error) bool {
			return err != nil && strings.Contains(err.Error(), "500 Internal Server Error")
		}},
		{"403", telegramtest.Forbidden(), func(err error) bool { return errors.Is(err, bot.ErrorForbidden) }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := telegramtest.NewServer(t, token)
			b := newBot(t, s, bot.WithSkipGetMe())
			s.Fail("sendMessage", 2, tc.failure)
			for i := range 3 {
				_, err := b.SendMessage(t.Context(), &bot.SendMessageParams{ChatID: 1, Text: "hi"})
				if i < 2 && !tc.check(err) {
					t.Errorf("call %d: err = %v", i, err)
				}
				if i == 2 && err != nil {
					t.Errorf("call after the failures: %v", err)
				}
			}
			calls := s.CallsTo("sendMessage")
			if len(calls) != 3 || !calls[0].Failed || !calls[1].Failed || calls[2].Failed {
				t.Errorf("calls = %v", calls)
			}
		})
	}
}

func TestFakeFailFor(t *testing.T) {
	s := telegramtest.NewServer(t, token)
	b := newBot(t, s, bot.WithSkipGetMe())
	s.FailFor("sendMessage", "2", 1, telegramtest.Forbidden())
	for _, chat := range []int64{1, 2, 2} {
		_, err := b.SendMessage(t.Context(), &bot.SendMessageParams{ChatID: chat, Text: "hi"})
		if failed := s.CallsTo("sendMessage")[len(s.CallsTo("sendMessage"))-1].Failed; failed != (err != nil) {
			t.Errorf("chat %d: err = %v, recorded failed = %v", chat, err, failed)
		}
	}
	if calls := s.CallsTo("sendMessage"); calls[0].Failed || !calls[1].Failed || calls[2].Failed {
		t.Errorf("only the first call to chat 2 should fail: %v", calls)
	}
	s.Reset()
	if len(s.Calls()) != 0 {
		t.Errorf("Reset kept calls")
	}
}

func TestFakeBodies(t *testing.T) {
	s := telegramtest.NewServer(t, token)
	tests := []struct{ name, contentType, body string }{
		{"json", "application/json", `{"chat_id":42,"text":"a&b","reply_markup":{"inline_keyboard":[]}}`},
		{"urlencoded", "application/x-www-form-urlencoded", `chat_id=42&text=a%26b&reply_markup=%7B%22inline_keyboard%22%3A%5B%5D%7D`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s.Reset()
			resp, err := http.Post(s.URL+"/bot"+token+"/sendMessage", tc.contentType, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var r struct {
				OK     bool           `json:"ok"`
				Result models.Message `json:"result"`
			}
			if err := json.NewDecoder(resp.Body).Decode(&r); err != nil || !r.OK || r.Result.Chat.ID != 42 {
				t.Errorf("response %+v, %v", r, err)
			}
			want := map[string]string{"chat_id": "42", "text": "a&b", "reply_markup": `{"inline_keyboard":[]}`}
			got := s.CallsTo("sendMessage")[0].Fields
			for k, v := range want {
				if got[k] != v {
					t.Errorf("field %s = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

func TestFakeGetUpdates(t *testing.T) {
	s := telegramtest.NewServer(t, token)
	get := func(offset, timeout string) []models.Update {
		t.Helper()
		resp, err := http.Post(s.URL+"/bot"+token+"/getUpdates", "application/x-www-form-urlencoded",
			strings.NewReader("offset="+offset+"&timeout="+timeout))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		var r struct {
			Result []models.Update `json:"result"`
		}
		if err := json.Unmarshal(body, &r); err != nil || !bytes.Contains(body, []byte(`"result":[`)) {
			t.Fatalf("getUpdates body %s: %v", body, err)
		}
		return r.Result
	}
	s.PushUpdate(telegramtest.Text(1, 10, "a"))
	s.PushUpdate(telegramtest.Text(2, 10, "b"))
	if u := get("0", "0"); len(u) != 2 || u[0].ID != 1 || u[1].ID != 2 {
		t.Errorf("offset 0: %+v", u)
	}
	if u := get("2", "0"); len(u) != 1 || u[0].Message.Text != "b" {
		t.Errorf("offset 2: %+v", u)
	}
	if u := get("0", "0"); len(u) != 1 {
		t.Errorf("update 1 was not dropped once confirmed: %+v", u)
	}
	if u := get("3", "0"); len(u) != 0 {
		t.Errorf("offset 3, nothing queued: %+v", u)
	}
	go func() {
		time.Sleep(50 * time.Millisecond)
		s.PushUpdate(telegramtest.Text(3, 10, "c"))
	}()
	if u := get("3", "30"); len(u) != 1 || u[0].Message.Text != "c" {
		t.Errorf("long poll: %+v", u)
	}
}

func TestFakeLongPolling(t *testing.T) {
	s := telegramtest.NewServer(t, token)
	var mu sync.Mutex
	var got []string
	b := newBot(t, s, bot.WithDefaultHandler(func(_ context.Context, _ *bot.Bot, u *models.Update) {
		mu.Lock()
		defer mu.Unlock()
		got = append(got, u.Message.Text)
	}))
	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan struct{})
	go func() { b.Start(ctx); close(done) }()
	t.Cleanup(func() { cancel(); <-done })

	s.PushUpdate(telegramtest.Text(1, 10, "hello"))
	s.PushUpdate(telegramtest.Command(2, 10, "/start"))
	// The bot handles both and confirms them by asking for offset 3.
	deadline := time.Now().Add(5 * time.Second)
	for {
		mu.Lock()
		handled := len(got)
		mu.Unlock()
		calls := s.CallsTo("getUpdates")
		if handled == 2 && len(calls) > 0 && calls[len(calls)-1].Fields["offset"] == "3" {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("handled %d updates; getUpdates calls: %v", handled, calls)
		}
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	defer mu.Unlock()
	if slices.Sort(got); !slices.Equal(got, []string{"/start", "hello"}) {
		t.Errorf("handled %q", got)
	}
}

// fatalTB records Fatalf instead of failing the real test.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Helper() {}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = format
	runtime.Goexit()
}

func TestFakeWaitCalls(t *testing.T) {
	s := telegramtest.NewServer(t, token)
	b := newBot(t, s, bot.WithSkipGetMe())
	go b.SendMessage(t.Context(), &bot.SendMessageParams{ChatID: 1, Text: "hi"})
	if calls := s.WaitCalls(t, "sendMessage", 1, 5*time.Second); calls[0].Fields["text"] != "hi" {
		t.Errorf("WaitCalls = %v", calls)
	}

	ftb := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() { defer close(done); s.WaitCalls(ftb, "sendPhoto", 1, 20*time.Millisecond) }()
	<-done
	if !strings.Contains(ftb.msg, "want %d calls to %s") {
		t.Errorf("WaitCalls did not fail on timeout: %q", ftb.msg)
	}
}
