package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/redis/go-redis/v9"
)

// newLogger builds the process's logger from FRONTDESK_LOG_FORMAT (text or
// json) and FRONTDESK_LOG_LEVEL, and routes go-redis's own messages
// through it: go-redis has only a process-wide logger, set here once.
func newLogger(cfg Config, out io.Writer) *slog.Logger {
	opts := &slog.HandlerOptions{Level: cfg.LogLevel}
	var h slog.Handler = slog.NewTextHandler(out, opts)
	if cfg.LogFormat == "json" {
		h = slog.NewJSONHandler(out, opts)
	}
	log := slog.New(h)
	redis.SetLogger(redisLog{log.With("component", "redis")})
	return log
}

// redisLog turns go-redis's printf lines into structured warnings (they
// are dial failures, pool troubles, reconnects).
type redisLog struct{ log *slog.Logger }

// Printf logs one go-redis message.
func (r redisLog) Printf(ctx context.Context, format string, v ...any) {
	r.log.WarnContext(ctx, strings.TrimPrefix(fmt.Sprintf(format, v...), "redis: "))
}

// parseLogLevel reads FRONTDESK_LOG_LEVEL.
func parseLogLevel(s string) (slog.Level, error) {
	var l slog.Level
	err := l.UnmarshalText([]byte(s))
	return l, err
}
