package telegram

import (
	"context"
	"errors"
	"slices"
	"sync"
	"testing"
	"time"

	"golang.org/x/time/rate"
)

type send struct {
	chat  int64
	group bool
}

func repeat(n int, chat int64, group bool) []send {
	return slices.Repeat([]send{{chat, group}}, n)
}

// sendAll runs a Wait per send concurrently and returns the sorted times, since start,
// at which they returned.
func sendAll(t *testing.T, l *Limiter, sends []send) []time.Duration {
	t.Helper()
	start := time.Now()
	var mu sync.Mutex
	var done []time.Duration
	var wg sync.WaitGroup
	for _, s := range sends {
		wg.Go(func() {
			if err := l.Wait(t.Context(), s.chat, s.group); err != nil {
				t.Errorf("Wait(%d): %v", s.chat, err)
			}
			mu.Lock()
			defer mu.Unlock()
			done = append(done, time.Since(start))
		})
	}
	wg.Wait()
	slices.Sort(done)
	return done
}

func TestLimiterRates(t *testing.T) {
	var manyChats []send
	for chat := range int64(100) {
		manyChats = append(manyChats, send{chat + 1, false}, send{chat + 1, false})
	}
	tests := []struct {
		name  string
		lim   *Limiter
		sends []send
		rate  float64 // the limit that binds, per second; 0 when none does
		burst int
		// within is a generous bound on the whole run, showing that nothing else binds.
		within time.Duration
	}{
		{"per chat", NewLimiter(rate.Inf, 1, 40, 3, rate.Inf, 1), repeat(20, 1, false), 40, 3, 5 * time.Second},
		{"global across chats", NewLimiter(200, 20, 1, 3, rate.Inf, 1), manyChats, 200, 20, 5 * time.Second},
		{"per group", NewLimiter(rate.Inf, 1, rate.Inf, 1, 10, 5), repeat(15, -7, true), 10, 5, 5 * time.Second},
		{"private chat skips group limit", NewLimiter(rate.Inf, 1, rate.Inf, 1, 10, 5), repeat(15, 7, false), 0, 0, 500 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			done := sendAll(t, tc.lim, tc.sends)
			// The k-th message cannot go before the k-th token exists: lower bounds only,
			// which a slow machine cannot break. 1ms covers rounding in rate.
			for k, d := range done {
				if tc.rate == 0 {
					break
				}
				earliest := time.Duration(float64(k+1-tc.burst) / tc.rate * float64(time.Second))
				if d < earliest-time.Millisecond {
					t.Fatalf("message %d went after %v, before its token at %v", k+1, d, earliest)
				}
			}
			if last := done[len(done)-1]; last > tc.within {
				t.Errorf("%d messages took %v, want under %v", len(done), last, tc.within)
			}
		})
	}
}

func TestLimiterHold(t *testing.T) {
	type hold struct {
		chat int64
		d    time.Duration
	}
	tests := []struct {
		name    string
		holds   []hold
		chat    int64
		atLeast time.Duration
		atMost  time.Duration // 0: no upper bound
	}{
		{"held chat waits", []hold{{7, 300 * time.Millisecond}}, 7, 300 * time.Millisecond, 0},
		{"other chat goes", []hold{{7, time.Hour}}, 8, 0, 500 * time.Millisecond},
		{"global hold delays every chat", []hold{{0, 300 * time.Millisecond}}, 8, 300 * time.Millisecond, 0},
		{"shorter hold keeps the longer", []hold{{7, 300 * time.Millisecond}, {7, time.Millisecond}}, 7, 300 * time.Millisecond, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			l := NewLimiter(rate.Inf, 1, rate.Inf, 1, rate.Inf, 1)
			start := time.Now()
			for _, h := range tc.holds {
				l.Hold(h.chat, h.d)
			}
			if err := l.Wait(t.Context(), tc.chat, false); err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d < tc.atLeast || (tc.atMost > 0 && d > tc.atMost) {
				t.Errorf("Wait took %v, want between %v and %v", d, tc.atLeast, tc.atMost)
			}
		})
	}
}

