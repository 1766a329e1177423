package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func envOf(m map[string]string) func(string) string { return func(k string) string { return m[k] } }

func TestConfigDefaults(t *testing.T) {
	c, err := loadConfig(envOf(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.Addr != "127.0.0.1:8080" || c.DatabaseURL != "sqlite:frontdesk.db" || c.RedisURL != "" || c.Desk.DefaultLocale != "zh-CN" ||
		c.IdleTimeout != 24*time.Hour || c.Desk.SLA.WorkStart != 9*time.Hour || c.Desk.SLA.WorkEnd != 18*time.Hour+30*time.Minute ||
		c.Desk.Location.String() != "Asia/Shanghai" {
		t.Fatalf("defaults %#v", c)
	}
}

func TestBadSettingNamesTheVariable(t *testing.T) {
	for key, value := range map[string]string{
		"FRONTDESK_LOCALE":              "fr",
		"DATABASE_URL":                  "mysql://root@localhost/x",
		"REDIS_URL":                     "localhost:6379",
		"FRONTDESK_IDLE_TIMEOUT":        "soon",
		"FRONTDESK_FIRST_REPLY":         "-4h",
		"FRONTDESK_TIMEZONE":            "Mars/Olympus",
		"FRONTDESK_WORK_HOURS":          "18:00-09:00",
		"FRONTDESK_REPAIR_DAYS":         "three",
		"FRONTDESK_STAFF_REPLY":         "0s",
		"TELEGRAM_BOT_TOKEN":            "not-a-token",
		"TELEGRAM_RATE":                 "fast",
		"FRONTDESK_CALLBACK_SAMPLE":     "30%",
		"FRONTDESK_CALLBACK_CATEGORIES": "paid,vip",
		"FRONTDESK_CALLBACK_AT":         "25:00",
		"FRONTDESK_CALLBACK_WINDOW":     "0",
		"FRONTDESK_CALLBACK_DELAY":      "later",
		"FRONTDESK_WARN_AT":             "80",
		"FRONTDESK_NEW_ENGINEER":        "3 months",
		"FRONTDESK_QUOTE_ALARM":         "24h",
		"SLACK_POST_RATE":               "0",
		"FRONTDESK_LOG_FORMAT":          "xml",
		"FRONTDESK_LOG_LEVEL":           "loud",
		"FRONTDESK_PPROF_ADDR":          "6060",
	} {
		t.Run(key, func(t *testing.T) {
			_, err := loadConfig(envOf(map[string]string{key: value}))
			if err == nil || !strings.HasPrefix(err.Error(), key+":") {
				t.Fatalf("%s=%q: err = %v", key, value, err)
			}
		})
	}
}

func TestConfigMasksSecrets(t *testing.T) {
	c, err := loadConfig(envOf(map[string]string{"DATABASE_URL": "postgres://fd:s3cret@db:5432/fd", "REDIS_URL": "redis://:hunter2@cache:6379/0"}))
	if err != nil {
		t.Fatal(err)
	}
	if s := c.String(); strings.Contains(s, "s3cret") || strings.Contains(s, "hunter2") || !strings.Contains(s, "postgres://fd:***@db:5432/fd") {
		t.Fatalf("String() = %s", s)
	}
}

func TestRulesFileWithEnvironmentOverrides(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "rules.yaml")
	os.WriteFile(path, []byte(`
company: {name: 示例家电维修, hotline: 400-800-8888}
locale: en
hours:
  timezone: Europe/London
  open: "08:30"
  close: "17:00"
  workdays: [mon, tue, wed, thu, fri, sat]
  holidays: ["2026-12-25"]
service_levels: {first_reply: 2h, repair_days: 5, late_after: "15:00"}
`), 0o600)
	c, err := loadConfig(envOf(map[string]string{"FRONTDESK_CONFIG": path, "FRONTDESK_FIRST_REPLY": "3h"}))
	if err != nil {
		t.Fatal(err)
	}
	sla := c.Desk.SLA
	if c.Desk.Company != "示例家电维修" || c.Desk.Hotline != "400-800-8888" || c.Desk.DefaultLocale != "en" ||
		c.Desk.Location.String() != "Europe/London" || sla.WorkStart != 8*time.Hour+30*time.Minute || sla.WorkEnd != 17*time.Hour ||
		sla.FirstReply != 3*time.Hour || sla.RepairDays != 5 || sla.LateAfter != 15*time.Hour || len(sla.Workdays) != 6 || !sla.Holidays["2026-12-25"] {
		t.Fatalf("config %+v", c.Desk)
	}
	// the example in the repository is valid and gives the defaults
	if _, err := loadConfig(envOf(map[string]string{"FRONTDESK_CONFIG": "frontdesk.example.yaml"})); err != nil {
		t.Fatalf("example: %v", err)
	}
	for name, body := range map[string]string{
		"service_levels.first_reply": "service_levels: {first_reply: soon}",
		"hours.workdays":             "hours: {workdays: [funday]}",
		"hours.holidays":             "hours: {holidays: [christmas]}",
		"locale":                     "locale: fr",
		`unknown key "bogus"`:        "bogus: 1",
	} {
		os.WriteFile(path, []byte(body), 0o600)
		_, err := loadConfig(envOf(map[string]string{"FRONTDESK_CONFIG": path}))
		if err == nil || !strings.Contains(err.Error(), name) || !strings.Contains(err.Error(), path) {
			t.Errorf("%s: err = %v", name, err)
		}
	}
}

func TestPromiseKeysFromTheFileAndTheEnvironment(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.yaml")
	os.WriteFile(path, []byte(`
quotes: {remind_after: 24h, alarm_after: 3d}
callbacks: {categories: [paid, complaint], at: "14:30", sample: 0.5, window_days: 3, new_engineer_for: 30d}
nudge_after: 15m
service_levels: {onsite_contact: 20m, warn_at: 0.75}
`), 0o600)
	c, err := loadConfig(envOf(map[string]string{"FRONTDESK_CONFIG": path, "FRONTDESK_CALLBACK_SAMPLE": "0.1"}))
	if err != nil {
		t.Fatal(err)
	}
	p := c.Desk.Promises
	if p.QuoteRemind != 24*time.Hour || p.QuoteAlarm != 72*time.Hour || strings.Join(p.CallbackCategories, ",") != "paid,complaint" ||
		p.CallbackAt != 14*time.Hour+30*time.Minute || p.CallbackSample != 0.1 || p.CallbackWindow != 3 ||
		p.NewEngineer != 30*24*time.Hour || p.ComplaintWindow != 90*24*time.Hour || p.Nudge != 15*time.Minute ||
		p.OnSiteContact != 20*time.Minute || p.WarnAt != 0.75 || p.CallbackDelay != 0 {
		t.Fatalf("promises %+v", p)
	}
	os.WriteFile(path, []byte("callbacks: {categories: []}\n"), 0o600)
	if c, err = loadConfig(envOf(map[string]string{"FRONTDESK_CONFIG": path})); err != nil || len(c.Desk.Promises.CallbackCategories) != 0 {
		t.Fatalf("no categories: %v %v", c.Desk.Promises.CallbackCategories, err)
	}
	os.WriteFile(path, []byte("callbacks: {sample: lots}\n"), 0o600)
	if _, err := loadConfig(envOf(map[string]string{"FRONTDESK_CONFIG": path})); err == nil || !strings.Contains(err.Error(), "callbacks.sample") {
		t.Fatalf("bad sample in the file: %v", err)
	}
}

// TestConfigErrorsInTheUsersTerms: a mistyped key in the rules file is
// named in full with its line and the nearest known key, never a Go type; a
// bad hour is quoted as written; a bad listen address is refused before
// anything starts.
func TestConfigErrorsInTheUsersTerms(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.yaml")
	for body, want := range map[string]string{
		"company:\n  nmae: 顺达\n":                        `line 2: unknown key "company.nmae" (did you mean "company.name"?)`,
		"servce_levels:\n  first_reply: 4h\n":           `line 1: unknown key "servce_levels" (did you mean "service_levels"?)`,
		"hours:\n  workdays: [mon]\n  opne: \"8:00\"\n": `line 3: unknown key "hours.opne" (did you mean "hours.open"?)`,
		"hours:\n  open: \"25:00\"\n":                   `hours.open: "25:00" is not a time of day like 09:00`,
		"colour: blue\n":                                `unknown key "colour" (known keys here:`,
	} {
		os.WriteFile(path, []byte(body), 0o600)
		_, err := loadConfig(envOf(map[string]string{"FRONTDESK_CONFIG": path}))
		if err == nil || !strings.Contains(err.Error(), want) || strings.Contains(err.Error(), "struct") || strings.Contains(err.Error(), "main.") {
			t.Errorf("%q: err = %v, want %s", body, err, want)
		}
	}
	// Only one end of the hours given: the other keeps its default.
	os.WriteFile(path, []byte("hours:\n  close: \"20:00\"\n"), 0o600)
	c, err := loadConfig(envOf(map[string]string{"FRONTDESK_CONFIG": path}))
	if err != nil || c.Desk.SLA.WorkStart != 9*time.Hour || c.Desk.SLA.WorkEnd != 20*time.Hour {
		t.Errorf("close only: %v, %s–%s", err, c.Desk.SLA.WorkStart, c.Desk.SLA.WorkEnd)
	}
	for _, addr := range []string{"bogus", "localhost:http-alt", "127.0.0.1:99999"} {
		if _, err := loadConfig(envOf(map[string]string{"FRONTDESK_ADDR": addr})); err == nil || !strings.HasPrefix(err.Error(), "FRONTDESK_ADDR:") {
			t.Errorf("FRONTDESK_ADDR=%s: err = %v", addr, err)
		}
	}
}

// TestConfigCommandSaysWhereEachValueCameFrom: `frontdesk config` lists
// every setting with its source, secrets masked.
func TestConfigCommandSaysWhereEachValueCameFrom(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.yaml")
	os.WriteFile(path, []byte("company: {name: 顺达家电}\n"), 0o600)
	env := envOf(map[string]string{"FRONTDESK_CONFIG": path, "FRONTDESK_LOCALE": "en", "OPENAI_API_KEY": "sk-very-secret",
		"SLACK_SIGNING_SECRET": "abc123", "DATABASE_URL": "postgres://fd:pw0rd@db/fd"})
	var out, errs strings.Builder
	if err := run(t.Context(), []string{"config"}, env, &out, &errs); err != nil {
		t.Fatal(err)
	}
	s := out.String()
	for _, bad := range []string{"sk-very-secret", "abc123", "pw0rd"} {
		if strings.Contains(s, bad) {
			t.Errorf("config prints the secret %q", bad)
		}
	}
	for _, line := range [][]string{{"FRONTDESK_COMPANY", path + ": company.name", "顺达家电"}, {"FRONTDESK_LOCALE", "environment", "en"},
		{"FRONTDESK_TIMEZONE", "default", "Asia/Shanghai"}, {"OPENAI_API_KEY", "environment", "(set, hidden)"},
		{"FRONTDESK_MODEL_DAILY_TOKENS", "default", "1000000"}} {
		found := false
		for _, l := range strings.Split(s, "\n") {
			if f := strings.Fields(l); len(f) >= 2 && f[0] == line[0] {
				found = strings.Contains(l, line[1]) && strings.HasSuffix(l, line[2])
			}
		}
		if !found {
			t.Errorf("config lacks %v:\n%s", line, s)
		}
	}
}
