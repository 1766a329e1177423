package storage

import (
	"context"
	"errors"
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

// QuietSince says member of set was last active before before (or is not
// in set at all): checked again under a chat's lock before acting on Quiet.
func (i *Idle) QuietSince(ctx context.Context, set, member string, before time.Time) (bool, error) {
	at, err := i.rdb.ZScore(ctx, i.key(set), member).Result()
	if errors.Is(err, redis.Nil) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("storage: idle member: %w", err)
	}
	return int64(at) < before.UnixMilli(), nil
}

// Adopt moves the members of an older tracker's sorted set (oldKey, under
// the prefix) into set, once: scores times scale (to milliseconds), members
// through rename when given ("" drops one; an error stops the adoption and
// keeps the old set, to be adopted at the next start). Trackers before Idle
// (until 2026-11) kept their own keys; a desk upgraded in place keeps its
// takeovers and unfinished reports. It does nothing when oldKey is gone.
func (i *Idle) Adopt(ctx context.Context, oldKey, set string, scale float64, rename func(string) (string, error)) error {
	old := i.prefix + oldKey
	zs, err := i.rdb.ZRangeWithScores(ctx, old, 0, -1).Result()
	if err != nil || len(zs) == 0 {
		return err
	}
	kept := zs[:0]
	for _, z := range zs {
		z.Score *= scale
		if m, ok := z.Member.(string); ok && rename != nil {
			if z.Member, err = rename(m); err != nil {
				return fmt.Errorf("storage: idle adopt %s: %w", oldKey, err)
			}
			if z.Member == "" {
				continue // no longer anything's
			}
		}
		kept = append(kept, z)
	}
	if len(kept) > 0 {
		if err := i.rdb.ZAdd(ctx, i.key(set), kept...).Err(); err != nil {
			return fmt.Errorf("storage: idle adopt: %w", err)
		}
	}
	return i.rdb.Del(ctx, old).Err()
}