func TestLimiterHoldDuringWait(t *testing.T) {
	l := NewLimiter(rate.Inf, 1, 10, 1, rate.Inf, 1)
	start := time.Now()
	if err := l.Wait(t.Context(), 1, false); err != nil {
		t.Fatal(err)
	}
	errc := make(chan error)
	go func() { errc <- l.Wait(t.Context(), 1, false) }() // waits ~100ms for its token
	l.Hold(0, 400*time.Millisecond)
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d < 400*time.Millisecond {
		t.Errorf("a hold set while waiting for a token was ignored: Wait returned after %v", d)
	}
}

func TestLimiterCancel(t *testing.T) {
	slow := rate.Every(time.Hour)
	tests := []struct {
		name  string
		lim   *Limiter
		group bool
		setup func(l *Limiter) error
	}{
		{"waiting for chat", NewLimiter(rate.Inf, 1, slow, 1, rate.Inf, 1), false,
			func(l *Limiter) error { return l.Wait(context.Background(), 1, false) }},
		{"waiting for group", NewLimiter(rate.Inf, 1, rate.Inf, 1, slow, 1), true,
			func(l *Limiter) error { return l.Wait(context.Background(), 1, true) }},
		{"waiting for global", NewLimiter(slow, 1, rate.Inf, 1, rate.Inf, 1), false,
			func(l *Limiter) error { return l.Wait(context.Background(), 2, false) }},
		{"held", NewLimiter(rate.Inf, 1, rate.Inf, 1, rate.Inf, 1), false,
			func(l *Limiter) error { l.Hold(1, time.Hour); return nil }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			if err := tc.setup(tc.lim); err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
			defer cancel()
			start := time.Now()
			if err := tc.lim.Wait(ctx, 1, tc.group); !errors.Is(err, context.DeadlineExceeded) {
				t.Errorf("Wait = %v, want %v", err, context.DeadlineExceeded)
			}
			if d := time.Since(start); d > 2*time.Second {
				t.Errorf("Wait returned %v after its context ended", d)
			}
			cancelled, cancelNow := context.WithCancel(t.Context())
			cancelNow()
			if err := tc.lim.Wait(cancelled, 3, false); !errors.Is(err, context.Canceled) {
				t.Errorf("Wait with a cancelled context = %v", err)
			}
		})
	}
}

func TestLimiterSlowChatKeepsGlobalTokens(t *testing.T) {
	slow := rate.Every(time.Hour)
	l := NewLimiter(slow, 2, slow, 1, rate.Inf, 1)
	if err := l.Wait(t.Context(), 1, false); err != nil { // chat 1's only token, global token 1
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	errc := make(chan error)
	go func() { errc <- l.Wait(ctx, 1, false) }() // blocks on chat 1 for an hour
	time.Sleep(20 * time.Millisecond)

	other, cancelOther := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancelOther()
	if err := l.Wait(other, 2, false); err != nil {
		t.Errorf("chat 2 could not have global token 2 while chat 1 waited: %v", err)
	}
	cancel()
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("blocked Wait = %v, want %v", err, context.Canceled)
	}
}

func TestLimiterEvictsIdleChats(t *testing.T) {
	// The clock is frozen, so only unlimited global tokens keep Wait from sleeping.
	l := NewLimiter(rate.Inf, 1, 1, 3, rate.Every(time.Minute/20), 20)
	now := time.Now()
	l.now = func() time.Time { return now }
	for chat := range int64(100) {
		if err := l.Wait(t.Context(), -chat-1, true); err != nil {
			t.Fatal(err)
		}
	}
	l.Hold(500, time.Hour)
	now = now.Add(idleAfter + time.Second)
	if err := l.Wait(t.Context(), 1000, false); err != nil {
		t.Fatal(err)
	}
	if len(l.chats) != 2 {
		t.Errorf("%d chats kept, want the new one and the held one", len(l.chats))
	}
	if _, ok := l.chats[500]; !ok {
		t.Error("a held chat was evicted")
	}

	// A bucket slower to refill than idleAfter keeps its chat until it is full again.
	if got := NewLimiter(rate.Inf, 1, rate.Every(time.Hour), 2, rate.Inf, 1).idle; got != 2*time.Hour {
		t.Errorf("idle = %v, want 2h", got)
	}
}
