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
// set for each idle change; ARGV token, state JSON, TTL ms, chat id, mirror
// id, number of replies, customer turn (1/0), delivery ("queue", or
// "transcript": trimmed to ARGV[9] entries, expiring after ARGV[10] ms, each
// entry published to the chat's pages), number of idle changes, each change
// ("touch" or "forget", its member, its time in ms), the replies..., the
// mirrored messages... A customer's saved turn lifts a "blocked" mark.
var saveScript = redis.NewScript(`
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] ~= '' then
  redis.call('SET', KEYS[2], ARGV[2], 'PX', ARGV[3])
  if ARGV[7] == '1' then redis.call('DEL', KEYS[5]) end
end
local n = tonumber(ARGV[6])
local k = tonumber(ARGV[11])
local first = 12 + 3 * k
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
  local op, member = ARGV[12 + 3 * j], ARGV[13 + 3 * j]
  if op == 'touch' then
    redis.call('ZADD', KEYS[8 + j], ARGV[14 + 3 * j], member)
  else
    redis.call('ZREM', KEYS[8 + j], member)
  end
end
redis.call('DEL', KEYS[1])
return 1`)

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
	ok, err := s.finish(context.WithoutCancel(ctx), keys, channel, chatID, token, "", items, nil, false, nil)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("storage: deliver to %s:%s: lock expired: %w", channel, chatID, ErrConflict)
	}
	return nil
}

func (s *States) finish(ctx context.Context, keys []string, channel, chatID, token, data string, out, mirror [][]byte, customer bool, idle []IdleMark) (bool, error) {
	turn := "0"
	if customer {
		turn = "1"
	}
	mode, max, ttl := "queue", int64(0), int64(0)
	if t := s.transcripts[channel]; t != nil {
		mode, max, ttl = "transcript", transcriptMax, t.ttl.Milliseconds()
	}
	args := []any{token, data, s.idle.Milliseconds(), chatID, MirrorID(channel, chatID), len(out), turn, mode, max, ttl, len(idle)}
	keys = keys[:len(keys):len(keys)] // the caller's keys stay as they are
	for _, mk := range idle {
		op := "touch"
		if mk.Forget {
			op = "forget"
		}
		keys = append(keys, s.idleTracker.key(mk.Set))
		args = append(args, op, mk.Member, mk.At.UnixMilli())
	}
	for _, o := range out {
		args = append(args, o)
	}
	for _, o := range mirror {
		args = append(args, o)
	}
	n, err := saveScript.Run(ctx, s.rdb, keys, args...).Int()
	if err != nil {
		return false, fmt.Errorf("storage: save conversation: %w", err)
	}
	return n == 1, nil
}
