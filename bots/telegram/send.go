package telegram

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/go-telegram/bot"

	"github.com/frontdesk/frontdesk/dialog"
)

// errBlocked means the customer blocked the bot (403): nothing more is sent
// until they write again.
var errBlocked = errors.New("blocked by the customer")

// retryPolicy bounds retries of a failed call: 5xx and network errors are
// retried with a doubling pause; a 429 waits its retry_after and does not
// count as a failure, up to maxWaits of them.
type retryPolicy struct {
	attempts int
	first    time.Duration
	max      time.Duration
	maxWaits int
}

var defaultRetries = retryPolicy{attempts: 5, first: 500 * time.Millisecond, max: 10 * time.Second, maxWaits: 20}

// sendReply sends one reply, in pieces within Telegram's length limit, the
// keyboard on the last piece. Plain text (no parse_mode), so nothing needs
// escaping.
func (b *Bot) sendReply(ctx context.Context, chat int64, r dialog.Reply) error {
	parts := split(r.Text)
	for i, text := range parts {
		p := &bot.SendMessageParams{ChatID: chat, Text: text}
		if i == len(parts)-1 {
			m, err := b.markup(ctx, r)
			if err != nil {
				return err
			}
			p.ReplyMarkup = m
		}
		if err := b.call(ctx, chat, func(ctx context.Context) error {
			_, err := b.api.SendMessage(ctx, p)
			return err
		}); err != nil {
			return err
		}
	}
	return nil
}

// call makes one outbound Bot API call for chat through the rate limiter,
// with the retries of the policy.
func (b *Bot) call(ctx context.Context, chat int64, fn func(context.Context) error) error {
	pause, failures, waits := b.retries.first, 0, 0
	for {
		if err := b.limit.Wait(ctx, chat, chat < 0); err != nil {
			return err
		}
		start := time.Now()
		err := fn(ctx)
		var tooMany *bot.TooManyRequestsError
		if b.observe != nil {
			outcome := "ok"
			if errors.As(err, &tooMany) {
				outcome = "rate_limited"
			} else if err != nil {
				outcome = "error"
			}
			b.observe(outcome, time.Since(start))
		}
		switch {
		case err == nil:
			return nil
		case errors.As(err, &tooMany):
			waits++
			if waits > b.retries.maxWaits {
				return fmt.Errorf("still rate limited after %d waits: %w", waits, err)
			}
			b.limit.Hold(chat, time.Duration(tooMany.RetryAfter)*time.Second)
			continue
		case errors.Is(err, bot.ErrorForbidden):
			return fmt.Errorf("%w: %v", errBlocked, err)
		case errors.Is(err, bot.ErrorBadRequest), errors.Is(err, bot.ErrorUnauthorized), errors.Is(err, bot.ErrorNotFound):
			return err // retrying cannot help
		case ctx.Err() != nil:
			return ctx.Err()
		}
		failures++
		if failures >= b.retries.attempts {
			return fmt.Errorf("after %d tries: %w", failures, err)
		}
		if err := sleep(ctx, pause); err != nil {
			return err
		}
		pause = min(pause*2, b.retries.max)
	}
}
