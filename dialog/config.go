package dialog

import (
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/prompts"
)

// Config holds the desk's business settings.
type Config struct {
	Company        string         // the company's name in every language; empty for prompts' company.default per locale
	CompanyEN      string         // the company's English name, when it differs from Company
	Tagline        string         // a short line under the name on the web chat; empty for prompts' webchat.tagline
	TaglineEN      string         // the tagline in English, when it differs
	Hotline        string         // the service hotline, told in the help text when set
	DefaultLocale  string         // zh-CN unless set
	Location       *time.Location // where working hours are counted
	WarrantyMonths int            // warranty length from purchase; 12 unless set
	MaxFileBytes   int64          // largest photo or document taken; 20 MB (the Bot API's download limit) unless set
	SLA            SLA
	Promises       Promises
}

// SLA holds the service levels (docs/TRADE.md, Service levels) that the desk promises.
type SLA struct {
	WorkStart   time.Duration // start of the working day, from midnight: 9h
	WorkEnd     time.Duration // end of the working day: 18h30m
	FirstReply  time.Duration // first reply with diagnosis or quote: 4h
	LateAfter   time.Duration // reports after this time of day answer next morning: 16h
	NextMorning time.Duration // ...by this time: 10h
	QuoteAfter  time.Duration // quote told after diagnosis: 30m
	RepairDays  int           // working days from approval to repaired: 3
	Complaint   time.Duration // complaint resolution proposed within: 24h
	StaffReply  time.Duration // a person answers a handed-over chat within: 30m
	// Workdays are the weekdays the desk works (Monday to Friday when none
	// is set); Holidays are dates ("2006-01-02") it does not, and Extra
	// workdays are weekend dates it does (调休).
	Workdays []time.Weekday
	Holidays map[string]bool
	Extra    map[string]bool
}

// Defaults returns the desk's defaults: the one place they are written
// (the configuration table shows and applies them; withDefaults fills a
// partly set Config from them).
func Defaults() Config {
	return Config{DefaultLocale: "zh-CN", Location: time.Local, WarrantyMonths: 12, MaxFileBytes: 20 << 20,
		SLA: DefaultSLA(), Promises: DefaultPromises()}
}

func (c Config) withDefaults() Config {
	def := Defaults()
	if c.DefaultLocale == "" {
		c.DefaultLocale = def.DefaultLocale
	}
	if c.Location == nil {
		c.Location = def.Location
	}
	if c.WarrantyMonths == 0 {
		c.WarrantyMonths = def.WarrantyMonths
	}
	if c.MaxFileBytes == 0 {
		c.MaxFileBytes = def.MaxFileBytes
	}
	c.Promises = c.Promises.withDefaults()
	d := DefaultSLA()
	s := &c.SLA
	for _, p := range []struct {
		v   *time.Duration
		def time.Duration
	}{
		{&s.FirstReply, d.FirstReply},
		{&s.LateAfter, d.LateAfter}, {&s.NextMorning, d.NextMorning}, {&s.QuoteAfter, d.QuoteAfter},
		{&s.Complaint, d.Complaint}, {&s.StaffReply, d.StaffReply},
	} {
		if *p.v == 0 {
			*p.v = p.def
		}
	}
	if s.RepairDays == 0 {
		s.RepairDays = d.RepairDays
	}
	// Opening at midnight (WorkStart 0) is a real setting; no working time
	// at all (unset, or closing before opening) takes the default hours.
	if s.WorkEnd <= s.WorkStart {
		s.WorkStart, s.WorkEnd = d.WorkStart, d.WorkEnd
	}
	return c
}

// DefaultSLA returns the service levels the trade gives as defaults (docs/TRADE.md, Service levels).
func DefaultSLA() SLA {
	return SLA{WorkStart: 9 * time.Hour, WorkEnd: 18*time.Hour + 30*time.Minute,
		FirstReply: 4 * time.Hour, LateAfter: 16 * time.Hour, NextMorning: 10 * time.Hour,
		QuoteAfter: 30 * time.Minute, RepairDays: 3, Complaint: 24 * time.Hour, StaffReply: 30 * time.Minute}
}

func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

// workday reports whether t falls on a working day of the calendar.
func (s SLA) workday(t time.Time) bool {
	date := t.Format("2006-01-02")
	if s.Holidays[date] {
		return false
	}
	if s.Extra[date] {
		return true
	}
	if len(s.Workdays) == 0 {
		return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday
	}
	for _, d := range s.Workdays {
		if t.Weekday() == d {
			return true
		}
	}
	return false
}

