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
	SLA            domain.SLA
	Promises       domain.Promises
}

// Defaults returns the desk's defaults: the one place they are written
// (the configuration table shows and applies them; withDefaults fills a
// partly set Config from them).
func Defaults() Config {
	return Config{DefaultLocale: "zh-CN", Location: time.Local, WarrantyMonths: 12, MaxFileBytes: 20 << 20,
		SLA: domain.DefaultSLA(), Promises: domain.DefaultPromises()}
}

// WithDefaults is c with every setting left empty at its default.
func (c Config) WithDefaults() Config {
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
	c.Promises = c.Promises.WithDefaults()
	c.SLA = c.SLA.WithDefaults()
	return c
}

// NextStep names what happens next on tk (its state, for the "next."
// templates) and by when, by the service levels; the time is zero when the
// next step waits on the customer or on parts.
func (c Config) NextStep(tk *domain.Ticket) (string, time.Time) {
	c = c.WithDefaults()
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

// Plan maps a ticket event to the timers it starts and stops, by the desk's
// service levels (domain.PlanFor).
func (c Config) Plan(e domain.Event, tk *domain.Ticket) domain.Plan {
	c = c.WithDefaults()
	return domain.PlanFor(c.SLA, c.Promises, c.Location, e, tk)
}
