package webchat

import (
	"context"

	"github.com/frontdesk/frontdesk/dialog"
)

// Send delivers replies to the pages of session chatID as the desk's notices
// reach them: encoded by the chat's Outlet (which refuses an id that is not
// a session), then appended to the transcript.
func (c *Chat) Send(ctx context.Context, chatID string, replies []dialog.Reply) error {
	if _, err := c.Outlet().Encode(chatID, replies); err != nil {
		return err
	}
	return c.tr.Append(ctx, chatID, c.deskEntries(replies)...)
}
