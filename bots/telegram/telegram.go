// Package telegram is the Telegram channel: it turns Bot API updates into
// the dialog's messages and the dialog's replies into Bot API calls, in
// order, once, and within Telegram's limits.
//
// github.com/go-telegram/bot is used as the Bot API client only, and its
// types; the two calls every update makes, sendMessage and a pressed
// button's answer, are posted by post.go with the form the library sends,
// without its per-call goroutine and reflection. Its own
// webhook handler answers 200 before the update is handled, its polling
// moves the offset before handling, and its dispatch runs updates in
// separate goroutines: a crash would lose updates and a chat's messages
// could be handled out of order. So updates come in through this package's
// webhook handler and polling loop, which hand each update to the desk
// (dialog.Manager.Take) and acknowledge it only once the desk has saved the
// turn and queued its replies durably in Redis. Replies leave from that
// queue (deliver.go), one chat at a time per chat, across replicas.
package telegram

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/go-telegram/bot"
	"golang.org/x/time/rate"

	"github.com/frontdesk/frontdesk/bots/webapi"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
)

// Channel is this channel's name in dialog.Message.Channel.
const Channel = "telegram"

// Desk is what the channel needs of the dialog.
type Desk interface {
	// Take runs a message and queues its replies; false means a redelivery.
	Take(ctx context.Context, m dialog.Message) (bool, error)
	// Commands lists the bot's commands with descriptions in locale.
	Commands(locale string) ([]dialog.Button, error)
}

// Config is the channel's configuration.
type Config struct {
	Token         string // TELEGRAM_BOT_TOKEN
	APIURL        string // TELEGRAM_API_URL; the official server when empty
	WebhookSecret string // TELEGRAM_WEBHOOK_SECRET; long polling when empty
	// PerSecond is the bot's overall sending rate (TELEGRAM_RATE): Telegram
	// allows about 30 messages a second, more with paid broadcasts.
	PerSecond int
}

var tokenPattern = regexp.MustCompile(`^\d{3,}:[A-Za-z0-9_-]{20,}$`)

// DefaultAPIURL is the official Bot API server.
const DefaultAPIURL = "https://api.telegram.org"

// Validate checks the configuration, naming the variable at fault.
func (c Config) Validate() error {
	if !tokenPattern.MatchString(c.Token) {
		return errors.New("TELEGRAM_BOT_TOKEN: not a bot token (digits, a colon, then the secret BotFather gave)")
	}
	u, err := url.Parse(c.APIURL)
	if c.APIURL != "" && (err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "") {
		return fmt.Errorf("TELEGRAM_API_URL: %q is not an http(s) URL", c.APIURL)
	}
	if c.PerSecond < 0 || c.PerSecond > 100000 {
		return fmt.Errorf("TELEGRAM_RATE: %d is not a rate from 1 to 100000 messages a second", c.PerSecond)
	}
	if c.WebhookSecret != "" && !regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`).MatchString(c.WebhookSecret) {
		return errors.New("TELEGRAM_WEBHOOK_SECRET: use 1-256 characters of A-Z, a-z, 0-9, _ and -")
	}
	return nil
}

// Bot is the Telegram channel.
type Bot struct {
	cfg     Config
	api     *bot.Bot
	http    *http.Client
	desk    Desk
	out     *storage.Outbound
	limit   *Limiter
	log     *slog.Logger
	queue   *storage.Drainer // the senders: one chat at a time each
	sent    storage.Handled  // replies this process sent, by id
	retries webapi.Policy
	observe func(outcome string, took time.Duration) // metrics of Bot API calls; nil when none
	// answering holds a place for each button press being answered beside
	// its turn (answer).
	answering chan struct{}
}

// SetObserver has f told of every Bot API send: its outcome (ok,
// rate_limited, error) and latency.
func (b *Bot) SetObserver(f func(outcome string, took time.Duration)) { b.observe = f }

// New returns the channel. It does not call Telegram; Start does.
func New(cfg Config, desk Desk, out *storage.Outbound, log *slog.Logger) (*Bot, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	if cfg.APIURL == "" {
		cfg.APIURL = DefaultAPIURL
	}
	cfg.APIURL = strings.TrimRight(cfg.APIURL, "/")
	// Every sender keeps its connection to the Bot API open: the default
	// transport keeps only two idle connections per host, so the senders
	// would open and close a connection for most messages.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.MaxIdleConnsPerHost = senders + 4
	hc := &http.Client{Timeout: 40 * time.Second, Transport: wholeBody{tr}}
	api, err := bot.New(cfg.Token, bot.WithServerURL(cfg.APIURL), bot.WithSkipGetMe(),
		bot.WithHTTPClient(35*time.Second, hc))
	if err != nil {
		return nil, fmt.Errorf("telegram: %w", err)
	}
	limit := DefaultLimiter()
	if cfg.PerSecond > 0 {
		limit = NewLimiter(rate.Limit(cfg.PerSecond), cfg.PerSecond, 1, 3, rate.Every(time.Minute/20), 20)
	}
	log = log.With("channel", Channel) // every line of the adapter and its senders names the channel
	b := &Bot{cfg: cfg, api: api, http: hc, desk: desk, out: out, limit: limit, log: log, retries: defaultRetries,
		answering: make(chan struct{}, senders)}
	b.queue = storage.NewDrainer(out, Channel, senders, queueSweep, b.drain, log)
	return b, nil
}

// Webhook reports whether updates come by webhook (else by polling).
func (b *Bot) Webhook() bool { return b.cfg.WebhookSecret != "" }

// Start sets the command menu and runs the senders, and the polling loop
// when there is no webhook, until ctx ends.
func (b *Bot) Start(ctx context.Context) {
	if err := b.setCommands(ctx); err != nil {
		b.log.Warn("telegram: set commands", "err", err)
	}
	done := make(chan struct{})
	go func() { defer close(done); b.deliverLoop(ctx) }()
	if !b.Webhook() {
		b.poll(ctx)
	}
	<-done
}

// setCommands publishes /start, /help, /status and /cancel in Chinese (the
// default) and English.
func (b *Bot) setCommands(ctx context.Context) error {
	for _, lang := range []struct{ locale, code string }{{"zh-CN", ""}, {"en", "en"}} {
		cmds, err := b.desk.Commands(lang.locale)
		if err != nil {
			return err
		}
		if _, err := b.api.SetMyCommands(ctx, &bot.SetMyCommandsParams{Commands: botCommands(cmds), LanguageCode: lang.code}); err != nil {
			return err
		}
	}
	return nil
}
