package main

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// rulesFile is the business-rules file (FRONTDESK_CONFIG, YAML): see
// frontdesk.example.yaml. Every value but the calendar lists has an
// environment variable that overrides it.
type rulesFile struct {
	Company struct {
		Name      string `yaml:"name"`
		NameEN    string `yaml:"name_en"`
		Tagline   string `yaml:"tagline"`
		TaglineEN string `yaml:"tagline_en"`
		Hotline   string `yaml:"hotline"`
	} `yaml:"company"`
	Locale         string `yaml:"locale"`
	IdleTimeout    string `yaml:"idle_timeout"`
	WarrantyMonths string `yaml:"warranty_months"`
	Hours          struct {
		Timezone      string   `yaml:"timezone"`
		Open          string   `yaml:"open"`
		Close         string   `yaml:"close"`
		Workdays      []string `yaml:"workdays"`
		Holidays      []string `yaml:"holidays"`
		ExtraWorkdays []string `yaml:"extra_workdays"`
	} `yaml:"hours"`
	ServiceLevels struct {
		FirstReply  string `yaml:"first_reply"`
		LateAfter   string `yaml:"late_after"`
		NextMorning string `yaml:"next_morning"`
		QuoteAfter  string `yaml:"quote_after"`
		RepairDays  string `yaml:"repair_days"`
		Complaint   string `yaml:"complaint"`
		StaffReply  string `yaml:"staff_reply"`
		OnSite      string `yaml:"onsite_contact"`
		Dispatch    string `yaml:"dispatch"`
		CarryIn     string `yaml:"dispatch_carry_in"`
		Close       string `yaml:"confirm_close"`
		Plan        string `yaml:"plan"`
		WarnAt      string `yaml:"warn_at"`
	} `yaml:"service_levels"`
	Quotes struct {
		RemindAfter string `yaml:"remind_after"`
		AlarmAfter  string `yaml:"alarm_after"`
	} `yaml:"quotes"`
	Callbacks struct {
		Categories      []string `yaml:"categories"`
		At              string   `yaml:"at"`
		Sample          string   `yaml:"sample"`
		WindowDays      string   `yaml:"window_days"`
		Delay           string   `yaml:"delay"`
		NewEngineer     string   `yaml:"new_engineer_for"`
		ComplaintWindow string   `yaml:"complaint_window"`
	} `yaml:"callbacks"`
	NudgeAfter string `yaml:"nudge_after"`
}

// ruleValue is one setting read from the file, with its key for errors.
type ruleValue struct{ value, key string }

