package main

import (
	"context"
	"time"

	"github.com/frontdesk/frontdesk/storage"
)

// settle waits until the desk's scheduler has taken every ticket event
// (the timers and jobs each promises), so that the CPU the load command
// reports pays for that work too and not only for the replies. It returns
// how long that took after the last reply, and how many events were still
// untaken when it gave up (after limit).
func settle(ctx context.Context, url string, limit time.Duration) (time.Duration, int, error) {
	db, err := storage.Open(ctx, url)
	if err != nil {
		return 0, 0, err
	}
	defer db.Close()
	start := time.Now()
	for {
		es, err := db.UnreadEvents(ctx, storage.ScheduleTail, 1000)
		if err != nil {
			return 0, 0, err
		}
		if len(es) == 0 || time.Since(start) > limit {
			return time.Since(start), len(es), nil
		}
		time.Sleep(50 * time.Millisecond)
	}
}
