package main

import (
	"fmt"
	"log/slog"
	"net"
	"regexp"
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // FRONTDESK_TIMEZONE works on machines without a zoneinfo database

	slackdesk "github.com/frontdesk/frontdesk/bots/slack"
	"github.com/frontdesk/frontdesk/bots/telegram"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/llm"
)

// Config is Frontdesk's whole configuration, read from the environment once
// at start. The README's configuration table lists every variable.
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

// defaultWorkHours are the desk's hours unless set.
const defaultWorkHours = "09:00-18:30"

var workHours = regexp.MustCompile(`^(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})$`)

// loadConfig reads the configuration from getenv, and the business rules
// from the file FRONTDESK_CONFIG names (when set), an environment variable
// overriding the file's value; then defaults. An invalid value is an error
// naming its variable, or the file and key it came from.
func loadConfig(getenv func(string) string) (Config, error) {
	var settings []Setting
	seen := map[string]bool{}
	note := func(key, value, from string) {
		if !seen[key] && key != "USER" {
			seen[key] = true
			settings = append(settings, Setting{Key: key, Value: shownValue(key, value), From: from})
		}
	}
	get := func(key, def string) string {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			note(key, v, "environment")
			return v
		}
		note(key, def, "default")
		return def
	}
	var file map[string]ruleValue
	var rf *rulesFile
	if path := get("FRONTDESK_CONFIG", ""); path != "" {
		var err error
		if file, rf, err = readRules(path); err != nil {
			return Config{}, err
		}
	}
	// rule returns a business rule's value and the name to blame for it.
	rule := func(key, def string) (string, string) {
		if v := strings.TrimSpace(getenv(key)); v != "" {
			note(key, v, "environment")
			return v, key
		}
		if v, ok := file[key]; ok {
			note(key, v.value, v.key)
			return v.value, v.key
		}
		note(key, def, "default")
		return def, key
	}
	c := Config{
		Addr:        get("FRONTDESK_ADDR", "127.0.0.1:8080"), // loopback unless said: a trial is not served to the network
		DatabaseURL: get("DATABASE_URL", "sqlite:frontdesk.db"),
		RedisURL:    get("REDIS_URL", ""),
		RedisPrefix: get("REDIS_PREFIX", "frontdesk:"),
		Staff:       get("FRONTDESK_STAFF", get("USER", "staff")),
	}
	// Empty names and taglines take the texts' own per locale (prompts/).
	c.Desk.Company, _ = rule("FRONTDESK_COMPANY", "")
	c.Desk.CompanyEN, _ = rule("FRONTDESK_COMPANY_EN", "")
	c.Desk.Tagline, _ = rule("FRONTDESK_TAGLINE", "")
	c.Desk.TaglineEN, _ = rule("FRONTDESK_TAGLINE_EN", "")
	c.Desk.Hotline, _ = rule("FRONTDESK_HOTLINE", "")
	var name string
	if c.Desk.DefaultLocale, name = rule("FRONTDESK_LOCALE", "zh-CN"); c.Desk.DefaultLocale != "zh-CN" && c.Desk.DefaultLocale != "en" {
		return c, fmt.Errorf("%s: %q is not zh-CN or en", name, c.Desk.DefaultLocale)
	}
	if host, port, err := net.SplitHostPort(c.Addr); err != nil || !validPort(port) || strings.ContainsAny(host, " /") {
		return c, fmt.Errorf("FRONTDESK_ADDR: %q is not a listen address like 127.0.0.1:8080 or :8080", c.Addr)
	}
	// The in-process Redis is saved beside the SQLite file, so a restart
	// keeps conversations and web-chat transcripts; "off" keeps nothing.
	snapDefault := ""
	if path, ok := strings.CutPrefix(c.DatabaseURL, "sqlite:"); ok && c.RedisURL == "" {
		snapDefault = path + ".redis.json"
	}
	if c.RedisSnapshot = get("FRONTDESK_REDIS_SNAPSHOT", snapDefault); c.RedisSnapshot == "off" {
		c.RedisSnapshot = ""
	}
	if c.LogFormat = get("FRONTDESK_LOG_FORMAT", "text"); c.LogFormat != "text" && c.LogFormat != "json" {
		return c, fmt.Errorf("FRONTDESK_LOG_FORMAT: %q is neither text nor json", c.LogFormat)
	}
	if lv := get("FRONTDESK_LOG_LEVEL", "info"); lv != "" {
		var err error
		if c.LogLevel, err = parseLogLevel(lv); err != nil {
			return c, fmt.Errorf("FRONTDESK_LOG_LEVEL: %q is not debug, info, warn or error", lv)
		}
	}
	c.ChartFont = get("FRONTDESK_CHART_FONT", "")
	switch v := get("FRONTDESK_WEEKLY_REPORT", "on"); v {
	case "on", "off":
		c.WeeklyReport = v == "on"
	default:
		return c, fmt.Errorf("FRONTDESK_WEEKLY_REPORT: %q is neither on nor off", v)
	}
	if c.PprofAddr = get("FRONTDESK_PPROF_ADDR", ""); c.PprofAddr != "" {
		if _, port, err := net.SplitHostPort(c.PprofAddr); err != nil || !validPort(port) {
			return c, fmt.Errorf("FRONTDESK_PPROF_ADDR: %q is not a listen address like 127.0.0.1:6060", c.PprofAddr)
		}
	}
	switch u := c.DatabaseURL; {
	case strings.HasPrefix(u, "postgres://"), strings.HasPrefix(u, "postgresql://"):
	case strings.HasPrefix(u, "sqlite:") && len(u) > len("sqlite:"):
	default:
		return c, fmt.Errorf("DATABASE_URL: %q is neither postgres://… nor sqlite:PATH", redact(u))
	}
	if c.RedisURL != "" && !strings.HasPrefix(c.RedisURL, "redis://") && !strings.HasPrefix(c.RedisURL, "rediss://") && !strings.HasPrefix(c.RedisURL, "unix://") {
		return c, fmt.Errorf("REDIS_URL: %q is not a redis:// URL", redact(c.RedisURL))
	}
	var err error
	c.Telegram = telegram.Config{Token: get("TELEGRAM_BOT_TOKEN", ""), APIURL: get("TELEGRAM_API_URL", ""),
		WebhookSecret: get("TELEGRAM_WEBHOOK_SECRET", "")}
	if c.Telegram.PerSecond, err = strconv.Atoi(get("TELEGRAM_RATE", "30")); err != nil {
		return c, fmt.Errorf("TELEGRAM_RATE: %q is not a whole number of messages a second", get("TELEGRAM_RATE", "30"))
	}
	if c.Telegram.Token != "" || c.Telegram.WebhookSecret != "" {
		if err := c.Telegram.Validate(); err != nil {
			return c, err
		}
	}
	c.Slack = slackdesk.Config{BotToken: get("SLACK_BOT_TOKEN", ""), SigningSecret: get("SLACK_SIGNING_SECRET", ""),
		StaffChannel: get("SLACK_STAFF_CHANNEL", ""), APIURL: get("SLACK_API_URL", ""), StaffGroup: get("SLACK_STAFF_GROUP", "<!here>"), Supervisors: get("SLACK_SUPERVISOR_GROUP", ""), AppToken: get("SLACK_APP_TOKEN", ""),
		HoldImpolite: get("SLACK_COURTESY", "warn") == "hold",
		MaskContact:  get("SLACK_MASK_CONTACT", "true") != "false"}
	if rate := get("SLACK_POST_RATE", "1"); rate != "" {
		if c.Slack.PostRate, err = strconv.ParseFloat(rate, 64); err != nil || c.Slack.PostRate <= 0 {
			return c, fmt.Errorf("SLACK_POST_RATE: %q is not a positive number of messages a second", rate)
		}
	}
	if c.Slack.TakeoverIdle, err = time.ParseDuration(get("SLACK_TAKEOVER_IDLE", "30m")); err != nil || c.Slack.TakeoverIdle < 0 {
		return c, fmt.Errorf("SLACK_TAKEOVER_IDLE: %q is not a duration like 30m (0 never releases)", get("SLACK_TAKEOVER_IDLE", "30m"))
	}
	if v := get("SLACK_COURTESY", "warn"); v != "warn" && v != "hold" {
		return c, fmt.Errorf("SLACK_COURTESY: %q is neither warn nor hold", v)
	}
	if c.Slack.BotToken != "" {
		if err := c.Slack.Validate(); err != nil {
			return c, err
		}
	}
	durations := []struct {
		key, def string
		dst      *time.Duration
	}{
		{"FRONTDESK_IDLE_TIMEOUT", "24h", &c.IdleTimeout},
		{"FRONTDESK_FIRST_REPLY", "4h", &c.Desk.SLA.FirstReply},
		{"FRONTDESK_QUOTE_AFTER", "30m", &c.Desk.SLA.QuoteAfter},
		{"FRONTDESK_COMPLAINT_WITHIN", "24h", &c.Desk.SLA.Complaint},
		{"FRONTDESK_STAFF_REPLY", "30m", &c.Desk.SLA.StaffReply},
		{"FRONTDESK_ONSITE_CONTACT", "10m", &c.Desk.Promises.OnSiteContact},
		{"FRONTDESK_DISPATCH_WITHIN", "40m", &c.Desk.Promises.Dispatch},
		{"FRONTDESK_DISPATCH_CARRY_IN", "3h", &c.Desk.Promises.DispatchCarry},
		{"FRONTDESK_CONFIRM_CLOSE", "20m", &c.Desk.Promises.ConfirmClose},
		{"FRONTDESK_PLAN_WITHIN", "24h", &c.Desk.Promises.Plan},
		{"FRONTDESK_QUOTE_REMIND", "48h", &c.Desk.Promises.QuoteRemind},
		{"FRONTDESK_QUOTE_ALARM", "96h", &c.Desk.Promises.QuoteAlarm},
		{"FRONTDESK_NEW_ENGINEER", "90d", &c.Desk.Promises.NewEngineer},
		{"FRONTDESK_COMPLAINT_WINDOW", "90d", &c.Desk.Promises.ComplaintWindow},
		{"FRONTDESK_NUDGE_AFTER", "10m", &c.Desk.Promises.Nudge},
	}
	for _, d := range durations {
		v, name := rule(d.key, d.def)
		if *d.dst, err = parseDuration(v); err != nil || *d.dst <= 0 {
			return c, fmt.Errorf("%s: %q is not a positive duration like 30m, 24h or 90d", name, v)
		}
	}
	if err := loadPromises(&c.Desk.Promises, rule); err != nil {
		return c, err
	}
	if c.Model, err = loadModelConfig(get, c.Desk.Company); err != nil {
		return c, err
	}
	if c.Desk.Promises.QuoteAlarm <= c.Desk.Promises.QuoteRemind {
		return c, fmt.Errorf("FRONTDESK_QUOTE_ALARM: must be later than FRONTDESK_QUOTE_REMIND (%s)", c.Desk.Promises.QuoteRemind)
	}
	ints := []struct {
		key, def string
		dst      *int
	}{
		{"FRONTDESK_REPAIR_DAYS", "3", &c.Desk.SLA.RepairDays},
		{"FRONTDESK_WARRANTY_MONTHS", "12", &c.Desk.WarrantyMonths},
	}
	for _, n := range ints {
		v, name := rule(n.key, n.def)
		if *n.dst, err = strconv.Atoi(v); err != nil || *n.dst <= 0 || *n.dst > 1000 {
			return c, fmt.Errorf("%s: %q is not a whole number from 1 to 1000", name, v)
		}
	}
	tz, name := rule("FRONTDESK_TIMEZONE", "Asia/Shanghai")
	if c.Desk.Location, err = time.LoadLocation(tz); err != nil {
		return c, fmt.Errorf("%s: %q is not a time zone like Asia/Shanghai", name, tz)
	}
	hours, name := rule("FRONTDESK_WORK_HOURS", defaultWorkHours)
	m := workHours.FindStringSubmatch(hours)
	if m == nil {
		return c, fmt.Errorf("%s: %q is not like 09:00-18:30", name, hours)
	}
	start, end := clock(m[1], m[2]), clock(m[3], m[4])
	if m[3] == "24" && m[4] == "00" {
		end = 24 * time.Hour // open until midnight
	}
	if start < 0 || end < 0 || start >= end {
		return c, fmt.Errorf("%s: %q is not a valid range", name, hours)
	}
	c.Desk.SLA.WorkStart, c.Desk.SLA.WorkEnd = start, end
	for _, tod := range []struct {
		key, def string
		dst      *time.Duration
	}{{"FRONTDESK_LATE_AFTER", "16:00", &c.Desk.SLA.LateAfter}, {"FRONTDESK_NEXT_MORNING", "10:00", &c.Desk.SLA.NextMorning}} {
		v, name := rule(tod.key, tod.def)
		hm := strings.SplitN(v, ":", 2)
		if len(hm) != 2 || clock(hm[0], hm[1]) < 0 {
			return c, fmt.Errorf("%s: %q is not a time of day like 16:00", name, v)
		}
		*tod.dst = clock(hm[0], hm[1])
	}
	if rf != nil {
		path := get("FRONTDESK_CONFIG", "")
		if c.Desk.SLA.Workdays, c.Desk.SLA.Holidays, c.Desk.SLA.Extra, err = calendar(path, rf); err != nil {
			return c, err
		}
	}
	c.Settings = settings
	return c, nil
}
