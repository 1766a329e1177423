package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"time"

	slackdesk "github.com/frontdesk/frontdesk/bots/slack"
	"github.com/frontdesk/frontdesk/bots/webchat"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/redis/go-redis/v9"
)

// customerExport is what export writes: the SQL rows and, per chat, the
// conversation Redis holds and the web chat's transcript.
type customerExport struct {
	Subject       string                 `json:"subject"`
	ExportedAt    time.Time              `json:"exported_at"`
	Stored        storage.Held           `json:"stored"`
	Conversations []conversationExported `json:"conversations"`
}

type conversationExported struct {
	Chat       string                `json:"chat"`
	State      *storage.Conversation `json:"state,omitempty"`
	Transcript []storage.Entry       `json:"transcript,omitempty"`
}

// customerCommand carries out a customer's request to see or erase their
// data.
func customerCommand(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) == 0 || slices.Contains([]string{"help", "-h", "--help"}, args[0]) {
		fmt.Fprint(stdout, helpText(cfg.Desk.DefaultLocale, "help.customer"))
		return nil
	}
	if len(args) != 2 || (args[0] != "export" && args[0] != "erase") {
		return usageError{errors.New("customer: export or erase, then a phone or a chat (frontdesk customer help)")}
	}
	var s storage.Subject
	if ch, id, ok := storage.SplitChat(args[1]); ok && !isDigits(ch) {
		s.Channel, s.ChatID = ch, id
	} else if p, ok := dialog.FindPhone(args[1]); ok {
		s.Phone = p
	} else {
		return usageError{fmt.Errorf("%q is neither a phone nor a chat like telegram:123456", args[1])}
	}
	db, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	rdb, closeRedis, err := openServerRedis(ctx, cfg)
	if err != nil {
		return err
	}
	defer closeRedis()
	states := storage.NewStates(rdb, cfg.RedisPrefix, cfg.IdleTimeout)
	tr := storage.NewTranscripts(rdb, cfg.RedisPrefix, cfg.IdleTimeout)

	if args[0] == "export" {
		held, err := db.Held(ctx, s)
		if err != nil {
			return err
		}
		chats := held.Chats
		if s.Channel != "" && len(chats) == 0 {
			chats = []storage.Chat{{Channel: s.Channel, ChatID: s.ChatID}} // no rows; maybe a conversation
		}
		out := customerExport{Subject: s.String(), ExportedAt: time.Now().UTC(), Stored: held}
		for _, c := range chats {
			ce := conversationExported{Chat: c.Channel + ":" + c.ChatID}
			if st, err := states.Get(ctx, c.Channel, c.ChatID); err == nil {
				ce.State = st
			} else if !errors.Is(err, storage.ErrNotFound) {
				return err
			}
			if c.Channel == webchat.Channel {
				if ce.Transcript, err = tr.History(ctx, c.ChatID); err != nil {
					return err
				}
			}
			if ce.State != nil || len(ce.Transcript) > 0 {
				out.Conversations = append(out.Conversations, ce)
			}
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		return enc.Encode(out)
	}

	// Slack first: once the rows are anonymised its threads cannot be found
	// by the customer any more, so a failure here leaves all to run again.
	if cfg.Slack.BotToken != "" {
		threads, err := db.ThreadsOf(ctx, s)
		if err != nil {
			return err
		}
		if len(threads) > 0 {
			texts, err := prompts.Load()
			if err != nil {
				return err
			}
			text, err := texts.Render(cfg.Desk.DefaultLocale, "cli.erased", nil)
			if err != nil {
				return err
			}
			n, err := slackdesk.Redact(ctx, cfg.Slack, threads, text)
			if err != nil {
				return fmt.Errorf("nothing erased yet: Slack's messages redacted only in part (%d): %w", n, err)
			}
			fmt.Fprintf(stdout, "%d Slack message(s) redacted\n", n)
		}
	}
	er, err := db.Erase(ctx, s, "staff:"+cfg.Staff, time.Now())
	if err != nil {
		return err
	}
	chats := er.Chats
	if s.Channel != "" && len(chats) == 0 {
		chats = []storage.Chat{{Channel: s.Channel, ChatID: s.ChatID}} // a chat with no rows may still have a conversation
	}
	for _, c := range chats {
		if err := states.Forget(ctx, c.Channel, c.ChatID); err != nil {
			return err
		}
		if c.Channel == webchat.Channel {
			if err := tr.Forget(ctx, c.ChatID); err != nil {
				return err
			}
		}
	}
	if len(er.Tickets) == 0 && len(er.Chats) == 0 {
		fmt.Fprintf(stdout, "nothing held about %s in SQL; any conversation in Redis is gone\n", s)
		return nil
	}
	fmt.Fprintf(stdout, "erased %s: %d chat(s), tickets %v anonymised; recorded as done by staff:%s\n", s, len(er.Chats), er.Tickets, cfg.Staff)
	return nil
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// openServerRedis reaches the conversations: REDIS_URL, else a running
// server's in-process Redis, else (no server running on the zero-setup
// default) its snapshot file, loaded and saved back when done.
func openServerRedis(ctx context.Context, cfg Config) (redis.UniversalClient, func(), error) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	url := cfg.RedisURL
	if url == "" {
		if running, ok := storage.InProcessRedis(cfg.RedisSnapshot); ok {
			url = running
		}
	}
	snapshot := ""
	if url == "" {
		snapshot = cfg.RedisSnapshot // "" too when there is none: an empty Redis
	}
	rdb, closeRedis, err := storage.OpenRedis(ctx, url, snapshot, log)
	if err != nil {
		return nil, nil, fmt.Errorf("the conversations' Redis: %w", err)
	}
	return rdb, closeRedis, nil
}
