package llm

import (
	"sync/atomic"
	"time"
)

// Stats counts what the model did, for the logs and, later, metrics.
type Stats struct {
	Calls          int64         // calls sent to the server (retries included)
	Understood     int64         // messages the model's commands were taken for
	Failures       int64         // calls that failed (error, status, timeout)
	Unreadable     int64         // replies that were not the commands' JSON
	Fallbacks      int64         // unsure messages left to the rules' reading
	BudgetRefusals int64         // calls not made: a chat's or the day's budget spent
	BreakerRefused int64         // calls not made: the breaker was open
	Tokens         int64         // tokens the server reported
	Latency        time.Duration // total time spent in calls
}

type counters struct {
	calls, understood, failures, unreadable, fallbacks, budget, breaker, tokens, latency atomic.Int64
}

func (c *counters) snapshot() Stats {
	return Stats{Calls: c.calls.Load(), Understood: c.understood.Load(), Failures: c.failures.Load(),
		Unreadable: c.unreadable.Load(), Fallbacks: c.fallbacks.Load(), BudgetRefusals: c.budget.Load(),
		BreakerRefused: c.breaker.Load(), Tokens: c.tokens.Load(), Latency: time.Duration(c.latency.Load())}
}
