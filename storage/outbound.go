package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Outbound is each chat's queue of replies waiting to be sent on a channel
// whose sending is slow or may fail (Telegram). A turn's replies are queued
// with its state (see Conversation.Outgoing); a sender takes a chat's lock,
// sends the head, pops it, and so on, so replies leave in order, once per
// success, whichever replica sends them. A chat with queued replies is in
// its channel's pending set, so a sender that restarts finds them.
type Outbound struct {
	rdb    redis.UniversalClient
	prefix string
}

// NewOutbound returns the outbound queues under prefix (the same prefix as
// the conversation states).
func NewOutbound(rdb redis.UniversalClient, prefix string) *Outbound {
	return &Outbound{rdb: rdb, prefix: prefix}
}

func outboundKey(prefix, channel, chatID string) string {
	return prefix + "out:" + channel + ":" + chatID
}

func pendingKey(prefix, channel string) string {
	return prefix + "outpending:" + channel
}

// Push queues items for chat.
func (o *Outbound) Push(ctx context.Context, channel, chatID string, items ...[]byte) error {
	if len(items) == 0 {
		return nil
	}
	args := make([]any, len(items))
	for i, it := range items {
		args[i] = it
	}
	_, err := o.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.RPush(ctx, outboundKey(o.prefix, channel, chatID), args...)
		p.SAdd(ctx, pendingKey(o.prefix, channel), chatID)
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: queue outbound: %w", err)
	}
	return nil
}

// Pending lists the chats of channel with queued items.
func (o *Outbound) Pending(ctx context.Context, channel string) ([]string, error) {
	ids, err := o.rdb.SMembers(ctx, pendingKey(o.prefix, channel)).Result()
	if err != nil {
		return nil, fmt.Errorf("storage: pending outbound: %w", err)
	}
	return ids, nil
}

// Head returns the oldest queued item of chat, or ErrNotFound when none.
func (o *Outbound) Head(ctx context.Context, channel, chatID string) ([]byte, error) {
	b, err := o.rdb.LIndex(ctx, outboundKey(o.prefix, channel, chatID), 0).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, ErrNotFound
	}
	if err != nil {
		return nil, fmt.Errorf("storage: outbound head: %w", err)
	}
	return b, nil
}

var popScript = redis.NewScript(`
redis.call('LPOP', KEYS[1])
if redis.call('LLEN', KEYS[1]) == 0 then redis.call('SREM', KEYS[2], ARGV[1]) end
return 1`)

// Pop removes the head of chat's queue (call it only while holding the
// chat's send lock), and takes the chat off the pending set when empty.
func (o *Outbound) Pop(ctx context.Context, channel, chatID string) error {
	err := popScript.Run(ctx, o.rdb, []string{outboundKey(o.prefix, channel, chatID), pendingKey(o.prefix, channel)}, chatID).Err()
	if err != nil {
		return fmt.Errorf("storage: outbound pop: %w", err)
	}
	return nil
}

// Drop discards chat's whole queue (a customer who blocked the bot).
func (o *Outbound) Drop(ctx context.Context, channel, chatID string) (int64, error) {
	key := outboundKey(o.prefix, channel, chatID)
	var n *redis.IntCmd
	_, err := o.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		n = p.LLen(ctx, key)
		p.Del(ctx, key)
		p.SRem(ctx, pendingKey(o.prefix, channel), chatID)
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("storage: outbound drop: %w", err)
	}
	return n.Val(), nil
}

var unlockScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`)

var refreshScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`)

// Lock takes chat's send lock for ttl, returning a token for Unlock and
// Refresh, or "" when another sender holds it.
func (o *Outbound) Lock(ctx context.Context, channel, chatID string, ttl time.Duration) (string, error) {
	token := newToken()
	ok, err := o.rdb.SetNX(ctx, o.prefix+"sendlock:"+channel+":"+chatID, token, ttl).Result()
	if err != nil {
		return "", fmt.Errorf("storage: send lock: %w", err)
	}
	if !ok {
		return "", nil
	}
	return token, nil
}

// Refresh extends a held send lock; false means it was lost.
func (o *Outbound) Refresh(ctx context.Context, channel, chatID, token string, ttl time.Duration) (bool, error) {
	n, err := refreshScript.Run(ctx, o.rdb, []string{o.prefix + "sendlock:" + channel + ":" + chatID}, token, ttl.Milliseconds()).Int()
	if err != nil {
		return false, fmt.Errorf("storage: refresh send lock: %w", err)
	}
	return n == 1, nil
}

// Unlock releases a held send lock.
func (o *Outbound) Unlock(ctx context.Context, channel, chatID, token string) error {
	if err := unlockScript.Run(ctx, o.rdb, []string{o.prefix + "sendlock:" + channel + ":" + chatID}, token).Err(); err != nil {
		return fmt.Errorf("storage: send unlock: %w", err)
	}
	return nil
}

// Mark sets (ttl > 0) or clears (ttl == 0) a named flag of a chat, such as
// "blocked" for a customer who blocked the bot.
func (o *Outbound) Mark(ctx context.Context, channel, chatID, flag string, ttl time.Duration) error {
	key := o.prefix + "mark:" + flag + ":" + channel + ":" + chatID
	var err error
	if ttl > 0 {
		err = o.rdb.Set(ctx, key, "1", ttl).Err()
	} else {
		err = o.rdb.Del(ctx, key).Err()
	}
	if err != nil {
		return fmt.Errorf("storage: mark %s: %w", flag, err)
	}
	return nil
}

// Marked reports whether a chat carries flag.
func (o *Outbound) Marked(ctx context.Context, channel, chatID, flag string) (bool, error) {
	n, err := o.rdb.Exists(ctx, o.prefix+"mark:"+flag+":"+channel+":"+chatID).Result()
	if err != nil {
		return false, fmt.Errorf("storage: mark %s: %w", flag, err)
	}
	return n == 1, nil
}

// Once returns true the first time it is called with key within ttl, and
// false after: for dropping redelivered webhooks and saying a thing once.
func (o *Outbound) Once(ctx context.Context, key string, ttl time.Duration) (bool, error) {
	ok, err := o.rdb.SetNX(ctx, o.prefix+"once:"+key, "1", ttl).Result()
	if err != nil {
		return false, fmt.Errorf("storage: once: %w", err)
	}
	return ok, nil
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
