package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// OpenRedis connects to the Redis at url. When url is empty it starts an
// in-process Redis-compatible server (miniredis) on loopback, so the
// zero-setup default runs the same client code as production. The returned
// close function closes the client and stops that server.
func OpenRedis(ctx context.Context, url string) (redis.UniversalClient, func(), error) {
	var mr *miniredis.Miniredis
	if url == "" {
		mr = miniredis.NewMiniRedis()
		if err := mr.StartAddr("127.0.0.1:0"); err != nil {
			return nil, nil, fmt.Errorf("storage: start in-process redis: %w", err)
		}
		url = "redis://" + mr.Addr()
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		return nil, nil, fmt.Errorf("storage: REDIS_URL: %w", err)
	}
	if opt.PoolSize == 0 {
		// A turn holds a connection for its two scripts and every channel
		// sender for its claims; go-redis's default of 10 per core makes
		// them queue for connections under load. ?pool_size= overrides.
		opt.PoolSize = 100
	}
	rdb := redis.NewClient(opt)
	stopClock := func() {}
	if mr != nil {
		stopClock = RealTime(mr)
	}
	closeAll := func() {
		rdb.Close()
		if mr != nil {
			stopClock()
			mr.Close()
		}
	}
	if err := rdb.Ping(ctx).Err(); err != nil {
		closeAll()
		return nil, nil, fmt.Errorf("storage: connect redis: %w", err)
	}
	return rdb, closeAll, nil
}

// RealTime makes mr's keys expire as time passes, as Redis's do (miniredis
// moves its clock only when told), so idle conversations are forgotten and
// a crashed sender's lock runs out. It returns a function that stops it.
func RealTime(mr *miniredis.Miniredis) func() {
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(250 * time.Millisecond)
		defer tick.Stop()
		last := time.Now()
		for {
			select {
			case <-done:
				return
			case now := <-tick.C:
				mr.FastForward(now.Sub(last))
				last = now
			}
		}
	}()
	return func() { close(done); <-stopped }
}
