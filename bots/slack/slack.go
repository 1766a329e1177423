// Package slack is the staff desk in Slack: every ticket is posted to the
// staff channel and its thread carries the ticket's events; staff take over
// a customer's conversation and talk to the customer from the thread, hand
// it back, and run tickets with buttons, a quote modal and the /frontdesk
// command (the staff command line's grammar and parser).
//
// Every request is verified (Slack's v0 signature, five minutes of clock
// skew) before it is read. Events are acknowledged at once and their work
// queued in Redis per thread (a crash leaves them queued; redeliveries are
// dropped by event_id); the bot's own messages are ignored. The feed of
// ticket events and escalations is tailed from SQL.
package slack

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/slack-go/slack"
	"golang.org/x/time/rate"

	"github.com/frontdesk/frontdesk/bots/webapi"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/staff"
	"github.com/frontdesk/frontdesk/storage"
)

// Config is the staff desk's configuration.
type Config struct {
	BotToken      string  // SLACK_BOT_TOKEN (xoxb-…)
	SigningSecret string  // SLACK_SIGNING_SECRET
	StaffChannel  string  // SLACK_STAFF_CHANNEL: the channel id tickets go to
	APIURL        string  // SLACK_API_URL; Slack's own when empty
	StaffGroup    string  // SLACK_STAFF_GROUP: mentioned on escalations, e.g. <!subteam^S0123> or <!here>
	Supervisors   string  // SLACK_SUPERVISOR_GROUP: mentioned on breaches and overdue quotes; StaffGroup when empty
	PostRate      float64 // SLACK_POST_RATE: messages a second to the staff channel; 1 (Slack's limit) when 0
	AppToken      string  // SLACK_APP_TOKEN (xapp-…): Socket Mode instead of public endpoints
	// HoldImpolite (SLACK_COURTESY=hold) keeps a reply with a never-say
	// phrase back until its sender confirms; otherwise it is sent and the
	// sender warned.
	HoldImpolite bool
	// MaskContact hides the phone and address in the channel copy
	// (SLACK_MASK_CONTACT); "Show contact" reveals them to the presser alone
	// and records who looked.
	MaskContact bool
	// TakeoverIdle releases a taken-over conversation left idle this long
	// (SLACK_TAKEOVER_IDLE), with a note in the thread; 0 never.
	TakeoverIdle time.Duration
}

// Validate checks the configuration, naming the variable at fault.
func (c Config) Validate() error {
	switch {
	case !strings.HasPrefix(c.BotToken, "xoxb-"):
		return errors.New("SLACK_BOT_TOKEN: a bot token starts with xoxb-")
	case len(c.SigningSecret) < 16:
		return errors.New("SLACK_SIGNING_SECRET: the app's signing secret (Basic Information) is required")
	case c.StaffChannel == "":
		return errors.New("SLACK_STAFF_CHANNEL: the id of the channel tickets go to (C…) is required")
	case c.AppToken != "" && !strings.HasPrefix(c.AppToken, "xapp-"):
		return errors.New("SLACK_APP_TOKEN: an app-level token starts with xapp-")
	case c.APIURL != "" && !strings.HasPrefix(c.APIURL, "http://") && !strings.HasPrefix(c.APIURL, "https://"):
		return fmt.Errorf("SLACK_API_URL: %q is not an http(s) URL", c.APIURL)
	}
	return nil
}

// Desk is what the staff desk needs of the dialog (dialog.Manager): the
// use cases of speaking to customers, whose rules live there.
type Desk interface {
	Say(ctx context.Context, channel, chatID string, who dialog.Speaker, text string, how dialog.Speaking) (dialog.Said, error)
	TakeOver(ctx context.Context, channel, chatID, agent, name string) (string, error)
	Release(ctx context.Context, channel, chatID string) error
	ReleaseIdle(ctx context.Context, idle time.Duration) ([]string, error)
	Relay(ctx context.Context, channel, chatID, agent, actor, text string) error
	Holder(ctx context.Context, channel, chatID string) (string, error)
	Impolite(text string) []prompts.NeverSay
	LogChat(channel, chatID string) string
}

// Bot is the staff desk.
type Bot struct {
	cfg      Config
	api      *slack.Client
	desk     Desk
	staff    *staff.Staff
	db       *storage.DB
	out      *storage.Outbound
	log      *slog.Logger
	botUser  string
	limit    *rate.Limiter // Slack allows about one message a second per channel
	names    sync.Map      // user id -> display name
	now      func() time.Time
	reword   Rewriter                                 // nil: no rewording offered
	observe  func(outcome string, took time.Duration) // metrics of Web API calls; nil when none
	done     storage.Handled                          // queued items this process handled, by id
	jobs     *storage.Drainer                         // staff messages in threads, queued per thread
	mirrored *storage.Drainer                         // customers' messages to held chats, queued per chat
}

// SetObserver has f told of every Web API call: its outcome (ok,
// rate_limited, error) and latency.
func (b *Bot) SetObserver(f func(outcome string, took time.Duration)) { b.observe = f }

// Rewriter offers one politer wording of a staff reply the courtesy check
// stopped (a language model, package llm); "" locale: the reply's own.
type Rewriter interface {
	Reword(ctx context.Context, text, locale string) (string, error)
}

// SetRewriter makes a held reply come with a politer rewording staff may
// send instead. Call before Start.
func (b *Bot) SetRewriter(r Rewriter) { b.reword = r }

