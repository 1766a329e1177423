package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"

	"github.com/frontdesk/frontdesk/bots/webapi"
)

const testToken = "123456:ABCdefGHIjklMNOpqrSTUvwxYZ_0123456789"

// The Bot API's answers, as it documents them, and a proxy's, read the way
// judge must read them.
func TestAnswerErrorReadsTheBotAPIsAnswers(t *testing.T) {
	cases := []struct {
		name       string
		status     int
		retryAfter string
		body       string
		verdict    webapi.Verdict
		is         error
		after      time.Duration
	}{
		{"ok", 200, "", `{"ok":true,"result":{"message_id":7,"date":1,"chat":{"id":1,"type":"private"},"text":"hi"}}`, -1, nil, 0},
		{"429", 429, "", `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}`, webapi.Limited, nil, 7 * time.Second},
		{"429 without retry_after", 429, "", `{"ok":false,"error_code":429,"description":"Too Many Requests"}`, webapi.Limited, nil, time.Second},
		{"a proxy's 429", 429, "3", `<html>slow down</html>`, webapi.Limited, nil, 3 * time.Second},
		{"blocked", 403, "", `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`, webapi.Final, errBlocked, 0},
		{"bad request", 400, "", `{"ok":false,"error_code":400,"description":"Bad Request: message text is empty"}`, webapi.Final, bot.ErrorBadRequest, 0},
		{"server error", 500, "", `{"ok":false,"error_code":500,"description":"Internal Server Error"}`, webapi.Transient, nil, 0},
		{"a proxy's page", 502, "", `<html><body>502 Bad Gateway for /bot` + testToken + `/sendMessage</body></html>`, webapi.Transient, nil, 0},
		{"a 200 cut short: taken, not sent again", 200, "", `{"ok":true,"result":{"message_id":7,"text":"`, -1, nil, 0},
	}
	for _, c := range cases {
		err := answerError("sendMessage", c.status, c.retryAfter, []byte(c.body), testToken)
		if c.verdict == -1 {
			if err != nil {
				t.Errorf("%s: %v, want no error", c.name, err)
			}
			continue
		}
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if strings.Contains(err.Error(), testToken) {
			t.Errorf("%s: the error shows the bot token: %v", c.name, err)
		}
		v, after, final := judge(err)
		if v != c.verdict || after != c.after {
			t.Errorf("%s: verdict %v after %v, want %v after %v", c.name, v, after, c.verdict, c.after)
		}
		if c.is != nil && !errors.Is(final, c.is) {
			t.Errorf("%s: %v is not %v", c.name, final, c.is)
		}
	}
}

// The desk's own sendMessage and button answer put on the wire what the
// library's would: the same path, content type and form fields in order.
func TestPostSendsTheLibrarysForm(t *testing.T) {
	type call struct {
		path, media string
		fields      [][2]string
	}
	var calls []call
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		media, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
		c := call{path: r.URL.Path, media: media}
		if err == nil {
			mr := multipart.NewReader(r.Body, params["boundary"])
			for p, err := mr.NextPart(); err == nil; p, err = mr.NextPart() {
				v, _ := io.ReadAll(p)
				c.fields = append(c.fields, [2]string{p.FormName(), string(v)})
			}
		}
		calls = append(calls, c)
		if strings.HasSuffix(r.URL.Path, "/sendMessage") {
			io.WriteString(w, `{"ok":true,"result":{"message_id":1,"date":1,"chat":{"id":42,"type":"private"},"text":"x"}}`)
			return
		}
		io.WriteString(w, `{"ok":true,"result":true}`)
	}))
	defer srv.Close()
	api, err := bot.New(testToken, bot.WithServerURL(srv.URL), bot.WithSkipGetMe(), bot.WithHTTPClient(5*time.Second, srv.Client()))
	if err != nil {
		t.Fatal(err)
	}
	b := &Bot{cfg: Config{Token: testToken, APIURL: srv.URL}, http: srv.Client()}
	ctx := context.Background()
	markup := &models.InlineKeyboardMarkup{InlineKeyboard: [][]models.InlineKeyboardButton{
		{{Text: "确认提交", CallbackData: "c:1"}}, {{Text: "修改", CallbackData: "c:2"}}}}
	raw, _ := json.Marshal(markup)
	text := "您好，王先生：\n海尔洗衣机 XQG80 脱水时漏水 & \"急\""
	if _, err := api.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(42), Text: text, ReplyMarkup: markup}); err != nil {
		t.Fatal(err)
	}
	if err := b.sendMessage(ctx, 42, text, raw); err != nil {
		t.Fatal(err)
	}
	if _, err := api.SendMessage(ctx, &bot.SendMessageParams{ChatID: int64(42), Text: "no keyboard"}); err != nil {
		t.Fatal(err)
	}
	if err := b.sendMessage(ctx, 42, "no keyboard", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := api.AnswerCallbackQuery(ctx, &bot.AnswerCallbackQueryParams{CallbackQueryID: "9001"}); err != nil {
		t.Fatal(err)
	}
	if err := b.post(ctx, "answerCallbackQuery", field{"callback_query_id", "9001"}); err != nil {
		t.Fatal(err)
	}
	if len(calls) != 6 {
		t.Fatalf("%d calls reached the server, want 6", len(calls))
	}
	for i := 0; i < 6; i += 2 {
		lib, own := calls[i], calls[i+1]
		if lib.path != own.path || lib.media != own.media || !slices.Equal(lib.fields, own.fields) {
			t.Errorf("the library sent %+v\nthe desk sent %+v", lib, own)
		}
		if len(own.fields) == 0 {
			t.Errorf("no form fields in %+v", own)
		}
	}
}
