package main

import (
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
	if c.Addr != ":8080" || c.DatabaseURL != "sqlite:frontdesk.db" || c.RedisURL != "" || c.Desk.DefaultLocale != "zh-CN" ||
		c.IdleTimeout != 24*time.Hour || c.Desk.SLA.WorkStart != 9*time.Hour || c.Desk.SLA.WorkEnd != 18*time.Hour+30*time.Minute ||
		c.Desk.Location.String() != "Asia/Shanghai" {
		t.Fatalf("defaults %#v", c)
	}
}

func TestBadSettingNamesTheVariable(t *testing.T) {
	for key, value := range map[string]string{
		"FRONTDESK_LOCALE":       "fr",
		"DATABASE_URL":           "mysql://root@localhost/x",
		"REDIS_URL":              "localhost:6379",
		"FRONTDESK_IDLE_TIMEOUT": "soon",
		"FRONTDESK_FIRST_REPLY":  "-4h",
		"FRONTDESK_TIMEZONE":     "Mars/Olympus",
		"FRONTDESK_WORK_HOURS":   "18:00-09:00",
		"FRONTDESK_REPAIR_DAYS":  "three",
		"FRONTDESK_STAFF_REPLY":  "0s",
		"TELEGRAM_BOT_TOKEN":     "not-a-token",
		"TELEGRAM_RATE":          "fast",
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