// JobsChannel names the Redis queues of accepted event work, one per thread.
const JobsChannel = "slackjobs"

// New returns the staff desk; it calls Slack only from Start on.
func New(cfg Config, desk Desk, staff *staff.Staff, db *storage.DB, out *storage.Outbound, log *slog.Logger) (*Bot, error) {
	if err := cfg.Validate(); err != nil {
		return nil, err
	}
	opts := []slack.Option{}
	if cfg.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(cfg.AppToken))
	}
	if cfg.APIURL != "" {
		opts = append(opts, slack.OptionAPIURL(strings.TrimRight(cfg.APIURL, "/")+"/"))
	}
	b := &Bot{cfg: cfg, api: slack.New(cfg.BotToken, opts...), desk: desk, staff: staff, db: db, out: out,
		log: log, limit: rate.NewLimiter(rate.Limit(cmp.Or(cfg.PostRate, 1)), 3), now: time.Now}
	b.jobs = storage.NewDrainer(out, JobsChannel, 4, queueSweep, func(ctx context.Context, id string, _ *storage.Claimed) { b.drain(ctx, JobsChannel, id, b.onJob) }, log)
	b.mirrored = storage.NewDrainer(out, storage.MirrorChannel, 4, queueSweep, func(ctx context.Context, id string, _ *storage.Claimed) {
		b.drain(ctx, storage.MirrorChannel, id, b.onMirrored)
	}, log)
	return b, nil
}

// Routes returns the endpoints Slack calls.
func (b *Bot) Routes() map[string]http.Handler {
	return map[string]http.Handler{
		"POST /slack/events":       http.HandlerFunc(b.handleEvents),
		"POST /slack/interactions": http.HandlerFunc(b.handleInteractions),
		"POST /slack/commands":     http.HandlerFunc(b.handleCommand),
	}
}

// Start learns the bot's own user id (to ignore its messages) and runs the
// feed and the queued work until ctx ends.
func (b *Bot) Start(ctx context.Context) {
	for ctx.Err() == nil {
		auth, err := b.api.AuthTestContext(ctx)
		if err == nil {
			b.botUser = auth.UserID
			break
		}
		b.log.Error("slack: auth.test", "err", err)
		webapi.Sleep(ctx, 5*time.Second)
	}
	runs := []func(context.Context){b.feedLoop, b.queueLoop}
	if b.cfg.AppToken != "" {
		runs = append(runs, b.runSocket)
	}
	var wg sync.WaitGroup
	for _, run := range runs {
		wg.Add(1)
		go func() { defer wg.Done(); run(ctx) }()
	}
	wg.Wait()
}

// text renders a staff label (prompts' slack.* and cli.* keys) in the
// desk's default language.
func (b *Bot) text(key string, data any) string { return b.staff.Text(key, data) }

// name returns a Slack user's display name, for the customer's "X has
// joined" and for the ticket log.
func (b *Bot) name(ctx context.Context, user string) string {
	if n, ok := b.names.Load(user); ok {
		return n.(string)
	}
	u, err := b.api.GetUserInfoContext(ctx, user)
	if err != nil {
		return user
	}
	n := u.Profile.DisplayName
	if n == "" {
		n = u.RealName
	}
	if n == "" {
		n = u.Name
	}
	b.names.Store(user, n)
	return n
}

// actor names a staff member in the ticket log: their display name and
// their Slack id, which does not change.
func (b *Bot) actor(ctx context.Context, user string) string {
	return "slack:" + b.name(ctx, user) + " (" + user + ")"
}

// post sends a message to the staff channel (in thread when threadTS is
// set) within Slack's rate, waiting out a 429's Retry-After.
func (b *Bot) post(ctx context.Context, threadTS string, opts ...slack.MsgOption) (string, error) {
	if threadTS != "" {
		opts = append(opts, slack.MsgOptionTS(threadTS))
	}
	var ts string
	err := b.call(ctx, func() error {
		var err error
		_, ts, err = b.api.PostMessageContext(ctx, b.cfg.StaffChannel, opts...)
		return err
	})
	return ts, err
}

// slackRetries: a 429 is waited out (its Retry-After) up to 10 times; a
// 5xx or a network error is tried 5 times with a doubling pause.
var slackRetries = webapi.Policy{Attempts: 5, First: 500 * time.Millisecond, Max: 10 * time.Second, Waits: 10}

// call runs one Web API call through the rate limiter, retrying a 429 after
// its Retry-After and a 5xx or network error a few times.
func (b *Bot) call(ctx context.Context, fn func() error) error {
	return webapi.Call{
		Wait:    b.limit.Wait,
		Try:     func(context.Context) error { return fn() },
		Judge:   judge,
		Observe: b.observe,
	}.Do(ctx, slackRetries)
}

// judge reads a failed Slack call: a 429 waits, a 5xx or a network error is
// tried again, anything else (an error Slack answered with) is final.
func judge(err error) (webapi.Verdict, time.Duration, error) {
	var limited *slack.RateLimitedError
	var status slack.StatusCodeError
	switch {
	case errors.As(err, &limited):
		return webapi.Limited, limited.RetryAfter, err
	case errors.As(err, &status) && status.Code >= 500, isNetwork(err):
		return webapi.Transient, 0, err
	}
	return webapi.Final, 0, err
}

func isNetwork(err error) bool {
	var ne interface{ Timeout() bool }
	return errors.As(err, &ne)
}