// readRules reads the file at path into values by the environment variable
// that overrides each, and the calendar. Unknown keys are errors, so a typo
// does not pass silently.
func readRules(path string) (map[string]ruleValue, *rulesFile, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("FRONTDESK_CONFIG: %w", err)
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	if err := checkKeys(path, &doc, reflect.TypeFor[rulesFile](), ""); err != nil {
		return nil, nil, err
	}
	var f rulesFile
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", path, err)
	}
	vals := map[string]ruleValue{}
	add := func(env, key, v string) {
		if v = strings.TrimSpace(v); v != "" {
			vals[env] = ruleValue{v, path + ": " + key}
		}
	}
	add("FRONTDESK_COMPANY", "company.name", f.Company.Name)
	add("FRONTDESK_COMPANY_EN", "company.name_en", f.Company.NameEN)
	add("FRONTDESK_TAGLINE", "company.tagline", f.Company.Tagline)
	add("FRONTDESK_TAGLINE_EN", "company.tagline_en", f.Company.TaglineEN)
	add("FRONTDESK_HOTLINE", "company.hotline", f.Company.Hotline)
	add("FRONTDESK_LOCALE", "locale", f.Locale)
	add("FRONTDESK_IDLE_TIMEOUT", "idle_timeout", f.IdleTimeout)
	add("FRONTDESK_WARRANTY_MONTHS", "warranty_months", f.WarrantyMonths)
	add("FRONTDESK_TIMEZONE", "hours.timezone", f.Hours.Timezone)
	if f.Hours.Open != "" || f.Hours.Close != "" {
		// each checked on its own, quoted as written; the one not given
		// keeps its default
		open, close := strings.TrimSpace(f.Hours.Open), strings.TrimSpace(f.Hours.Close)
		defOpen, defClose, _ := strings.Cut(defaultWorkHours, "-")
		for _, h := range []struct{ key, v, def string }{{"hours.open", open, defOpen}, {"hours.close", close, defClose}} {
			if h.v == "" {
				continue
			}
			if hm := strings.SplitN(h.v, ":", 2); len(hm) != 2 || (clock(hm[0], hm[1]) < 0 && h.v != "24:00") {
				return nil, nil, fmt.Errorf("%s: %s: %q is not a time of day like %s", path, h.key, h.v, h.def)
			}
		}
		if open == "" {
			open = defOpen
		}
		if close == "" {
			close = defClose
		}
		add("FRONTDESK_WORK_HOURS", "hours.open/close", open+"-"+close)
	}
	sl := f.ServiceLevels
	add("FRONTDESK_FIRST_REPLY", "service_levels.first_reply", sl.FirstReply)
	add("FRONTDESK_LATE_AFTER", "service_levels.late_after", sl.LateAfter)
	add("FRONTDESK_NEXT_MORNING", "service_levels.next_morning", sl.NextMorning)
	add("FRONTDESK_QUOTE_AFTER", "service_levels.quote_after", sl.QuoteAfter)
	add("FRONTDESK_REPAIR_DAYS", "service_levels.repair_days", sl.RepairDays)
	add("FRONTDESK_COMPLAINT_WITHIN", "service_levels.complaint", sl.Complaint)
	add("FRONTDESK_STAFF_REPLY", "service_levels.staff_reply", sl.StaffReply)
	add("FRONTDESK_ONSITE_CONTACT", "service_levels.onsite_contact", sl.OnSite)
	add("FRONTDESK_DISPATCH_WITHIN", "service_levels.dispatch", sl.Dispatch)
	add("FRONTDESK_DISPATCH_CARRY_IN", "service_levels.dispatch_carry_in", sl.CarryIn)
	add("FRONTDESK_CONFIRM_CLOSE", "service_levels.confirm_close", sl.Close)
	add("FRONTDESK_PLAN_WITHIN", "service_levels.plan", sl.Plan)
	add("FRONTDESK_WARN_AT", "service_levels.warn_at", sl.WarnAt)
	add("FRONTDESK_QUOTE_REMIND", "quotes.remind_after", f.Quotes.RemindAfter)
	add("FRONTDESK_QUOTE_ALARM", "quotes.alarm_after", f.Quotes.AlarmAfter)
	cb := f.Callbacks
	if cb.Categories != nil {
		add("FRONTDESK_CALLBACK_CATEGORIES", "callbacks.categories", strings.Join(cb.Categories, ",")+",")
	}
	add("FRONTDESK_CALLBACK_AT", "callbacks.at", cb.At)
	add("FRONTDESK_CALLBACK_SAMPLE", "callbacks.sample", cb.Sample)
	add("FRONTDESK_CALLBACK_WINDOW", "callbacks.window_days", cb.WindowDays)
	add("FRONTDESK_CALLBACK_DELAY", "callbacks.delay", cb.Delay)
	add("FRONTDESK_NEW_ENGINEER", "callbacks.new_engineer_for", cb.NewEngineer)
	add("FRONTDESK_COMPLAINT_WINDOW", "callbacks.complaint_window", cb.ComplaintWindow)
	add("FRONTDESK_NUDGE_AFTER", "nudge_after", f.NudgeAfter)
	return vals, &f, nil
}

var weekdays = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday,
	"wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}

// calendar checks and converts the file's working days and dates.
func calendar(path string, f *rulesFile) ([]time.Weekday, map[string]bool, map[string]bool, error) {
	var days []time.Weekday
	for _, d := range f.Hours.Workdays {
		wd, ok := weekdays[strings.ToLower(strings.TrimSpace(d))[:min(3, len(strings.TrimSpace(d)))]]
		if !ok {
			return nil, nil, nil, fmt.Errorf("%s: hours.workdays: %q is not a weekday (mon … sun)", path, d)
		}
		days = append(days, wd)
	}
	dates := func(key string, list []string) (map[string]bool, error) {
		out := map[string]bool{}
		for _, s := range list {
			t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
			if err != nil {
				return nil, fmt.Errorf("%s: %s: %q is not a date like 2026-10-01", path, key, s)
			}
			out[t.Format("2006-01-02")] = true
		}
		return out, nil
	}
	holidays, err := dates("hours.holidays", f.Hours.Holidays)
	if err != nil {
		return nil, nil, nil, err
	}
	extra, err := dates("hours.extra_workdays", f.Hours.ExtraWorkdays)
	return days, holidays, extra, err
}
