package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Setting is one setting as read: its variable, its value (secrets masked)
// and where the value came from: "environment", the rules file and key, or
// "default".
type Setting struct{ Key, Value, From string }

// shownValue masks what must not be printed: a token, secret or key is
// shown only as set or not, a URL without its password.
func shownValue(key, v string) string {
	for _, secret := range []string{"_TOKEN", "_SECRET", "_KEY", "PASSWORD"} {
		if strings.HasSuffix(key, secret) {
			if v == "" {
				return ""
			}
			return "(set, hidden)"
		}
	}
	return redact(v)
}

// validPort is a TCP port number (0 picks a free one).
func validPort(p string) bool {
	n, err := strconv.Atoi(p)
	return err == nil && n >= 0 && n <= 65535
}

// clock turns hours and minutes into a duration from midnight, -1 if invalid.
func clock(h, m string) time.Duration {
	hh, err1 := strconv.Atoi(h)
	mm, err2 := strconv.Atoi(m)
	if err1 != nil || err2 != nil || hh > 23 || mm > 59 {
		return -1
	}
	return time.Duration(hh)*time.Hour + time.Duration(mm)*time.Minute
}

// redact hides the password in a URL for logs and errors.
func redact(u string) string {
	if i := strings.Index(u, "://"); i >= 0 {
		if at := strings.LastIndex(u, "@"); at > i {
			if colon := strings.Index(u[i+3:at], ":"); colon >= 0 {
				return u[:i+3+colon+1] + "***" + u[at:]
			}
		}
	}
	return u
}

// String shows the configuration with secrets masked, for the start log.
func (c Config) String() string {
	redis := c.RedisURL
	if redis == "" {
		redis = "in-process"
	}
	tg := "off"
	if c.Telegram.Token != "" {
		tg = "polling"
		if c.Telegram.WebhookSecret != "" {
			tg = "webhook"
		}
	}
	return fmt.Sprintf("addr=%s database=%s redis=%s locale=%s timezone=%s idle=%s telegram=%s",
		c.Addr, redact(c.DatabaseURL), redact(redis), c.Desk.DefaultLocale, c.Desk.Location, c.IdleTimeout, tg)
}
