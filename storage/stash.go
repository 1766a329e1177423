package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Small keyed records the adapters keep in Redis beside their queues: a
// payload kept back (Stash), a piece of work done once (Once), a lease one
// replica holds (Lease).

// Take returns what Stash kept under key and removes it (GETDEL), so that of
// two callers only one gets it; "" when unknown.
func (o *Outbound) Take(ctx context.Context, key string) (string, error) {
	v, err := o.rdb.GetDel(ctx, o.prefix+"stash:"+key).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("storage: take: %w", err)
	}
	return v, nil
}

// Once returns true the first time it is called with key within ttl, and
// false after: for dropping redelivered webhooks.
func (o *Outbound) Once(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	ok, err := o.rdb.SetNX(ctx, o.prefix+"once:"+key, "1", ttl).Result()
	if err != nil {
		return false, fmt.Errorf("storage: once: %w", err)
	}
	return ok, nil
}

// Forget undoes Once for key, when the work it guarded could not be queued.
func (o *Outbound) Forget(ctx context.Context, key string) error {
	if err := o.rdb.Del(ctx, o.prefix+"once:"+key).Err(); err != nil {
		return fmt.Errorf("storage: forget: %w", err)
	}
	return nil
}

// Stash keeps value under key for ttl (a payload too long for a platform's
// button, referred to by a short key).
func (o *Outbound) Stash(ctx context.Context, key, value string, ttl time.Duration) error {
	if err := o.rdb.Set(ctx, o.prefix+"stash:"+key, value, ttl).Err(); err != nil {
		return fmt.Errorf("storage: stash: %w", err)
	}
	return nil
}

// Unstash returns what Stash kept under key, or "" when it is unknown or
// expired.
func (o *Outbound) Unstash(ctx context.Context, key string) (string, error) {
	v, err := o.rdb.Get(ctx, o.prefix+"stash:"+key).Result()
	if errors.Is(err, redis.Nil) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("storage: unstash: %w", err)
	}
	return v, nil
}

var leaseScript = redis.NewScript(`
local cur = redis.call('GET', KEYS[1])
if cur == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
if cur then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`)

// Lease takes or renews the lease name for holder (a replica's random id)
// for ttl; false while another holder has it. One replica at a time does
// the leased work (tailing a feed), and another takes over within ttl of
// its end.
func (o *Outbound) Lease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	n, err := leaseScript.Run(ctx, o.rdb, []string{o.prefix + "lease:" + name}, holder, ttl.Milliseconds()).Int()
	if err != nil {
		return false, fmt.Errorf("storage: lease %s: %w", name, err)
	}
	return n == 1, nil
}

// NewHolder returns a random id for Lease.
func NewHolder() string { return newToken() }
