package main

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"
)

// latencies collects the load command's first-reply latencies, over all
// updates and by step of the customer's script, so that a tail can be
// traced to the step it comes from (the ticket's, mostly).
type latencies struct {
	mu    sync.Mutex
	steps [][]time.Duration // by step, from 0
}

// add records one update's first-reply latency at step (from 0).
func (l *latencies) add(step int, d time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	for len(l.steps) <= step {
		l.steps = append(l.steps, nil)
	}
	l.steps[step] = append(l.steps[step], d)
}

// count is how many updates were answered.
func (l *latencies) count() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, s := range l.steps {
		n += len(s)
	}
	return n
}

// report prints p50, p90 and p99 over all updates, then each step's.
func (l *latencies) report(w io.Writer) {
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(w, "first reply %s\n", percentiles(slices.Concat(l.steps...), "  "))
	var by []string
	for i, s := range l.steps {
		by = append(by, fmt.Sprintf("%d) %s", i+1, percentiles(s, " ")))
	}
	fmt.Fprintf(w, "first reply by step  %s\n", strings.Join(by, "; "))
}

// percentiles formats p50, p90 and p99 of ds (sorting it).
func percentiles(ds []time.Duration, sep string) string {
	slices.Sort(ds)
	pct := func(p float64) time.Duration {
		if len(ds) == 0 {
			return 0
		}
		return ds[min(len(ds)-1, int(float64(len(ds))*p))].Round(100 * time.Microsecond)
	}
	return fmt.Sprintf("p50 %s%sp90 %s%sp99 %s", pct(0.5), sep, pct(0.9), sep, pct(0.99))
}
