package main

import (
	"cmp"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/domain"
)

// The checks of the configuration table's rows: each reads a value as
// written, says what is wrong with it in the user's terms, and stores it.

func cmpOr(a, b string) string { return cmp.Or(strings.TrimSpace(a), b) }

func str(field func(*Config) *string) func(*Config, string) error {
	return func(c *Config, v string) error { *field(c) = v; return nil }
}

func oneOf(choices string, field func(*Config) *string) func(*Config, string) error {
	return func(c *Config, v string) error {
		list := strings.Fields(choices)
		for _, ok := range list {
			if v == ok {
				*field(c) = v
				return nil
			}
		}
		return fmt.Errorf("%q is not %s", v, strings.Join(list, " or "))
	}
}

func duration(field func(*Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		d, err := parseDuration(v)
		if err != nil || d <= 0 {
			return fmt.Errorf("%q is not a positive duration like 30m, 24h or 90d", v)
		}
		*field(c) = d
		return nil
	}
}

func whole(lo, hi int, field func(*Config) *int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return fmt.Errorf("%q is not a whole number from %d to %d", v, lo, hi)
		}
		*field(c) = n
		return nil
	}
}

func tokens(field func(*Config) *int) func(*Config, string) error {
	return func(c *Config, v string) error {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			return fmt.Errorf("%q is not a positive whole number of tokens", v)
		}
		*field(c) = n
		return nil
	}
}

// share is a number between 0 and 1; with zeroToOne both ends count.
func share(zeroToOne bool, field func(*Config) *float64) func(*Config, string) error {
	return func(c *Config, v string) error {
		f, err := strconv.ParseFloat(v, 64)
		switch {
		case zeroToOne && (err != nil || f < 0 || f > 1):
			return fmt.Errorf("%q is not a share from 0 to 1, like 0.3", v)
		case !zeroToOne && (err != nil || f <= 0 || f >= 1):
			return fmt.Errorf("%q is not a share between 0 and 1, like 0.8", v)
		}
		*field(c) = f
		return nil
	}
}

func timeOfDay(field func(*Config) *time.Duration) func(*Config, string) error {
	return func(c *Config, v string) error {
		hm := strings.SplitN(v, ":", 2)
		if len(hm) != 2 || clock(hm[0], hm[1]) < 0 {
			return fmt.Errorf("%q is not a time of day like 16:00", v)
		}
		*field(c) = clock(hm[0], hm[1])
		return nil
	}
}

func applyWorkHours(c *Config, v string) error {
	m := workHours.FindStringSubmatch(v)
	if m == nil {
		return fmt.Errorf("%q is not like 09:00-18:30", v)
	}
	start, end := clock(m[1], m[2]), clock(m[3], m[4])
	if m[3] == "24" && m[4] == "00" {
		end = 24 * time.Hour // open until midnight
	}
	if start < 0 || end < 0 || start >= end {
		return fmt.Errorf("%q is not a valid range", v)
	}
	c.Desk.SLA.WorkStart, c.Desk.SLA.WorkEnd = start, end
	return nil
}

var weekdays = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday,
	"wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday,
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

// list splits a list value (the file's YAML list, joined by commas); none
// is the empty list.
func list(v string) []string {
	var out []string
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s != "" && s != "none" {
			out = append(out, s)
		}
	}
	return out
}

func applyWorkdays(c *Config, v string) error {
	c.Desk.SLA.Workdays = nil
	for _, d := range list(v) {
		wd, ok := weekdays[strings.ToLower(d)]
		if !ok {
			return fmt.Errorf("%q is not a weekday (mon … sun, or monday … sunday)", d)
		}
		c.Desk.SLA.Workdays = append(c.Desk.SLA.Workdays, wd)
	}
	if len(c.Desk.SLA.Workdays) == 0 {
		return fmt.Errorf("%q names no working day; list them, like [mon, tue, wed, thu, fri]", v)
	}
	return nil
}

func dates(key string, field func(*Config) *map[string]bool) func(*Config, string) error {
	return func(c *Config, v string) error {
		out := map[string]bool{}
		for _, s := range list(v) {
			t, err := time.Parse("2006-01-02", s)
			if err != nil {
				return fmt.Errorf("%q is not a date like 2026-10-01", s)
			}
			out[t.Format("2006-01-02")] = true
		}
		*field(c) = out
		return nil
	}
}

func applyCategories(c *Config, v string) error {
	c.Desk.Promises.CallbackCategories = []string{}
	for _, cat := range list(v) {
		if !domain.ValidCategory(cat) {
			return fmt.Errorf("%q is not one of %s", cat, strings.Join(domain.Categories, ", "))
		}
		c.Desk.Promises.CallbackCategories = append(c.Desk.Promises.CallbackCategories, cat)
	}
	return nil
}

func applyModelURL(c *Config, v string) error {
	if v != "" {
		if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return fmt.Errorf("%q is not an http(s) URL like https://api.deepseek.com/v1", v)
		}
	}
	c.Model.BaseURL = v
	return nil
}

func applyModelTimeout(c *Config, v string) error {
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 || d > 10*time.Second {
		return fmt.Errorf("%q is not a duration from 1ms to 10s (a turn waits for it inside the chat's lock)", v)
	}
	c.Model.Timeout = d
	return nil
}

// parseDuration reads a Go duration (30m, 24h) or whole days (90d).
func parseDuration(v string) (time.Duration, error) {
	if d, ok := strings.CutSuffix(v, "d"); ok {
		n, err := strconv.Atoi(d)
		if err != nil {
			return 0, err
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	return time.ParseDuration(v)
}

// durText writes a default duration as a person would: 4h, 30m, 90d.
func durText(d time.Duration) string {
	if d >= 7*24*time.Hour && d%(24*time.Hour) == 0 {
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	}
	s := d.String()
	s = strings.TrimSuffix(s, "0s")
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// clockText writes a time of day, a duration from midnight: 09:00.
func clockText(d time.Duration) string {
	return fmt.Sprintf("%02d:%02d", int(d/time.Hour), int(d%time.Hour/time.Minute))
}
