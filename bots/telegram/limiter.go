package telegram

import (
	"context"
	"sync"
	"time"

	"github.com/frontdesk/frontdesk/bots/webapi"
	"golang.org/x/time/rate"
)

// idleAfter is how long a chat's limiter may go unused before it is evicted; a sweep
// runs at most every sweepEvery, inside Wait, so no goroutine is needed.
const (
	idleAfter  = 10 * time.Minute
	sweepEvery = time.Minute
)

// Limiter spaces outbound Bot API calls within Telegram's limits
// (https://core.telegram.org/bots/faq#my-bot-is-hitting-limits-how-do-i-avoid-this).
// It is safe for concurrent use.
type Limiter struct {
	global     *rate.Limiter
	perChat    rate.Limit
	chatBurst  int
	perGroup   rate.Limit
	groupBurst int
	idle       time.Duration
	now        func() time.Time // replaced in tests

	mu        sync.Mutex // guards the fields below
	chats     map[int64]*chatLimit
	holdAll   time.Time
	lastSweep time.Time
}

type chatLimit struct {
	chat  *rate.Limiter
	group *rate.Limiter // created on the first group message
	hold  time.Time
	used  time.Time // when the chat's latest reservation is due
}

// NewLimiter returns a Limiter with the given overall, per-chat and per-group rates;
// bursts below 1 are raised to 1.
func NewLimiter(global rate.Limit, globalBurst int, perChat rate.Limit, chatBurst int, perGroup rate.Limit, groupBurst int) *Limiter {
	l := &Limiter{
		global:  rate.NewLimiter(global, max(globalBurst, 1)),
		perChat: perChat, chatBurst: max(chatBurst, 1),
		perGroup: perGroup, groupBurst: max(groupBurst, 1),
		idle:  idleAfter,
		now:   time.Now,
		chats: map[int64]*chatLimit{},
	}
	// Evicting a chat before its bucket refills would hand it a fresh burst early.
	l.idle = max(l.idle, refill(perChat, l.chatBurst), refill(perGroup, l.groupBurst))
	return l
}

// DefaultLimiter returns Telegram's documented limits: 30 messages a second overall,
// 1 a second per chat with a burst of 3, and 20 a minute per group.
func DefaultLimiter() *Limiter {
	return NewLimiter(30, 30, 1, 3, rate.Every(time.Minute/20), 20)
}

// Wait blocks until a message to chat may go (group says whether it is a group chat),
// or ctx ends, in which case it returns ctx.Err() and gives back unused reservations.
func (l *Limiter) Wait(ctx context.Context, chatID int64, group bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := l.waitHold(ctx, chatID); err != nil {
		return err
	}

	// The chat's tokens come first, so a message queued behind its chat does not hold a
	// global token that other chats could use meanwhile.
	now := l.now()
	l.mu.Lock()
	l.sweep(now)
	c := l.entry(chatID)
	rs := []*rate.Reservation{c.chat.ReserveN(now, 1)}
	if group {
		if c.group == nil {
			c.group = rate.NewLimiter(l.perGroup, l.groupBurst)
		}
		rs = append(rs, c.group.ReserveN(now, 1))
	}
	var delay time.Duration
	for _, r := range rs {
		delay = max(delay, r.DelayFrom(now))
	}
	c.used = later(c.used, now.Add(delay))
	l.mu.Unlock()
	if err := webapi.Sleep(ctx, delay); err != nil {
		for _, r := range rs {
			r.CancelAt(l.now())
		}
		return err
	}

	now = l.now()
	g := l.global.ReserveN(now, 1)
	if err := webapi.Sleep(ctx, g.DelayFrom(now)); err != nil {
		g.CancelAt(l.now())
		return err
	}
	// A 429 may have arrived while this message waited for its tokens.
	return l.waitHold(ctx, chatID)
}

// Hold makes every Wait for chat (or, with chatID 0, every Wait) block until d has passed:
// used for a 429's retry_after. A shorter hold never cuts a longer one short.
func (l *Limiter) Hold(chatID int64, d time.Duration) {
	until := l.now().Add(d)
	l.mu.Lock()
	defer l.mu.Unlock()
	if chatID == 0 {
		l.holdAll = later(l.holdAll, until)
		return
	}
	c := l.entry(chatID)
	c.hold = later(c.hold, until)
}

// waitHold sleeps until no hold covers chatID; holds may be extended meanwhile, so it loops.
func (l *Limiter) waitHold(ctx context.Context, chatID int64) error {
	for {
		l.mu.Lock()
		until := l.holdAll
		if c, ok := l.chats[chatID]; ok {
			until = later(until, c.hold)
		}
		l.mu.Unlock()
		d := until.Sub(l.now())
		if d <= 0 {
			return nil
		}
		if err := webapi.Sleep(ctx, d); err != nil {
			return err
		}
	}
}

// entry returns chatID's limits, creating them; l.mu must be held.
func (l *Limiter) entry(chatID int64) *chatLimit {
	c, ok := l.chats[chatID]
	if !ok {
		c = &chatLimit{chat: rate.NewLimiter(l.perChat, l.chatBurst)}
		l.chats[chatID] = c
	}
	return c
}

// sweep evicts chats idle for l.idle and not held, at most once per sweepEvery; l.mu must be held.
func (l *Limiter) sweep(now time.Time) {
	if now.Sub(l.lastSweep) < sweepEvery {
		return
	}
	l.lastSweep = now
	for id, c := range l.chats {
		if now.Sub(c.used) >= l.idle && !c.hold.After(now) {
			delete(l.chats, id)
		}
	}
}

// refill is how long an empty bucket of burst tokens takes to fill at r.
func refill(r rate.Limit, burst int) time.Duration {
	if r <= 0 || r == rate.Inf {
		return 0
	}
	return time.Duration(float64(burst) / float64(r) * float64(time.Second))
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}
