// Package webapi holds what the channel adapters do alike when they call an
// outside service's Web API (Telegram's Bot API, Slack's): one call made
// through a rate limiter, retried by a policy, each try observed.
package webapi

import (
	"context"
	"fmt"
	"time"
)

// Verdict is what a failed try means for the call.
type Verdict int

const (
	// Final: retrying cannot help (a bad request, a forbidden chat).
	Final Verdict = iota
	// Transient: a 5xx or a network error, retried after a doubling pause.
	Transient
	// Limited: a 429, retried after the service's Retry-After; it does not
	// count as a failure.
	Limited
)

// Policy bounds the retries of one call.
type Policy struct {
	Attempts int           // tries that failed transiently before giving up
	First    time.Duration // the pause after the first transient failure, doubled after each
	Max      time.Duration // the longest pause
	Waits    int           // 429s waited out before giving up
}

// Call is one Web API call and how its answers are read.
type Call struct {
	// Wait is the rate limiter, waited on before each try.
	Wait func(ctx context.Context) error
	// Try makes the request once.
	Try func(ctx context.Context) error
	// Judge reads a try's error: its verdict, for Limited how long the
	// service asked to wait, and the error to return if the call ends here.
	Judge func(err error) (v Verdict, after time.Duration, final error)
	// Hold waits out a 429 (nil: sleep for it); Telegram's limiter holds the
	// whole chat instead, so other calls to it wait too.
	Hold func(ctx context.Context, after time.Duration) error
	// Observe is told of every try: ok, rate_limited or error, and how long
	// it took; nil for none.
	Observe func(outcome string, took time.Duration)
}

// Do makes the call under policy p until it succeeds, fails for good, or p
// gives up.
func (c Call) Do(ctx context.Context, p Policy) error {
	pause, failures, waits := p.First, 0, 0
	for {
		if err := c.Wait(ctx); err != nil {
			return err
		}
		start := time.Now()
		err := c.Try(ctx)
		if err == nil {
			c.observe("ok", start)
			return nil
		}
		v, after, final := c.Judge(err)
		if v == Limited {
			c.observe("rate_limited", start)
		} else {
			c.observe("error", start)
		}
		switch {
		case ctx.Err() != nil:
			return ctx.Err()
		case v == Final:
			return final
		case v == Limited:
			if waits++; waits > p.Waits {
				return fmt.Errorf("still rate limited after %d waits: %w", waits, final)
			}
			hold := c.Hold
			if hold == nil {
				hold = Sleep
			}
			if err := hold(ctx, after); err != nil {
				return err
			}
			continue
		}
		if failures++; failures >= p.Attempts {
			return fmt.Errorf("after %d tries: %w", failures, final)
		}
		if err := Sleep(ctx, pause); err != nil {
			return err
		}
		pause = min(pause*2, p.Max)
	}
}

func (c Call) observe(outcome string, start time.Time) {
	if c.Observe != nil {
		c.Observe(outcome, time.Since(start))
	}
}

// Sleep waits d, or until ctx ends (its error).
func Sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
