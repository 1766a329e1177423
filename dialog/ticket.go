package dialog

import (
	"strings"
	"time"
	"unicode"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// warranty judges in / out / unknown from the purchase date and the proof:
// in warranty needs both a date within the warranty months and a proof.
func warranty(s map[string]string, now time.Time, months int) string {
	p := s["purchase"]
	if p == "" {
		if s["warranty"] == "out" {
			return "out" // the customer's own word that it is out: a quote will follow
		}
		return "unknown"
	}
	bought, err := parsePurchase(p, now.Location())
	if err != nil {
		return "unknown"
	}
	if now.After(bought.AddDate(0, months, 0)) {
		if s["warranty"] == "in" {
			return "unknown" // the customer says it is covered (a longer warranty?): the engineer checks
		}
		return "out"
	}
	if s["proof"] == "none" || s["proof"] == "" {
		return "unknown"
	}
	return "in"
}

// createTicket commits the confirmed report to SQL, and only then tells the
// customer its number, what happens next and by when.
func (m *Manager) createTicket(t *turn) error {
	c := t.c
	s := c.Slots
	tk := &domain.Ticket{
		ReportKey: s["_key"], Channel: c.Channel, ChatID: c.ChatID, Locale: c.Locale,
		ContactName: s["name"], Salutation: s["salutation"], Phone: s["phone"], Address: s["address"],
		Product: productName(s), Model: s["model"], Serial: s["serial"], PurchaseDate: s["purchase"],
		WarrantyProof: s["proof"], Warranty: warranty(s, t.now.In(m.cfg.Location), m.cfg.WarrantyMonths),
		Fault: s["fault"], ServiceMode: s["mode"], PreferredTime: s["time"], CreatedAt: t.now.UTC(),
		Attachments: draftFiles(s),
	}
	earlier, err := m.db.EarlierTickets(t.ctx, c.Channel, c.ChatID, tk.Phone, 20)
	if err != nil {
		return err
	}
	for _, e := range earlier {
		if isRepeat(e, tk) {
			tk.RepeatOf = e.Number
			break
		}
	}
	if tk.RepeatOf == "" && s["repeat"] != "" {
		// the customer says it came back ("又坏了"): the job on this product
		// last handed back, or their last one handed back
		for _, e := range earlier {
			if done(e) && e.ReportKey != tk.ReportKey && (tk.RepeatOf == "" || sameProduct(e.Product, tk.Product)) {
				tk.RepeatOf = e.Number
				if sameProduct(e.Product, tk.Product) {
					break
				}
			}
		}
	}
	if _, err := m.db.CreateTicket(t.ctx, tk, actorCustomer(c)); err != nil {
		return err
	}
	t.ctx, t.ticket = WithLog(t.ctx, "ticket", tk.Number), tk.Number
	m.log.InfoContext(t.ctx, "ticket registered", "repeat_of", tk.RepeatOf, "mode", tk.ServiceMode)
	m.reset(c)
	c.Draft = nil
	c.Misses = 0
	key := "ticket.created"
	if tk.RepeatOf != "" {
		key = "ticket.created.repeat"
	}
	due := m.cfg.SLA.FirstReplyDue(tk.CreatedAt.In(m.cfg.Location))
	m.say(t, key, map[string]any{"Number": tk.Number, "RepeatOf": tk.RepeatOf, "Mode": tk.ServiceMode, "When": due})
	if !m.cfg.SLA.InHours(t.now.In(m.cfg.Location)) {
		m.say(t, "ticket.after_hours", m.staffData(t))
	}
	return nil
}

func actorCustomer(c *storage.Conversation) string {
	return "customer:" + c.Channel + ":" + c.ChatID
}

// isRepeat says whether the new report tk is the same machine back for the
// same fault as the earlier ticket e (返修): same product and model, and
// fault descriptions that share most of their words or characters.
func isRepeat(e domain.Ticket, tk *domain.Ticket) bool {
	if !done(e) || e.ReportKey == tk.ReportKey {
		return false
	}
	if norm(e.Product) != norm(tk.Product) || norm(e.Model) != norm(tk.Model) {
		return false
	}
	if tk.Serial != "" && e.Serial != "" && norm(tk.Serial) != norm(e.Serial) {
		return false
	}
	return similar(e.Fault, tk.Fault, tk.Product) >= 0.6
}

// done says e was repaired and handed back: only such a job can come back.
func done(e domain.Ticket) bool {
	return (e.State == domain.StateReady || e.State == domain.StateClosed) && e.Decision != DecisionDeclined
}

// sameProduct says two product names name the same thing ("打印机", "HP
// 打印机").
func sameProduct(a, b string) bool {
	a, b = norm(a), norm(b)
	return a != "" && b != "" && (strings.Contains(a, b) || strings.Contains(b, a))
}

func norm(s string) string {
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// similar is the overlap coefficient of the two faults' tokens: each Han
// character, and each Latin word without a plural s, leaving out the
// product's own (a fault told with its product, "我的打印机卡纸", shares
// those with any other fault of it). Customers describe the same fault in
// different words ("打印时卡纸", "打印的时候卡纸"); overlap against the
// shorter text tolerates that.
func similar(a, b, product string) float64 {
	ta, tb := tokens(a), tokens(b)
	for tok := range tokens(product) {
		delete(ta, tok)
		delete(tb, tok)
	}
	if len(ta) == 0 || len(tb) == 0 {
		return 0
	}
	common := 0
	for tok := range ta {
		if tb[tok] {
			common++
		}
	}
	return float64(common) / float64(min(len(ta), len(tb)))
}

func tokens(s string) map[string]bool {
	out := map[string]bool{}
	var word []rune
	flush := func() {
		if len(word) > 1 {
			out[strings.TrimSuffix(string(word), "s")] = true
		}
		word = word[:0]
	}
	for _, r := range strings.ToLower(s) {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			out[string(r)] = true
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			word = append(word, r)
		default:
			flush()
		}
	}
	flush()
	return out
}

// parsePurchase reads a purchase date slot: 2025, 2025-05 or 2025-05-12.
func parsePurchase(p string, loc *time.Location) (time.Time, error) {
	layout := "2006-01-02"
	switch len(p) {
	case len("2006"):
		layout = "2006"
	case len("2006-01"):
		layout = "2006-01"
	}
	return time.ParseInLocation(layout, p, loc)
}

// validPurchase says p is a purchase date slot, not after now.
func validPurchase(p string, now time.Time) bool {
	t, err := parsePurchase(p, now.Location())
	return err == nil && !t.After(now) && t.Year() >= 1980
}
