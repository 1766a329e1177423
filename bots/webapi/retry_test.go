package webapi

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

var (
	errBusy   = errors.New("503")
	errSlow   = errors.New("429")
	errRefuse = errors.New("400")
)

// script answers each try with the next error of errs (nil once they run out).
func script(errs ...error) (Call, *[]string) {
	var seen []string
	i := 0
	return Call{
		Wait: func(context.Context) error { return nil },
		Try: func(context.Context) error {
			if i >= len(errs) {
				return nil
			}
			i++
			return errs[i-1]
		},
		Judge: func(err error) (Verdict, time.Duration, error) {
			switch err {
			case errSlow:
				return Limited, time.Millisecond, err
			case errBusy:
				return Transient, 0, err
			}
			return Final, 0, err
		},
		Observe: func(outcome string, _ time.Duration) { seen = append(seen, outcome) },
	}, &seen
}

func TestRetryPolicy(t *testing.T) {
	p := Policy{Attempts: 3, First: time.Millisecond, Max: 2 * time.Millisecond, Waits: 2}
	ctx := context.Background()

	// 429s do not count as failures: two waits and two failures still succeed.
	c, seen := script(errSlow, errBusy, errSlow, errBusy)
	if err := c.Do(ctx, p); err != nil {
		t.Fatalf("429, 503, 429, 503 then ok: %v", err)
	}
	if got := strings.Join(*seen, ","); got != "rate_limited,error,rate_limited,error,ok" {
		t.Errorf("observed %s", got)
	}
	// The third transient failure ends the call.
	c, _ = script(errBusy, errBusy, errBusy)
	if err := c.Do(ctx, p); !errors.Is(err, errBusy) || !strings.Contains(err.Error(), "after 3 tries") {
		t.Errorf("three 503s: %v", err)
	}
	// Past the waits allowed, a 429 ends it.
	c, _ = script(errSlow, errSlow, errSlow)
	if err := c.Do(ctx, p); !errors.Is(err, errSlow) {
		t.Errorf("three 429s: %v", err)
	}
	// A final answer is not tried again.
	c, seen = script(errRefuse, errBusy)
	if err := c.Do(ctx, p); err != errRefuse || len(*seen) != 1 {
		t.Errorf("a 400: %v after %d tries", err, len(*seen))
	}
	// A 429 is held by Hold when given.
	c, _ = script(errSlow)
	held := time.Duration(0)
	c.Hold = func(_ context.Context, d time.Duration) error { held = d; return nil }
	if err := c.Do(ctx, p); err != nil || held != time.Millisecond {
		t.Errorf("hold: %v, held %s", err, held)
	}
	// A stopped context ends the call instead of a retry.
	stopped, cancel := context.WithCancel(ctx)
	cancel()
	c, _ = script(errBusy)
	c.Wait = func(context.Context) error { return nil }
	if err := c.Do(stopped, p); !errors.Is(err, context.Canceled) {
		t.Errorf("stopped: %v", err)
	}
}
