package slack

import (
	"bytes"
	"context"

	"github.com/slack-go/slack"
)

// PostImage posts a PNG to the staff channel with comment as its message
// (Slack's external upload: get an upload URL, send the bytes, complete
// and share), within Slack's rate. The weekly report uses it.
func (b *Bot) PostImage(ctx context.Context, png []byte, filename, title, comment string) error {
	return b.call(ctx, func() error {
		_, err := b.api.UploadFileContext(ctx, slack.UploadFileParameters{
			Reader: bytes.NewReader(png), FileSize: len(png), Filename: filename, Title: title,
			InitialComment: comment, Channel: b.cfg.StaffChannel,
		})
		return err
	})
}
