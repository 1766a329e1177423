package main

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
)

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

// loadPromises reads the callback and warning settings that are not plain
// durations; rule returns a value and the name to blame for it.
func loadPromises(p *dialog.Promises, rule func(key, def string) (string, string)) error {
	v, name := rule("FRONTDESK_WARN_AT", "0.8")
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || f <= 0 || f >= 1 {
		return fmt.Errorf("%s: %q is not a share between 0 and 1, like 0.8", name, v)
	}
	p.WarnAt = f
	v, name = rule("FRONTDESK_CALLBACK_SAMPLE", "0.3")
	if f, err = strconv.ParseFloat(v, 64); err != nil || f < 0 || f > 1 {
		return fmt.Errorf("%s: %q is not a share from 0 to 1, like 0.3", name, v)
	}
	p.CallbackSample = f
	v, name = rule("FRONTDESK_CALLBACK_WINDOW", "5")
	if p.CallbackWindow, err = strconv.Atoi(v); err != nil || p.CallbackWindow < 1 || p.CallbackWindow > 30 {
		return fmt.Errorf("%s: %q is not a number of working days from 1 to 30", name, v)
	}
	v, name = rule("FRONTDESK_CALLBACK_AT", "10:00")
	hm := strings.SplitN(v, ":", 2)
	if len(hm) != 2 || clock(hm[0], hm[1]) < 0 {
		return fmt.Errorf("%s: %q is not a time of day like 10:00", name, v)
	}
	p.CallbackAt = clock(hm[0], hm[1])
	if v, name = rule("FRONTDESK_CALLBACK_DELAY", ""); v != "" {
		if p.CallbackDelay, err = parseDuration(v); err != nil || p.CallbackDelay <= 0 {
			return fmt.Errorf("%s: %q is not a positive duration like 10s or 2h", name, v)
		}
	}
	v, name = rule("FRONTDESK_CALLBACK_CATEGORIES", strings.Join(dialog.Categories, ","))
	p.CallbackCategories = []string{}
	for _, c := range strings.Split(v, ",") {
		if c = strings.TrimSpace(c); c == "" || c == "none" {
			continue
		}
		if !dialog.ValidCategory(c) {
			return fmt.Errorf("%s: %q is not one of %s", name, c, strings.Join(dialog.Categories, ", "))
		}
		p.CallbackCategories = append(p.CallbackCategories, c)
	}
	return nil
}
