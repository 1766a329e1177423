package telegram

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/go-telegram/bot"

	"github.com/frontdesk/frontdesk/bots/webapi"
	"github.com/frontdesk/frontdesk/dialog"
)

// errBlocked means the customer blocked the bot (403): nothing more is sent
// until they write again.
var errBlocked = errors.New("blocked by the customer")

// defaultRetries: 5xx and network errors are retried with a doubling
// pause; a 429 waits its retry_after and does not count as a failure, up
// to 20 of them.
var defaultRetries = webapi.Policy{Attempts: 5, First: 500 * time.Millisecond, Max: 10 * time.Second, Waits: 20}

// sendReply sends one reply, in pieces within Telegram's length limit, the
// keyboard on the last piece. Plain text (no parse_mode), so nothing needs
// escaping.
func (b *Bot) sendReply(ctx context.Context, chat int64, r dialog.Reply) error {
	parts := split(r.Text)
	for i, text := range parts {
		var markup []byte
		if i == len(parts)-1 {
			m, err := b.markup(ctx, r)
			if err != nil {
				return err
			}
			if m != nil {
				if markup, err = json.Marshal(m); err != nil {
					return err
				}
			}
		}
		if err := b.call(ctx, chat, func(ctx context.Context) error {
			return b.sendMessage(ctx, chat, text, markup)
		}); err != nil {
			return err
		}
	}
	return nil
}

// call makes one outbound Bot API call for chat through the rate limiter,
// with the retries of the policy. A 429 holds the whole chat in the
// limiter for its retry_after.
func (b *Bot) call(ctx context.Context, chat int64, fn func(context.Context) error) error {
	return webapi.Call{
		Wait:    func(ctx context.Context) error { return b.limit.Wait(ctx, chat, chat < 0) },
		Try:     fn,
		Judge:   judge,
		Hold:    func(_ context.Context, d time.Duration) error { b.limit.Hold(chat, d); return nil },
		Observe: b.observe,
	}.Do(ctx, b.retries)
}

// judge reads a failed Bot API call: a 429 waits, a blocked bot or a bad
// request is final, anything else (5xx, network) is tried again.
func judge(err error) (webapi.Verdict, time.Duration, error) {
	var tooMany *bot.TooManyRequestsError
	switch {
	case errors.As(err, &tooMany):
		// at least a second, also for a 429 that names no retry_after
		return webapi.Limited, time.Duration(max(tooMany.RetryAfter, 1)) * time.Second, err
	case errors.Is(err, bot.ErrorForbidden):
		return webapi.Final, 0, fmt.Errorf("%w: %v", errBlocked, err)
	case errors.Is(err, bot.ErrorBadRequest), errors.Is(err, bot.ErrorUnauthorized), errors.Is(err, bot.ErrorNotFound):
		return webapi.Final, 0, err
	}
	return webapi.Transient, 0, err
}
