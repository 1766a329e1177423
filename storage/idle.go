package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Idle keeps, per named set, when each member was last active (a sorted
// set in Redis, by milliseconds), so that the ones quiet since a time can
// be found: a report left unfinished (to nudge), a takeover left silent
// (to hand back). It is the desk's one idle tracker.
type Idle struct {
	rdb    redis.UniversalClient
	prefix string
}

// NewIdle returns the idle tracker under prefix.
func NewIdle(rdb redis.UniversalClient, prefix string) *Idle { return &Idle{rdb: rdb, prefix: prefix} }

func (i *Idle) key(set string) string { return i.prefix + "idle:" + set }

// Touch records that member of set was active at at.
func (i *Idle) Touch(ctx context.Context, set, member string, at time.Time) error {
	if err := i.rdb.ZAdd(ctx, i.key(set), redis.Z{Score: float64(at.UnixMilli()), Member: member}).Err(); err != nil {
		return fmt.Errorf("storage: idle touch: %w", err)
	}
	return nil
}

// Forget drops member from set.
func (i *Idle) Forget(ctx context.Context, set, member string) error {
	if err := i.rdb.ZRem(ctx, i.key(set), member).Err(); err != nil {
		return fmt.Errorf("storage: idle forget: %w", err)
	}
	return nil
}

// Quiet lists up to limit members of set (0: all) last active before
// before, the quietest first.
func (i *Idle) Quiet(ctx context.Context, set string, before time.Time, limit int64) ([]string, error) {
	ms, err := i.rdb.ZRangeByScore(ctx, i.key(set), &redis.ZRangeBy{Min: "-inf", Max: fmt.Sprint(before.UnixMilli() - 1), Count: limit}).Result()
	if err != nil {
		return nil, fmt.Errorf("storage: idle members: %w", err)
	}
	return ms, nil
}
