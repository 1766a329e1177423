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

func blockedKey(prefix, channel, chatID string) string {
	return prefix + "mark:blocked:" + channel + ":" + chatID
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

// Depth is how much waits in channel's queues: the chats with queued
// items, and the items of at most the first 1,000 of them (read in one
// pipelined round trip; a bigger backlog is already plain from the chats).
func (o *Outbound) Depth(ctx context.Context, channel string) (chats, items int64, err error) {
	ids, err := o.rdb.SRandMemberN(ctx, pendingKey(o.prefix, channel), 1000).Result()
	if err != nil {
		return 0, 0, fmt.Errorf("storage: outbound depth: %w", err)
	}
	var card *redis.IntCmd
	lens := make([]*redis.IntCmd, len(ids))
	_, err = o.rdb.Pipelined(ctx, func(p redis.Pipeliner) error {
		card = p.SCard(ctx, pendingKey(o.prefix, channel))
		for i, id := range ids {
			lens[i] = p.LLen(ctx, outboundKey(o.prefix, channel, id))
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("storage: outbound depth: %w", err)
	}
	for _, l := range lens {
		items += l.Val()
	}
	return card.Val(), items, nil
}

// Pending lists the chats of channel with queued items.
func (o *Outbound) Pending(ctx context.Context, channel string) ([]string, error) {
	ids, err := o.rdb.SMembers(ctx, pendingKey(o.prefix, channel)).Result()
	if err != nil {
		return nil, fmt.Errorf("storage: pending outbound: %w", err)
	}
	return ids, nil
}

// claimScript: KEYS lock, list, pending set, blocked mark; ARGV token, ttl
// ms, chat id, done prefix. Takes the chat's send lock and returns {1, head,
// done}, {1, ""} (empty: lock released), {2} (blocked) or {0} (another
// sender has it). done is 1 when the head carries an id ("id":"…" in its
// JSON) recorded done under the done prefix (Advance's done key).
var claimScript = redis.NewScript(luaHeadDone + `
if not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then return {0} end
if redis.call('EXISTS', KEYS[4]) == 1 then return {2} end
local head = redis.call('LINDEX', KEYS[2], 0)
if not head then
  redis.call('SREM', KEYS[3], ARGV[3])
  redis.call('DEL', KEYS[1])
  return {1, ''}
end
return {1, head, headDone(head, ARGV[4])}`)

// luaHeadDone defines headDone(head, prefix) for the scripts that claim a
// queue: 1 when the head carries an id ("id":"…" in its JSON) recorded done
// under prefix, else 0.
const luaHeadDone = `
local function headDone(head, prefix)
  if prefix == '' then return 0 end
  local id = string.match(head, '"id":"([^"]+)"')
  if id and redis.call('EXISTS', prefix .. id) == 1 then return 1 end
  return 0
end
`

// advanceScript records the sent head done under KEYS[5] (when ARGV[4]
// gives a TTL; even with the lock lost, since it was sent), pops it (if it
// is still the head, ARGV[5]: a retried pop whose first answer was lost
// pops nothing more) and returns the next, keeping the lock, or "" after
// emptying the queue and releasing the lock; -1 if the lock was lost.
var advanceScript = redis.NewScript(`
if tonumber(ARGV[4]) > 0 then redis.call('SET', KEYS[5], '1', 'PX', ARGV[4]) end
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return -1 end
if redis.call('LINDEX', KEYS[2], 0) == ARGV[5] then redis.call('LPOP', KEYS[2]) end
local head = redis.call('LINDEX', KEYS[2], 0)
if not head then
  redis.call('SREM', KEYS[3], ARGV[3])
  redis.call('DEL', KEYS[1])
  return ''
end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return head`)

// ErrLocked means another sender holds the chat's queue.
var ErrLocked = errors.New("queue held by another sender")

// ErrBlocked means the chat is marked "blocked": nothing is to be sent.
var ErrBlocked = errors.New("chat blocked")

func sendLockKey(prefix, channel, chatID string) string {
	return prefix + "sendlock:" + channel + ":" + chatID
}

// ClaimSpec is how a channel's sender claims a chat's queue: the send
// lock's TTL and the prefix its sent replies are recorded done under (as
// ClaimDone takes them), so that the save that queues replies can claim
// for it (Conversation.Claim).
type ClaimSpec struct {
	TTL        time.Duration
	DonePrefix string
}

// Claimed is a chat's send lock taken for a sender, with what Claim or
// ClaimDone would have returned: its token, the head, whether the head was
// recorded done, and when it was taken (a sender that comes to it late
// gives it back rather than trust a lock near its end).
type Claimed struct {
	Token string
	Head  []byte
	Done  bool
	At    time.Time
}

func (o *Outbound) sendKeys(channel, chatID string) []string {
	return []string{sendLockKey(o.prefix, channel, chatID), outboundKey(o.prefix, channel, chatID),
		pendingKey(o.prefix, channel), blockedKey(o.prefix, channel, chatID)}
}

// Claim takes chat's send lock for ttl and returns its token and the oldest
// queued item. A nil item means the queue was empty (the lock is already
// released). ErrLocked: another sender has it; ErrBlocked: the chat is
// marked blocked (the lock is held: Drop, then Release).
func (o *Outbound) Claim(ctx context.Context, channel, chatID string, ttl time.Duration) (string, []byte, error) {
	token, head, _, err := o.ClaimDone(ctx, channel, chatID, ttl, "")
	return token, head, err
}

// ClaimDone is Claim that also says, in the same step, whether the head
// was recorded done: its JSON carries an "id" whose done key (donePrefix
// + id, as Advance records it) exists. A sender that sent the head but
// could not pop it (Redis restarting) then pops it without sending it
// again, at no round trip of its own.
func (o *Outbound) ClaimDone(ctx context.Context, channel, chatID string, ttl time.Duration, donePrefix string) (string, []byte, bool, error) {
	token := newToken()
	prefix := ""
	if donePrefix != "" {
		prefix = o.prefix + "stash:" + donePrefix
	}
	res, err := claimScript.Run(ctx, o.rdb, o.sendKeys(channel, chatID), token, ttl.Milliseconds(), chatID, prefix).Slice()
	if err != nil {
		return "", nil, false, fmt.Errorf("storage: claim outbound: %w", err)
	}
	switch n, _ := res[0].(int64); n {
	case 0:
		return "", nil, false, ErrLocked
	case 2:
		return token, nil, false, ErrBlocked
	}
	head, _ := res[1].(string)
	if head == "" {
		return token, nil, false, nil
	}
	done := len(res) > 2 && res[2] == int64(1)
	return token, []byte(head), done, nil
}

// Advance pops the item just sent (head, as Claim or Advance gave it; it is
// popped only while it is still the head, so that a pop tried again after
// its answer was lost takes nothing more) and returns the next one,
// refreshing the lock; nil when the queue is empty (the lock is then
// released). ErrLocked
// means the lock expired: stop, another sender may have taken over. A done
// key, when given, is stashed (as Stash would, for doneTTL) in the same
// step, so that recording an item as sent costs no round trip of its own.
func (o *Outbound) Advance(ctx context.Context, channel, chatID, token string, head []byte, ttl time.Duration, done string, doneTTL time.Duration) ([]byte, error) {
	keys := append(o.sendKeys(channel, chatID), o.prefix+"stash:"+done)
	if done == "" {
		doneTTL = 0
	}
	res, err := advanceScript.Run(ctx, o.rdb, keys, token, ttl.Milliseconds(), chatID, doneTTL.Milliseconds(), head).Result()
	if err != nil {
		return nil, fmt.Errorf("storage: advance outbound: %w", err)
	}
	switch v := res.(type) {
	case int64:
		return nil, ErrLocked
	case string:
		if v == "" {
			return nil, nil
		}
		return []byte(v), nil
	}
	return nil, fmt.Errorf("storage: advance outbound: unexpected %T", res)
}

// renewScript: KEYS lock; ARGV token, TTL ms. Extends a lock (a chat's send
// lock, or its turn lock) only while the token holds it.
var renewScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`)

// Hold keeps a claimed queue's lock (Claim's token) alive, renewing it to
// ttl every third of ttl, until the returned function is called: a drain
// may wait minutes on a platform's rate limit, yet a killed one frees the
// queue within ttl. Every queue consumer holds its claim this way.
func (o *Outbound) Hold(ctx context.Context, channel, chatID, token string, ttl time.Duration) func() {
	return hold(ctx, o.rdb, sendLockKey(o.prefix, channel, chatID), token, ttl)
}

var unlockScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`)

// Release gives up a held send lock.
func (o *Outbound) Release(ctx context.Context, channel, chatID, token string) error {
	if err := unlockScript.Run(ctx, o.rdb, []string{sendLockKey(o.prefix, channel, chatID)}, token).Err(); err != nil {
		return fmt.Errorf("storage: send unlock: %w", err)
	}
	return nil
}

// Drop discards chat's whole queue (a customer who blocked the bot) and
// returns how many items it held.
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

// Block marks a chat whose customer blocked the bot: Claim refuses to send
// to it until the customer's next turn is saved, which lifts the mark.
func (o *Outbound) Block(ctx context.Context, channel, chatID string) error {
	if err := o.rdb.Set(ctx, blockedKey(o.prefix, channel, chatID), "1", 365*24*time.Hour).Err(); err != nil {
		return fmt.Errorf("storage: block: %w", err)
	}
	return nil
}
