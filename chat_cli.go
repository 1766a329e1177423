package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/bots/telegram"
	"github.com/frontdesk/frontdesk/bots/webchat"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/storage"
)

// chatCommand lets staff answer a handed-over chat from the command line,
// through the same takeover, relay and hand-back as Slack. It reaches the
// conversations through Redis: REDIS_URL, or the running server's
// in-process Redis on the zero-setup default.
func chatCommand(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) == 0 || slices.Contains([]string{"help", "-h", "--help"}, args[0]) {
		fmt.Fprint(stdout, helpText(cfg.Desk.DefaultLocale, "help.chat"))
		return nil
	}
	verb := args[0]
	want := map[string]int{"list": 1, "show": 2, "reply": 3, "release": 2}
	n, known := want[verb]
	switch {
	case !known:
		return usageError{fmt.Errorf("unknown chat command %q (frontdesk chat help lists them)", verb)}
	case verb == "reply" && len(args) < 3, verb != "reply" && len(args) != n:
		return usageError{fmt.Errorf("chat %s: wrong arguments (frontdesk chat help)", verb)}
	}
	var channel, chatID string
	if verb != "list" {
		var ok bool
		if channel, chatID, ok = storage.SplitChat(args[1]); !ok {
			return usageError{fmt.Errorf("%q is not a chat like webchat:3f9a… or telegram:123456 (frontdesk chat list shows them)", args[1])}
		}
	}
	d, err := openChatDesk(ctx, cfg)
	if err != nil {
		return err
	}
	defer d.close()
	label := func(key string, data map[string]any) string {
		s, err := d.texts.Render(cfg.Desk.DefaultLocale, key, data)
		if err != nil {
			return key
		}
		return s
	}
	agent := "cli:" + cfg.Staff
	switch verb {
	case "list":
		return d.list(ctx, stdout, label)
	case "show":
		return d.show(ctx, stdout, channel, chatID, label)
	case "reply":
		text := strings.TrimSpace(strings.Join(args[2:], " "))
		if text == "" {
			return usageError{errors.New("chat reply: nothing to send")}
		}
		// Writing here is the command: the words take a chat no one holds
		// and are sent (dialog.Manager.Say holds the rules).
		said, err := d.desk.Say(ctx, channel, chatID, dialog.Speaker{ID: agent, Name: cfg.Staff, Actor: "staff:" + cfg.Staff}, text, dialog.Speaking{})
		if err != nil {
			return err
		}
		if !said.Sent && said.Holder == "" {
			return fmt.Errorf("%s:%s was handed back while you wrote; nothing was sent, try again", channel, chatID)
		}
		if !said.Sent {
			return fmt.Errorf("%s:%s is held by %s", channel, chatID, said.Holder)
		}
		fmt.Fprintln(stdout, label("cli.chat.sent", map[string]any{"Chat": channel + ":" + chatID}))
		for _, h := range said.Flagged {
			fmt.Fprintln(stdout, label("cli.chat.flagged", map[string]any{"Phrase": h.Phrase, "Reason": h.Reason, "Instead": h.Instead}))
		}
		return nil
	default: // release
		if err := d.desk.Release(ctx, channel, chatID); err != nil {
			return err
		}
		fmt.Fprintln(stdout, label("cli.chat.released", map[string]any{"Chat": channel + ":" + chatID}))
		return nil
	}
}

// chatDesk is the desk as the chat commands need it.
type chatDesk struct {
	db     *storage.DB
	states *storage.States
	tr     *storage.Transcripts
	texts  *prompts.Catalog
	desk   *dialog.Manager
	now    time.Time
	close  func()
}

