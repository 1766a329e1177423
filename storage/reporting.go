package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Reporting records that a chat's last turn, at at, left a report
// unfinished, so the chat can be nudged if it stays quiet.
func (s *States) Reporting(ctx context.Context, channel, chatID string, at time.Time) error {
	err := s.rdb.ZAdd(ctx, s.prefix+"reporting", redis.Z{Score: float64(at.UnixMilli()), Member: channel + "\x00" + chatID}).Err()
	if err != nil {
		return fmt.Errorf("storage: reporting: %w", err)
	}
	return nil
}

// Settled forgets a chat recorded by Reporting.
func (s *States) Settled(ctx context.Context, channel, chatID string) error {
	if err := s.rdb.ZRem(ctx, s.prefix+"reporting", channel+"\x00"+chatID).Err(); err != nil {
		return fmt.Errorf("storage: settled: %w", err)
	}
	return nil
}

// Quiet lists up to limit chats, as [channel, chat id], whose unfinished
// report has been quiet since before before.
func (s *States) Quiet(ctx context.Context, before time.Time, limit int64) ([][2]string, error) {
	ms, err := s.rdb.ZRangeByScore(ctx, s.prefix+"reporting", &redis.ZRangeBy{Min: "-inf",
		Max: fmt.Sprint(before.UnixMilli() - 1), Count: limit}).Result()
	if err != nil {
		return nil, fmt.Errorf("storage: quiet chats: %w", err)
	}
	out := make([][2]string, 0, len(ms))
	for _, m := range ms {
		ch, id, _ := strings.Cut(m, "\x00")
		out = append(out, [2]string{ch, id})
	}
	return out, nil
}
