package main

import (
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
)

// TestTelegramButtonAnswerDoesNotHoldTheTurn: a pressed button is answered
// (its spinner stopped) beside the turn, not before it: with Telegram slow
// to take the answer, the turn's reply is sent first, and the answer still
// arrives.
func TestTelegramButtonAnswerDoesNotHoldTheTurn(t *testing.T) {
	getenv, fake := tgEnv(t)
	srv, _ := startApp(t, getenv)
	fake.Slow("answerCallbackQuery", 3*time.Second)
	if code := post(t, srv.URL, telegramtest.Callback(1, 95, "menu:help", 1), tgSecret); code != 200 {
		t.Fatalf("status %d", code)
	}
	got := waitSent(t, fake, 95, 1)
	if !strings.Contains(got[0].Fields["text"], "我可以为您做这些") {
		t.Fatalf("reply %q", got[0].Fields["text"])
	}
	if n := len(fake.CallsTo("answerCallbackQuery")); n != 0 {
		t.Fatalf("the reply waited for the button's answer (%d answered before it)", n)
	}
	fake.WaitCalls(t, "answerCallbackQuery", 1, 10*time.Second)
}
