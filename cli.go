package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
)

var usageText = `usage:
  frontdesk                 serve the web chat (and configured channels)
  frontdesk ticket COMMAND  staff commands:
` + indent(dialog.CommandUsage) + "\n"

// ticketCommand runs one staff command against the database. It needs no
// Redis and no running server: the customer notices it queues in the outbox
// are delivered by the server, now or when it next runs.
func ticketCommand(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	cmd, err := dialog.ParseCommand(args)
	if err != nil {
		return fmt.Errorf("%w\n%s", err, usageText)
	}
	db, err := storage.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return err
	}
	defer db.Close()
	return dialog.NewStaff(db, cfg.Desk, nil).Exec(ctx, "staff:"+cfg.Staff, cmd, stdout)
}

func indent(s string) string {
	return "    " + strings.ReplaceAll(s, "\n", "\n    ")
}