func openChatDesk(ctx context.Context, cfg Config) (*chatDesk, error) {
	url := cfg.RedisURL
	if url == "" {
		var ok bool
		if url, ok = storage.InProcessRedis(cfg.RedisSnapshot); !ok {
			return nil, errors.New("no running server here: the chat commands reach its conversations through it (start it with `frontdesk`), or set REDIS_URL to the server's Redis")
		}
	}
	texts, err := prompts.Load()
	if err != nil {
		return nil, err
	}
	db, err := openDatabase(ctx, cfg)
	if err != nil {
		return nil, err
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	rdb, closeRedis, err := storage.OpenRedis(ctx, url, "", log)
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("the server's Redis at %s: %w", redact(url), err)
	}
	d := &chatDesk{db: db, states: storage.NewStates(rdb, cfg.RedisPrefix, cfg.IdleTimeout), texts: texts, now: time.Now(),
		tr: storage.NewTranscripts(rdb, cfg.RedisPrefix, cfg.IdleTimeout), close: func() { closeRedis(); db.Close() }}
	d.states.DeliverToTranscript(webchat.Channel, d.tr) // as the server's: nothing meant for a page is queued for no one
	d.desk = dialog.New(db, d.states, texts, nil, cfg.Desk, log, nil)
	// The person's words leave by the channel's own queue, which the
	// server's senders drain (Telegram's within seconds of its sweep).
	d.desk.SetOutlet(webchat.Channel, webchat.New(d.desk, d.tr, log).Outlet())
	if cfg.Telegram.Token != "" {
		d.desk.SetOutlet(telegram.Channel, dialog.Outlet{Encode: telegram.Encode})
	}
	return d, nil
}

func (d *chatDesk) list(ctx context.Context, w io.Writer, label func(string, map[string]any) string) error {
	cs, err := d.states.Waiting(ctx)
	if err != nil {
		return err
	}
	if len(cs) == 0 {
		fmt.Fprintln(w, label("cli.chat.none", nil))
		return nil
	}
	var tab prompts.Table // aligned by terminal cells: the states are Chinese
	tab.Add(strings.Split(label("cli.chat.columns", nil), "\t")...)
	for _, c := range cs {
		state := label("cli.chat.wanted", map[string]any{"Reason": c.StaffReason})
		if c.TakenOver {
			state = label("cli.chat.held", map[string]any{"Agent": c.Agent})
		}
		tab.Add(c.Channel+":"+c.ChatID, state, d.now.Sub(c.LastActivity).Round(time.Minute).String(), c.Locale)
	}
	return tab.Write(w)
}

func (d *chatDesk) show(ctx context.Context, w io.Writer, channel, chatID string, label func(string, map[string]any) string) error {
	c, err := d.states.Get(ctx, channel, chatID)
	if errors.Is(err, storage.ErrNotFound) {
		return fmt.Errorf("no conversation %s:%s (it may have been idle too long)", channel, chatID)
	}
	if err != nil {
		return err
	}
	state := label("cli.chat.wanted", map[string]any{"Reason": c.StaffReason})
	if c.TakenOver {
		state = label("cli.chat.held", map[string]any{"Agent": c.Agent})
	}
	fmt.Fprintf(w, "%s:%s  %s  %s  %s\n", channel, chatID, state, c.Locale, c.LastActivity.Local().Format("2006-01-02 15:04"))
	tks, err := d.db.Tickets(ctx, storage.TicketFilter{Channel: channel, ChatID: chatID, Limit: 5})
	if err != nil {
		return err
	}
	for _, tk := range tks {
		fmt.Fprintf(w, "  %s  %s  %s  %s\n", tk.Number, tk.State, tk.Product, tk.Fault)
	}
	fmt.Fprintln(w, label("cli.chat.said", nil))
	if channel == webchat.Channel {
		entries, err := d.tr.History(ctx, chatID)
		if err != nil {
			return err
		}
		for _, e := range entries[max(0, len(entries)-12):] {
			fmt.Fprintf(w, "  %s  %-8s %s\n", e.At.Local().Format("15:04"), e.From, e.Text)
		}
		return nil
	}
	said, err := d.states.Mirrored(ctx, channel, chatID)
	if err != nil {
		return err
	}
	for _, raw := range said {
		var m dialog.Mirrored
		if json.Unmarshal(raw, &m) == nil {
			fmt.Fprintf(w, "  %s  %s\n", m.At.Local().Format("15:04"), m.Text)
		}
	}
	return nil
}
