package main

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/llm"
)

// setting is one row of the configuration table: every setting is written
// here once, with its environment variable, its key in the rules file, its
// default, its help line and its check. loadConfig applies the rows in
// order; the README's configuration table and frontdesk.example.yaml are
// checked against them (settings_test.go).
type setting struct {
	Env  string // environment variable; "" when only the rules file sets it
	Key  string // key in the rules file (FRONTDESK_CONFIG); "" when only the environment does
	Def  string // the default, as written
	Help string // one line: what it does (README's table)
	// dynamic, when set, computes the default from the rows before it and
	// the environment.
	dynamic func(c *Config, getenv func(string) string) string
	// apply checks a value and stores it; its error says what is wrong
	// with the value, and the caller names the setting.
	apply func(c *Config, v string) error
}

// deskDefaults are the desk's defaults, written once in package dialog.
var deskDefaults = dialog.Defaults()

// settings is the configuration table, in the order values are applied.
var settings = []setting{
	{Env: "FRONTDESK_CONFIG", Help: "path of the business-rules YAML file (`frontdesk.example.yaml` lists its keys)", apply: func(*Config, string) error { return nil }},
	{Env: "FRONTDESK_ADDR", Def: "127.0.0.1:8080", Help: "listen address: loopback unless set (`:8080` serves every interface; the Docker image sets that)",
		apply: func(c *Config, v string) error {
			if host, port, err := net.SplitHostPort(v); err != nil || !validPort(port) || strings.ContainsAny(host, " /") {
				return fmt.Errorf("%q is not a listen address like 127.0.0.1:8080 or :8080", v)
			}
			c.Addr = v
			return nil
		}},
	{Env: "DATABASE_URL", Def: "sqlite:frontdesk.db", Help: "`postgres://…` for PostgreSQL, `sqlite:PATH` for SQLite", apply: func(c *Config, v string) error {
		switch {
		case strings.HasPrefix(v, "postgres://"), strings.HasPrefix(v, "postgresql://"):
		case strings.HasPrefix(v, "sqlite:") && len(v) > len("sqlite:"):
		default:
			return fmt.Errorf("%q is neither postgres://… nor sqlite:PATH", redact(v))
		}
		c.DatabaseURL = v
		return nil
	}},
	{Env: "REDIS_URL", Help: "`redis://host:6379/0` for conversation state; empty: an in-process Redis", apply: func(c *Config, v string) error {
		if v != "" && !strings.HasPrefix(v, "redis://") && !strings.HasPrefix(v, "rediss://") && !strings.HasPrefix(v, "unix://") {
			return fmt.Errorf("%q is not a redis:// URL", redact(v))
		}
		c.RedisURL = v
		return nil
	}},
	{Env: "REDIS_PREFIX", Def: "frontdesk:", Help: "prefix of every Redis key", apply: str(func(c *Config) *string { return &c.RedisPrefix })},
	{Env: "FRONTDESK_REDIS_SNAPSHOT", Help: "where the in-process Redis is saved (every 2 s and at shutdown) and loaded at start, so a restart keeps conversations and transcripts; default: `<SQLite file>.redis.json` when `REDIS_URL` is empty and the database is SQLite; `off` keeps nothing",
		dynamic: func(c *Config, _ func(string) string) string {
			if path, ok := strings.CutPrefix(c.DatabaseURL, "sqlite:"); ok && c.RedisURL == "" {
				return path + ".redis.json"
			}
			return ""
		},
		apply: func(c *Config, v string) error {
			if c.RedisSnapshot = v; v == "off" {
				c.RedisSnapshot = ""
			}
			return nil
		}},
	{Env: "FRONTDESK_STAFF", Help: "who the staff command line records as the actor; default: `$USER`, else `staff`",
		dynamic: func(_ *Config, getenv func(string) string) string { return cmpOr(getenv("USER"), "staff") }, apply: str(func(c *Config) *string { return &c.Staff })},
	{Env: "FRONTDESK_LOG_FORMAT", Def: "text", Help: "`json` for one JSON object a line (go-redis's and River's messages included)",
		apply: oneOf("text json", func(c *Config) *string { return &c.LogFormat })},
	{Env: "FRONTDESK_LOG_LEVEL", Def: "info", Help: "`debug`, `info`, `warn` or `error`", apply: func(c *Config, v string) error {
		var err error
		if c.LogLevel, err = parseLogLevel(v); err != nil {
			return fmt.Errorf("%q is not debug, info, warn or error", v)
		}
		return nil
	}},
	{Env: "FRONTDESK_PPROF_ADDR", Help: "serve `net/http/pprof` on this address only (e.g. `127.0.0.1:6060`), never on the public one; empty: off",
		apply: func(c *Config, v string) error {
			if v != "" {
				if _, port, err := net.SplitHostPort(v); err != nil || !validPort(port) {
					return fmt.Errorf("%q is not a listen address like 127.0.0.1:6060", v)
				}
			}
			c.PprofAddr = v
			return nil
		}},
	{Env: "FRONTDESK_CHART_FONT", Help: "a `.ttf`/`.ttc`/`.otf` with Chinese glyphs for charts; empty: search the system",
		apply: str(func(c *Config) *string { return &c.ChartFont })},
	{Env: "FRONTDESK_WEEKLY_REPORT", Def: "on", Help: "with Slack on, post last week's chart and numbers to the staff channel on Mondays at opening; `off` for none",
		apply: func(c *Config, v string) error {
			if v != "on" && v != "off" {
				return fmt.Errorf("%q is neither on nor off", v)
			}
			c.WeeklyReport = v == "on"
			return nil
		}},
	{Env: "FRONTDESK_COMPANY", Key: "company.name", Help: "the company's name in greetings and the web chat's header and title; default: per language (prompts' `company.default`)",
		apply: str(func(c *Config) *string { return &c.Desk.Company })},
	{Env: "FRONTDESK_COMPANY_EN", Key: "company.name_en", Help: "the English name, when it differs; default: the name, else the English default",
		apply: str(func(c *Config) *string { return &c.Desk.CompanyEN })},
	{Env: "FRONTDESK_TAGLINE", Key: "company.tagline", Help: "the short line under the name on the web chat; default: per language (prompts' `webchat.tagline`)",
		apply: str(func(c *Config) *string { return &c.Desk.Tagline })},
	{Env: "FRONTDESK_TAGLINE_EN", Key: "company.tagline_en", Help: "the tagline in English, when it differs",
		apply: str(func(c *Config) *string { return &c.Desk.TaglineEN })},
	{Env: "FRONTDESK_HOTLINE", Key: "company.hotline", Help: "the service hotline, told in the help text when set (e.g. 400-800-8888)",
		apply: str(func(c *Config) *string { return &c.Desk.Hotline })},
	{Env: "FRONTDESK_LOCALE", Key: "locale", Def: deskDefaults.DefaultLocale, Help: "default reply language (`zh-CN` or `en`); a customer writing English gets English",
		apply: oneOf("zh-CN en", func(c *Config) *string { return &c.Desk.DefaultLocale })},
	{Env: "FRONTDESK_IDLE_TIMEOUT", Key: "idle_timeout", Def: "24h", Help: "a conversation (and a half-finished report) idle this long is forgotten",
		apply: duration(func(c *Config) *time.Duration { return &c.IdleTimeout })},
	{Env: "FRONTDESK_WARRANTY_MONTHS", Key: "warranty_months", Def: strconv.Itoa(deskDefaults.WarrantyMonths), Help: "warranty length from the purchase date",
		apply: whole(1, 1000, func(c *Config) *int { return &c.Desk.WarrantyMonths })},
	{Env: "FRONTDESK_TIMEZONE", Key: "hours.timezone", Def: "Asia/Shanghai", Help: "time zone of the working hours and of every time customers and staff read",
		apply: func(c *Config, v string) error {
			var err error
			if c.Desk.Location, err = time.LoadLocation(v); err != nil {
				return fmt.Errorf("%q is not a time zone like Asia/Shanghai", v)
			}
			return nil
		}},
	{Env: "FRONTDESK_WORK_HOURS", Key: "hours.open/close", Def: clockText(deskDefaults.SLA.WorkStart) + "-" + clockText(deskDefaults.SLA.WorkEnd),
		Help: "working hours (the file sets `hours.open` and `hours.close`); working days: `hours.workdays`", apply: applyWorkHours},
	{Key: "hours.workdays", Def: "mon,tue,wed,thu,fri", Help: "the weekdays the desk works", apply: applyWorkdays},
	{Key: "hours.holidays", Help: "dates the desk does not work, like `2026-10-01`", apply: dates("hours.holidays", func(c *Config) *map[string]bool { return &c.Desk.SLA.Holidays })},
	{Key: "hours.extra_workdays", Help: "weekend dates it does work (make-up working days)", apply: dates("hours.extra_workdays", func(c *Config) *map[string]bool { return &c.Desk.SLA.Extra })},
	{Env: "FRONTDESK_FIRST_REPLY", Key: "service_levels.first_reply", Def: durText(deskDefaults.SLA.FirstReply), Help: "first reply with a diagnosis or quote",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.SLA.FirstReply })},
	{Env: "FRONTDESK_LATE_AFTER", Key: "service_levels.late_after", Def: clockText(deskDefaults.SLA.LateAfter), Help: "reports after this time of day (or on off-days)…",
		apply: timeOfDay(func(c *Config) *time.Duration { return &c.Desk.SLA.LateAfter })},
	{Env: "FRONTDESK_NEXT_MORNING", Key: "service_levels.next_morning", Def: clockText(deskDefaults.SLA.NextMorning), Help: "…get their first reply by this time of the next working day",
		apply: timeOfDay(func(c *Config) *time.Duration { return &c.Desk.SLA.NextMorning })},
	{Env: "FRONTDESK_QUOTE_AFTER", Key: "service_levels.quote_after", Def: durText(deskDefaults.SLA.QuoteAfter), Help: "the quote is told within this of the diagnosis",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.SLA.QuoteAfter })},
	{Env: "FRONTDESK_REPAIR_DAYS", Key: "service_levels.repair_days", Def: strconv.Itoa(deskDefaults.SLA.RepairDays), Help: "working days from approval to repaired, when the quote gives none",
		apply: whole(1, 1000, func(c *Config) *int { return &c.Desk.SLA.RepairDays })},
	{Env: "FRONTDESK_COMPLAINT_WITHIN", Key: "service_levels.complaint", Def: durText(deskDefaults.SLA.Complaint), Help: "a complaint gets a proposed resolution within this",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.SLA.Complaint })},
	{Env: "FRONTDESK_STAFF_REPLY", Key: "service_levels.staff_reply", Def: durText(deskDefaults.SLA.StaffReply), Help: "in working hours, a person answers a handed-over chat within this",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.SLA.StaffReply })},
	{Env: "FRONTDESK_ONSITE_CONTACT", Key: "service_levels.onsite_contact", Def: durText(deskDefaults.Promises.OnSiteContact), Help: "an on-site engineer contacts the customer after dispatch (working time)",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.Promises.OnSiteContact })},
	{Env: "FRONTDESK_DISPATCH_WITHIN", Key: "service_levels.dispatch", Def: durText(deskDefaults.Promises.Dispatch), Help: "an on-site report gets its engineer within this (pre-processing and dispatch; working time)",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.Promises.Dispatch })},
	{Env: "FRONTDESK_DISPATCH_CARRY_IN", Key: "service_levels.dispatch_carry_in", Def: durText(deskDefaults.Promises.DispatchCarry), Help: "a carry-in report gets its engineer within this (working time)",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.Promises.DispatchCarry })},
	{Env: "FRONTDESK_CONFIRM_CLOSE", Key: "service_levels.confirm_close", Def: durText(deskDefaults.Promises.ConfirmClose), Help: "an on-site job fixed is confirmed and closed within this (working time)",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.Promises.ConfirmClose })},
	{Env: "FRONTDESK_PLAN_WITHIN", Key: "service_levels.plan", Def: durText(deskDefaults.Promises.Plan), Help: "a job reopened by a callback gets a solution plan within this",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.Promises.Plan })},
	{Env: "FRONTDESK_WARN_AT", Key: "service_levels.warn_at", Def: strconv.FormatFloat(deskDefaults.Promises.WarnAt, 'f', -1, 64), Help: "the thread is warned after this share of a promise's time",
		apply: share(false, func(c *Config) *float64 { return &c.Desk.Promises.WarnAt })},
	{Env: "FRONTDESK_QUOTE_REMIND", Key: "quotes.remind_after", Def: durText(deskDefaults.Promises.QuoteRemind), Help: "an undecided quote gets one reminder to the customer after this",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.Promises.QuoteRemind })},
	{Env: "FRONTDESK_QUOTE_ALARM", Key: "quotes.alarm_after", Def: durText(deskDefaults.Promises.QuoteAlarm), Help: "…and alarms the supervisors after this (later than the reminder)",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.Promises.QuoteAlarm })},
	{Env: "FRONTDESK_CALLBACK_CATEGORIES", Key: "callbacks.categories", Def: strings.Join(deskDefaults.Promises.CallbackCategories, ","), Help: "always called back, the next working day (comma-separated; `none` for none)",
		apply: applyCategories},
	{Env: "FRONTDESK_CALLBACK_AT", Key: "callbacks.at", Def: clockText(deskDefaults.Promises.CallbackAt), Help: "time of day callbacks are made",
		apply: timeOfDay(func(c *Config) *time.Duration { return &c.Desk.Promises.CallbackAt })},
	{Env: "FRONTDESK_CALLBACK_SAMPLE", Key: "callbacks.sample", Def: strconv.FormatFloat(deskDefaults.Promises.CallbackSample, 'f', -1, 64), Help: "share of other closed jobs called back",
		apply: share(true, func(c *Config) *float64 { return &c.Desk.Promises.CallbackSample })},
	{Env: "FRONTDESK_CALLBACK_WINDOW", Key: "callbacks.window_days", Def: strconv.Itoa(deskDefaults.Promises.CallbackWindow), Help: "a sampled callback is made within this many working days",
		apply: whole(1, 30, func(c *Config) *int { return &c.Desk.Promises.CallbackWindow })},
	{Env: "FRONTDESK_CALLBACK_DELAY", Key: "callbacks.delay", Help: "when set (e.g. `10s`), every callback is due that long after closing (trials, tests)",
		apply: func(c *Config, v string) error {
			if v == "" {
				return nil
			}
			return duration(func(c *Config) *time.Duration { return &c.Desk.Promises.CallbackDelay })(c, v)
		}},
	{Env: "FRONTDESK_NEW_ENGINEER", Key: "callbacks.new_engineer_for", Def: durText(deskDefaults.Promises.NewEngineer), Help: "an engineer first assigned within this counts as new",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.Promises.NewEngineer })},
	{Env: "FRONTDESK_COMPLAINT_WINDOW", Key: "callbacks.complaint_window", Def: durText(deskDefaults.Promises.ComplaintWindow), Help: "complaints this recent count against an engineer",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.Promises.ComplaintWindow })},
	{Env: "FRONTDESK_NUDGE_AFTER", Key: "nudge_after", Def: durText(deskDefaults.Promises.Nudge), Help: "one gentle reminder to a customer who stopped mid-report, after this",
		apply: duration(func(c *Config) *time.Duration { return &c.Desk.Promises.Nudge })},
	{Env: "TELEGRAM_BOT_TOKEN", Help: "the bot's token from BotFather; turns the Telegram channel on", apply: str(func(c *Config) *string { return &c.Telegram.Token })},
	{Env: "TELEGRAM_API_URL", Help: "Bot API server (tests, or a self-hosted one); default: Telegram's", apply: str(func(c *Config) *string { return &c.Telegram.APIURL })},
	{Env: "TELEGRAM_WEBHOOK_SECRET", Help: "with it, updates come to `POST /telegram/webhook` carrying this secret; without, long polling",
		apply: str(func(c *Config) *string { return &c.Telegram.WebhookSecret })},
	{Env: "TELEGRAM_RATE", Def: "30", Help: "the bot's overall messages a second (raise it only with paid broadcasts)",
		apply: whole(1, 1000000, func(c *Config) *int { return &c.Telegram.PerSecond })},
	{Env: "SLACK_BOT_TOKEN", Help: "the app's bot token (`xoxb-…`); turns the staff desk on", apply: str(func(c *Config) *string { return &c.Slack.BotToken })},
	{Env: "SLACK_SIGNING_SECRET", Help: "the app's signing secret; every request from Slack is checked with it", apply: str(func(c *Config) *string { return &c.Slack.SigningSecret })},
	{Env: "SLACK_STAFF_CHANNEL", Key: "slack.staff_channel", Help: "id of the channel tickets go to (`C…`)", apply: str(func(c *Config) *string { return &c.Slack.StaffChannel })},
	{Env: "SLACK_API_URL", Help: "Web API base URL (tests point it at a fake); default: Slack's", apply: str(func(c *Config) *string { return &c.Slack.APIURL })},
	{Env: "SLACK_STAFF_GROUP", Key: "slack.staff_group", Def: "<!here>", Help: "mentioned on escalations and unhappy callbacks, e.g. `<!subteam^S0123>`",
		apply: str(func(c *Config) *string { return &c.Slack.StaffGroup })},
	{Env: "SLACK_SUPERVISOR_GROUP", Key: "slack.supervisor_group", Help: "mentioned on service-level breaches and overdue quotes; default: the staff group",
		apply: str(func(c *Config) *string { return &c.Slack.Supervisors })},
	{Env: "SLACK_POST_RATE", Def: "1", Help: "messages a second to the staff channel (Slack's limit is about one)", apply: func(c *Config, v string) error {
		var err error
		if c.Slack.PostRate, err = strconv.ParseFloat(v, 64); err != nil || c.Slack.PostRate <= 0 {
			return fmt.Errorf("%q is not a positive number of messages a second", v)
		}
		return nil
	}},
	{Env: "SLACK_MASK_CONTACT", Key: "slack.mask_contact", Def: "true", Help: "mask phone and address in the channel copy (`false` shows them)",
		apply: func(c *Config, v string) error {
			if v != "true" && v != "false" {
				return fmt.Errorf("%q is neither true nor false", v)
			}
			c.Slack.MaskContact = v == "true"
			return nil
		}},
	{Env: "SLACK_TAKEOVER_IDLE", Key: "slack.takeover_idle", Def: "30m", Help: "a takeover with no word this long goes back to the bot (`0`: never)",
		apply: func(c *Config, v string) error {
			var err error
			if c.Slack.TakeoverIdle, err = time.ParseDuration(v); err != nil || c.Slack.TakeoverIdle < 0 {
				return fmt.Errorf("%q is not a duration like 30m (0 never releases)", v)
			}
			return nil
		}},
	{Env: "SLACK_COURTESY", Key: "slack.courtesy", Def: "warn", Help: "a never-say phrase in a staff reply: `warn` after sending, or `hold` until confirmed",
		apply: func(c *Config, v string) error {
			if v != "warn" && v != "hold" {
				return fmt.Errorf("%q is neither warn nor hold", v)
			}
			c.Slack.HoldImpolite = v == "hold"
			return nil
		}},
	{Env: "SLACK_APP_TOKEN", Help: "an app-level token (`xapp-…`) switches to Socket Mode", apply: str(func(c *Config) *string { return &c.Slack.AppToken })},
	{Env: "OPENAI_API_KEY", Help: "the key of an OpenAI-compatible server; turns the language model on", apply: str(func(c *Config) *string { return &c.Model.APIKey })},
	{Env: "OPENAI_BASE_URL", Help: "the server's `/v1` address: DeepSeek, Qwen (DashScope), a self-hosted vLLM or Ollama; default: OpenAI's", apply: applyModelURL},
	{Env: "OPENAI_MODEL", Def: llm.DefaultModel, Help: "the model's name on that server (e.g. `deepseek-chat`, `qwen-plus`)", apply: str(func(c *Config) *string { return &c.Model.Model })},
	{Env: "FRONTDESK_MODEL_TIMEOUT", Def: "3s", Help: "one call's limit (at most `10s`); a failed call is tried once more", apply: applyModelTimeout},
	{Env: "FRONTDESK_MODEL_CHAT_TOKENS", Def: strconv.Itoa(llm.DefaultChatTokens), Help: "tokens one chat may spend a day; beyond, the rules alone",
		apply: tokens(func(c *Config) *int { return &c.Model.ChatTokens })},
	{Env: "FRONTDESK_MODEL_DAILY_TOKENS", Def: strconv.Itoa(llm.DefaultDailyTokens), Help: "tokens all chats may spend a day",
		apply: tokens(func(c *Config) *int { return &c.Model.DailyTokens })},
}
