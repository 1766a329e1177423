package main

import (
	"cmp"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"
	_ "time/tzdata" // FRONTDESK_TIMEZONE works on machines without a zoneinfo database

	slackdesk "github.com/frontdesk/frontdesk/bots/slack"
	"github.com/frontdesk/frontdesk/bots/telegram"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/llm"
)

// Config is Frontdesk's whole configuration, read once at start by the
// configuration table (settings.go), which names every variable.
type Config struct {
	Addr          string        // FRONTDESK_ADDR
	DatabaseURL   string        // DATABASE_URL
	RedisURL      string        // REDIS_URL
	RedisPrefix   string        // REDIS_PREFIX
	RedisSnapshot string        // FRONTDESK_REDIS_SNAPSHOT: where the in-process Redis is saved ("" for nowhere)
	IdleTimeout   time.Duration // FRONTDESK_IDLE_TIMEOUT
	Staff         string        // FRONTDESK_STAFF: who the CLI acts as
	Desk          dialog.Config
	Telegram      telegram.Config  // TELEGRAM_*: the channel is on when the token is set
	Slack         slackdesk.Config // SLACK_*: the staff desk is on when the bot token is set
	Model         llm.Config       // OPENAI_*, FRONTDESK_MODEL_*: a language model behind the rules when the key is set
	LogFormat     string           // FRONTDESK_LOG_FORMAT: text or json
	LogLevel      slog.Level       // FRONTDESK_LOG_LEVEL: debug, info, warn, error
	PprofAddr     string           // FRONTDESK_PPROF_ADDR: net/http/pprof on its own address when set
	ChartFont     string           // FRONTDESK_CHART_FONT: a font file with Chinese glyphs for charts; empty to search the system
	WeeklyReport  bool             // FRONTDESK_WEEKLY_REPORT: post last week's chart to the Slack staff channel on Mondays (on unless "off")
	Settings      []Setting        // every setting read, in order, with where its value came from (frontdesk config)
}

var workHours = regexp.MustCompile(`^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$`)

// loadConfig reads the configuration table's settings (settings.go) in
// order: each from getenv, else from the business-rules file
// FRONTDESK_CONFIG names (when set), else its default. An invalid value is
// an error naming its variable, or the file and key it came from.
func loadConfig(getenv func(string) string) (Config, error) {
	var c Config
	var file map[string]ruleValue
	if path := strings.TrimSpace(getenv("FRONTDESK_CONFIG")); path != "" {
		var err error
		if file, err = readRules(path); err != nil {
			return c, err
		}
	}
	for _, s := range settings {
		v, from, name := "", "default", cmp.Or(s.Env, s.Key)
		if s.Env != "" && strings.TrimSpace(getenv(s.Env)) != "" {
			v, from = strings.TrimSpace(getenv(s.Env)), "environment"
		} else if rv, ok := file[s.Key]; ok && s.Key != "" {
			v, from, name = rv.value, rv.key, rv.key
		} else if v = s.Def; s.dynamic != nil {
			v = s.dynamic(&c, getenv)
		}
		if err := s.apply(&c, v); err != nil {
			return c, fmt.Errorf("%s: %w", name, err)
		}
		key := cmp.Or(s.Env, s.Key)
		c.Settings = append(c.Settings, Setting{Key: key, Value: shownValue(key, v), From: from})
	}
	c.Model.Company = c.Desk.Company
	if c.Desk.Promises.QuoteAlarm <= c.Desk.Promises.QuoteRemind {
		return c, fmt.Errorf("FRONTDESK_QUOTE_ALARM: must be later than FRONTDESK_QUOTE_REMIND (%s)", c.Desk.Promises.QuoteRemind)
	}
	if c.Telegram.Token != "" || c.Telegram.WebhookSecret != "" {
		if err := c.Telegram.Validate(); err != nil {
			return c, err
		}
	}
	if c.Slack.BotToken != "" {
		if err := c.Slack.Validate(); err != nil {
			return c, err
		}
	}
	return c, nil
}