// inHours reports whether t is within working hours.
func (s SLA) inHours(t time.Time) bool {
	since := t.Sub(midnight(t))
	return s.workday(t) && since >= s.WorkStart && since < s.WorkEnd
}

// nextOpening returns t if it is within working hours, else the start of the
// next working day.
func (s SLA) nextOpening(t time.Time) time.Time {
	if s.inHours(t) {
		return t
	}
	day := midnight(t)
	if t.Sub(day) >= s.WorkStart {
		day = day.AddDate(0, 0, 1)
	}
	for !s.workday(day) {
		day = day.AddDate(0, 0, 1)
	}
	return day.Add(s.WorkStart)
}

// nextWorkdayAt returns the given time of day on the first working day
// after t's day.
func (s SLA) nextWorkdayAt(t time.Time, at time.Duration) time.Time {
	day := midnight(t).AddDate(0, 0, 1)
	for !s.workday(day) {
		day = day.AddDate(0, 0, 1)
	}
	return day.Add(at)
}

// FirstReplyDue is when a report received at t gets its first reply with a
// diagnosis or quote: FirstReply later, or for a report after LateAfter or
// outside working days, NextMorning of the next working day ("4小时复命").
func (s SLA) FirstReplyDue(t time.Time) time.Time {
	since := t.Sub(midnight(t))
	switch {
	case !s.workday(t) || since >= s.LateAfter:
		return s.nextWorkdayAt(t, s.NextMorning)
	case since < s.WorkStart:
		return midnight(t).Add(s.NextMorning)
	}
	// Four hours from receipt, but never after closing: what would fall
	// after it is counted on into the next working day.
	if due := t.Add(s.FirstReply); s.inHours(due) || due.Equal(midnight(t).Add(s.WorkEnd)) {
		return due
	}
	return s.addWork(t, s.FirstReply)
}

// RepairDue is when a job approved at t should be repaired: the quote's
// repair days when it gave some, else RepairDays, each a working day's
// hours of working time, so the time told always falls within working
// hours (approved at 02:45: counted from the morning's opening).
func (s SLA) RepairDue(t time.Time, quoteDays int) time.Time {
	days := s.RepairDays
	if quoteDays > 0 {
		days = quoteDays
	}
	return s.addWork(t, time.Duration(days)*(s.WorkEnd-s.WorkStart))
}

// NextStep names what happens next on tk (its state, for the "next."
// templates) and by when, by the service levels; the time is zero when the
// next step waits on the customer or on parts.
func (c Config) NextStep(tk *domain.Ticket) (string, time.Time) {
	c = c.withDefaults()
	sla, loc := c.SLA, c.Location
	switch tk.State {
	case domain.StateNew:
		return "new", sla.FirstReplyDue(tk.CreatedAt.In(loc))
	case domain.StateDiagnosed:
		return "diagnosed", sla.QuoteDue(tk.UpdatedAt.In(loc))
	case domain.StateApproved, domain.StateRepairing:
		from := tk.UpdatedAt
		if tk.DecidedAt != nil {
			from = *tk.DecidedAt
		}
		return tk.State, sla.RepairDue(from.In(loc), tk.QuoteDays)
	}
	return tk.State, time.Time{}
}

// CompanyName is the company's name as a customer of locale reads it: the
// English name for English when one is set, else the configured name, else
// the catalog's default for that locale (the texts hold it, not the code).
func (c Config) CompanyName(texts *prompts.Catalog, locale string) string {
	return c.named(texts, locale, c.Company, c.CompanyEN, "company.default")
}

// TaglineText is the short line under the company's name on the web chat,
// chosen the same way as CompanyName.
func (c Config) TaglineText(texts *prompts.Catalog, locale string) string {
	return c.named(texts, locale, c.Tagline, c.TaglineEN, "webchat.tagline")
}

func (c Config) named(texts *prompts.Catalog, locale, every, en, key string) string {
	if locale == "en" && en != "" {
		return en
	}
	if every != "" {
		return every
	}
	s, err := texts.Render(locale, key, nil)
	if err != nil {
		return "" // the catalog's keys are checked at load: not reached
	}
	return s
}
