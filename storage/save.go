package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// The script that saves a chat's turn, and with it everything the turn
// caused: the replies delivered (queued for a sender, or appended to the
// chat's transcript), the customer's words mirrored to the person holding
// the chat, the idle tracker's change.

// IdleMark is a change to one idle tracker's set (Idle): member active at
// At, or, with Forget, no longer watched.
type IdleMark struct {
	Set, Member string
	At          time.Time
	Forget      bool
}

// saveScript: KEYS lock, state, outbound list (or the chat's transcript),
// pending set, blocked mark, mirror list, mirror pending set, then one idle
// set for each idle change, then the chat's send lock; ARGV token, state
// JSON, TTL ms, chat id, mirror id, number of replies, customer turn (1/0),
// delivery ("queue", or "transcript": trimmed to ARGV[9] entries, expiring
// after ARGV[10] ms, each entry published to the chat's pages), number of
// idle changes, the send lock's token ("" for no claim), its TTL ms and the
// done prefix (see claimScript), each idle change ("touch" or "forget", its
// member, its time in ms), the replies..., the mirrored messages... A
// customer's saved turn lifts a "blocked" mark. It returns 0 when the lock
// was lost, 1 when saved, and {1, head, done} when it also took the send
// lock of the replies it queued (as claimScript would).
var saveScript = redis.NewScript(luaHeadDone + `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] ~= '' then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
  if ARGV[7] == '1' then redis.call('DEL', KEYS[5]) end
end
local n = tonumber(ARGV[6])
local k = tonumber(ARGV[11])
local first = 15 + 3 * k
if n > 0 and ARGV[8] == 'transcript' then
  for i = first, first + n - 1 do redis.call('RPUSH', KEYS[3], ARGV[i]) end
  redis.call('LTRIM', KEYS[3], -tonumber(ARGV[9]), -1)
  redis.call('PEXPIRE', KEYS[3], ARGV[10])
  for i = first, first + n - 1 do redis.call('PUBLISH', KEYS[3], ARGV[i]) end
elseif n > 0 then
  for i = first, first + n - 1 do redis.call('RPUSH', KEYS[3], ARGV[i]) end
  redis.call('SADD', KEYS[4], ARGV[4])
end
if #ARGV >= first + n then
  for i = first + n, #ARGV do redis.call('RPUSH', KEYS[6], ARGV[i]) end
  redis.call('SADD', KEYS[7], ARGV[5])
end
for j = 0, k - 1 do
  local op, member = ARGV[15 + 3 * j], ARGV[16 + 3 * j]
  if op == 'touch' then
    redis.call('ZADD', KEYS[8 + j], ARGV[17 + 3 * j], member)
  else
    redis.call('ZREM', KEYS[8 + j], member)
  end
end
redis.call('DEL', KEYS[1])
if ARGV[12] == '' or n == 0 or ARGV[8] == 'transcript' or redis.call('EXISTS', KEYS[5]) == 1 then return 1 end
if not redis.call('SET', KEYS[8 + k], ARGV[12], 'NX', 'PX', ARGV[13]) then return 1 end
local head = redis.call('LINDEX', KEYS[3], 0)
return {1, head, headDone(head, ARGV[14])}`)

// Deliver puts items (encoded as the chat's channel takes them) where a
// turn's replies go, under the chat's lock and without changing its state:
// the desk's notices leave by the same queue, in order with the chat's
// turns. It waits for the lock until ctx ends (ErrLockTimeout).
func (s *States) Deliver(ctx context.Context, channel, chatID string, items [][]byte) error {
	if len(items) == 0 {
		return nil
	}
	keys := s.keys(channel, chatID)
	token, _, err := s.lock(ctx, keys)
	if err != nil {
		return err
	}
	ok, err := s.finish(context.WithoutCancel(ctx), keys, channel, chatID, token, "", &Conversation{Outgoing: items})
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("storage: deliver to %s:%s: lock expired: %w", channel, chatID, ErrConflict)
	}
	return nil
}

// finish saves data (the state's JSON, "" to keep it) with what c's turn
// caused (c nil: nothing) and releases the lock. It reports false when the
// lock was lost; a send lock the save took is left in c.Claimed.
func (s *States) finish(ctx context.Context, keys []string, channel, chatID, token, data string, c *Conversation) (bool, error) {
	if c == nil {
		c = &Conversation{}
	}
	turn := "0"
	if c.CustomerTurn {
		turn = "1"
	}
	mode, max, ttl := "queue", int64(0), int64(0)
	if t := s.transcripts[channel]; t != nil {
		mode, max, ttl = "transcript", transcriptMax, t.ttl.Milliseconds()
	}
	claimToken, claimTTL, donePrefix := "", int64(0), ""
	if c.Claim != nil && len(c.Outgoing) > 0 {
		claimToken, claimTTL = newToken(), c.Claim.TTL.Milliseconds()
		if c.Claim.DonePrefix != "" {
			donePrefix = s.prefix + "stash:" + c.Claim.DonePrefix
		}
	}
	args := []any{token, data, s.idle.Milliseconds(), chatID, MirrorID(channel, chatID), len(c.Outgoing), turn, mode, max, ttl,
		len(c.Idle), claimToken, claimTTL, donePrefix}
	keys = keys[:len(keys):len(keys)] // the caller's keys stay as they are
	for _, mk := range c.Idle {
		op := "touch"
		if mk.Forget {
			op = "forget"
		}
		keys = append(keys, s.idleTracker.key(mk.Set))
		args = append(args, op, mk.Member, mk.At.UnixMilli())
	}
	keys = append(keys, sendLockKey(s.prefix, channel, chatID))
	for _, o := range c.Outgoing {
		args = append(args, o)
	}
	for _, o := range c.Mirror {
		args = append(args, o)
	}
	taken := time.Now()
	res, err := saveScript.Run(ctx, s.rdb, keys, args...).Result()
	if err != nil {
		return false, fmt.Errorf("storage: save conversation: %w", err)
	}
	switch v := res.(type) {
	case int64:
		return v == 1, nil
	case []any:
		if len(v) == 3 {
			head, _ := v[1].(string)
			c.Claimed = &Claimed{Token: claimToken, Head: []byte(head), Done: v[2] == int64(1), At: taken}
			return true, nil
		}
	}
	return false, fmt.Errorf("storage: save conversation: unexpected answer %v", res)
}
