package llm

import (
	"sync"
	"time"
)

// breaker stops calling a failing server: after n failures in a row it
// stays open for cooldown, then lets one call through to try again.
type breaker struct {
	mu        sync.Mutex
	n         int
	cooldown  time.Duration
	fails     int
	openUntil time.Time
	trying    bool
}

// allow says a call may go out now.
func (b *breaker) allow(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.fails < b.n {
		return true
	}
	if now.Before(b.openUntil) || b.trying {
		return false
	}
	b.trying = true // half open: this call tries the server again
	return true
}

func (b *breaker) done(ok bool, now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.trying = false
	if ok {
		b.fails = 0
		return
	}
	b.fails++
	if b.fails >= b.n {
		b.openUntil = now.Add(b.cooldown)
	}
}

// budget counts tokens per chat and in all, per day.
type budget struct {
	mu      sync.Mutex
	chatMax int
	dayMax  int
	day     string
	total   int
	byChat  map[string]int
}

// allow says chat may spend tokens today.
func (b *budget) allow(chat string, now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.roll(now)
	return b.total < b.dayMax && b.byChat[chat] < b.chatMax
}

func (b *budget) spend(chat string, tokens int, now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.roll(now)
	b.total += tokens
	b.byChat[chat] += tokens
}

func (b *budget) roll(now time.Time) {
	if d := now.Format(time.DateOnly); d != b.day {
		b.day, b.total, b.byChat = d, 0, map[string]int{}
	}
}
