package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/frontdesk/frontdesk/dialog"
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
	log := slog.New(turnAttrs{h})
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

// turnAttrs adds the attributes a turn put on the context (channel, chat,
// ticket: dialog.WithLog) to every line logged with that context.
type turnAttrs struct{ slog.Handler }

// Handle adds the context's attributes, then hands the record on.
func (h turnAttrs) Handle(ctx context.Context, r slog.Record) error {
	if attrs := dialog.LogAttrs(ctx); len(attrs) > 0 {
		r = r.Clone()
		r.AddAttrs(attrs...)
	}
	return h.Handler.Handle(ctx, r)
}

// WithAttrs keeps the wrapper around the derived handler.
func (h turnAttrs) WithAttrs(as []slog.Attr) slog.Handler { return turnAttrs{h.Handler.WithAttrs(as)} }

// WithGroup keeps the wrapper around the derived handler.
func (h turnAttrs) WithGroup(name string) slog.Handler { return turnAttrs{h.Handler.WithGroup(name)} }
