package storage

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// OpenRedis connects to the Redis at url. When url is empty it starts an
// in-process Redis-compatible server (miniredis) on loopback, so the
// zero-setup default runs the same client code as production; with a
// snapshot path, that server's keys are loaded from it at start and saved
// to it every SnapshotEvery and when closing, so conversations and web-chat
// transcripts survive a restart. The returned close function closes the
// client and stops that server.
func OpenRedis(ctx context.Context, url, snapshot string, log *slog.Logger) (redis.UniversalClient, func(), error) {
	var mr *miniredis.Miniredis
	if url == "" {
		mr = miniredis.NewMiniRedis()
		if snapshot != "" {
			if _, err := loadSnapshot(mr, snapshot); err != nil {
				return nil, nil, fmt.Errorf("storage: in-process redis: %w", err)
			}
		}
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
	stopClock, stopSaving := func() {}, func() {}
	if mr != nil {
		stopClock = RealTime(mr)
		if snapshot != "" {
			save := keepSaving(mr, snapshot, log)
			// The staff command line (frontdesk chat) reaches this Redis
			// through the address left beside the snapshot, on loopback.
			if err := os.WriteFile(snapshot+".addr", []byte(mr.Addr()), 0o600); err != nil {
				log.Warn("in-process redis: address not written; frontdesk chat cannot reach it", "err", err)
			}
			stopSaving = func() { os.Remove(snapshot + ".addr"); save() }
		}
	}
	closeAll := func() {
		rdb.Close()
		if mr != nil {
			stopSaving() // the last snapshot, after every client is done
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

// SnapshotEvery is how often the in-process Redis is saved: a process
// killed outright loses at most this much of its conversations' changes.
const SnapshotEvery = 2 * time.Second

// keepSaving saves mr to path every SnapshotEvery, and once more when the
// returned function is called.
func keepSaving(mr *miniredis.Miniredis, path string, log *slog.Logger) func() {
	done := make(chan struct{})
	stopped := make(chan struct{})
	go func() {
		defer close(stopped)
		tick := time.NewTicker(SnapshotEvery)
		defer tick.Stop()
		for {
			select {
			case <-done:
				if err := saveSnapshot(mr, path); err != nil {
					log.Error("in-process redis: last snapshot failed; the one before stands", "path", path, "err", err)
				}
				return
			case <-tick.C:
				if err := saveSnapshot(mr, path); err != nil {
					log.Warn("in-process redis: snapshot failed; retried in a moment", "path", path, "err", err)
				}
			}
		}
	}()
	return func() { close(done); <-stopped }
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

// InProcessRedis returns the URL of the in-process Redis a running server
// keeps its snapshot at, from the address it left beside it; ok is false
// when no server is running there.
func InProcessRedis(snapshot string) (string, bool) {
	addr, err := os.ReadFile(snapshot + ".addr")
	if err != nil || len(addr) == 0 {
		return "", false
	}
	return "redis://" + string(addr), true
}
