package dialog

import (
	"context"
	"log/slog"
)

type logKey struct{}

// WithLog returns ctx carrying attributes that every log line written with
// it carries (through the *Context logging calls and the server's handler):
// the channel, chat and ticket of a turn, so a turn's lines can be found
// together. Later attributes are added to earlier ones.
func WithLog(ctx context.Context, args ...any) context.Context {
	r := slog.Record{}
	r.Add(args...)
	attrs := append([]slog.Attr(nil), LogAttrs(ctx)...)
	r.Attrs(func(a slog.Attr) bool { attrs = append(attrs, a); return true })
	return context.WithValue(ctx, logKey{}, attrs)
}

// LogAttrs returns the attributes WithLog put on ctx.
func LogAttrs(ctx context.Context) []slog.Attr {
	attrs, _ := ctx.Value(logKey{}).([]slog.Attr)
	return attrs
}
