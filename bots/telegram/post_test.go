package telegram

import (
	"errors"
	"testing"

	"github.com/go-telegram/bot"

	"github.com/frontdesk/frontdesk/bots/webapi"
)

// The Bot API's answers, as it documents them, read the way the library
// reads them: judge must give each the same verdict on both paths.
func TestAnswerErrorReadsTheBotAPIsAnswers(t *testing.T) {
	cases := []struct {
		name, body string
		verdict    webapi.Verdict
		is         error
		after      int
	}{
		{"ok", `{"ok":true,"result":{"message_id":7,"date":1,"chat":{"id":1,"type":"private"},"text":"hi"}}`, -1, nil, 0},
		{"429", `{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7","parameters":{"retry_after":7}}`, webapi.Limited, nil, 7},
		{"blocked", `{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}`, webapi.Final, errBlocked, 0},
		{"bad request", `{"ok":false,"error_code":400,"description":"Bad Request: message text is empty"}`, webapi.Final, bot.ErrorBadRequest, 0},
		{"server error", `{"ok":false,"error_code":500,"description":"Internal Server Error"}`, webapi.Transient, nil, 0},
		{"a proxy's page", `<html><body>502 Bad Gateway</body></html>`, webapi.Transient, nil, 0},
	}
	for _, c := range cases {
		err := answerError("sendMessage", []byte(c.body))
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
		v, after, final := judge(err)
		if v != c.verdict || int(after.Seconds()) != c.after {
			t.Errorf("%s: verdict %v after %v, want %v after %ds", c.name, v, after, c.verdict, c.after)
		}
		if c.is != nil && !errors.Is(final, c.is) {
			t.Errorf("%s: %v is not %v", c.name, final, c.is)
		}
	}
}
