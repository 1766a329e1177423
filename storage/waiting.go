package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"strings"

	"github.com/redis/go-redis/v9"
)

// Waiting returns the conversations a person is wanted in or holds,
// longest waiting first (by the customer's last message): the staff
// command line's list when there is no Slack. It scans the conversation
// keys, so it is for a person asking, not for every turn.
func (s *States) Waiting(ctx context.Context) ([]Conversation, error) {
	var keys []string
	iter := s.rdb.Scan(ctx, 0, s.prefix+"conv:*", 500).Iterator()
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return nil, fmt.Errorf("storage: waiting chats: %w", err)
	}
	var out []Conversation
	for len(keys) > 0 {
		batch := keys[:min(len(keys), 200)]
		keys = keys[len(batch):]
		vals, err := s.rdb.MGet(ctx, batch...).Result()
		if err != nil {
			return nil, fmt.Errorf("storage: waiting chats: %w", err)
		}
		for _, v := range vals {
			raw, ok := v.(string)
			if !ok {
				continue // expired since the scan
			}
			var c Conversation
			if json.Unmarshal([]byte(raw), &c) != nil {
				continue
			}
			if c.NeedsStaff || c.TakenOver {
				out = append(out, c)
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].LastActivity.Before(out[j].LastActivity) })
	return out, nil
}

// Mirrored returns what the customer said while a person held the chat
// and no staff desk has taken yet (the mirror queue), oldest first,
// without taking it.
func (s *States) Mirrored(ctx context.Context, channel, chatID string) ([][]byte, error) {
	key := outboundKey(s.prefix, MirrorChannel, MirrorID(channel, chatID))
	vals, err := s.rdb.LRange(ctx, key, 0, -1).Result()
	if err != nil && err != redis.Nil {
		return nil, fmt.Errorf("storage: mirrored messages: %w", err)
	}
	out := make([][]byte, 0, len(vals))
	for _, v := range vals {
		out = append(out, []byte(v))
	}
	return out, nil
}

// SplitChat splits "channel:chat" as the staff write a chat.
func SplitChat(s string) (channel, chatID string, ok bool) {
	channel, chatID, ok = strings.Cut(s, ":")
	return channel, chatID, ok && channel != "" && chatID != ""
}

// Forget deletes everything Redis holds for a chat: its conversation (and
// with it any half-finished report), its lock, its queued replies and
// mirrored messages. A customer's data erased.
func (s *States) Forget(ctx context.Context, channel, chatID string) error {
	k := s.keys(channel, chatID)
	// every key of the chat but the channel-wide pending sets
	if err := s.rdb.Del(ctx, k[0], k[1], k[2], k[4], k[5]).Err(); err != nil {
		return fmt.Errorf("storage: forget conversation: %w", err)
	}
	return nil
}
