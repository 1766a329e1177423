package dialog_test

import (
	"strings"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/understand"
)

// cannedAnswer answers each report question, for walking a report to its read-back:
// choices are pressed, so that only the first message's understanding is
// measured here (typed answers have their own test).
func cannedAnswer(slot, lang string) (text, payload string) {
	en := lang == "en"
	switch slot {
	case "product":
		return pick(en, "printer", "打印机"), ""
	case "fault":
		return pick(en, "it does not work at all", "完全不能用了"), ""
	case "name":
		return pick(en, "Mr Zhao", "赵先生"), ""
	case "salutation":
		return "", "sal:mr"
	case "phone":
		return "13912340000", ""
	case "mode":
		return "", "mode:carry_in"
	case "address":
		return pick(en, "88 Caoxi North Road, Xuhui, Shanghai", "上海市徐汇区漕溪北路88号"), ""
	}
	return "", "skip"
}

func pick(en bool, a, b string) string {
	if en {
		return a
	}
	return b
}

// factKept says the ticket (or the read-back) holds the stated fact. A
// fault is kept only in its own words: a fault whose text also holds the
// preferred time, the phone or the address the message states (all of
// stated) is not.
func factKept(slot, want string, tk *domain.Ticket, summary string, stated map[string]string) bool {
	n := func(s string) string {
		s = strings.ToLower(understand.Normalize(s))
		return strings.NewReplacer(" ", "", "-", "", ",", "", "，", "", ".", "").Replace(s)
	}
	either := func(got string) bool {
		g, w := n(got), n(want)
		return g != "" && (strings.Contains(g, w) || strings.Contains(w, g))
	}
	switch slot {
	case "product":
		return either(tk.Product)
	case "brand":
		return strings.Contains(n(tk.Product), n(want))
	case "model":
		return either(tk.Model)
	case "serial":
		return either(tk.Serial)
	case "fault":
		for _, other := range []string{"time", "phone", "address"} {
			if v := n(stated[other]); v != "" && strings.Contains(n(tk.Fault), v) {
				return false
			}
		}
		return strings.Contains(n(tk.Fault), n(want))
	case "purchase":
		return tk.PurchaseDate == want
	case "warranty":
		return tk.Warranty == want || (want == "in" && (strings.Contains(summary, "您说在保修期内") || strings.Contains(summary, "you say it is under warranty")))
	case "proof":
		return tk.WarrantyProof == want
	case "address":
		return either(tk.Address)
	case "phone":
		// the same number, however written: 021-58367712 is 02158367712,
		// +86 138… a mainland mobile stored as 138…
		digits := func(s string) string {
			d := strings.Map(func(r rune) rune {
				if r >= '0' && r <= '9' {
					return r
				}
				return -1
			}, s)
			return strings.TrimPrefix(d, "86")
		}
		return tk.Phone != "" && digits(tk.Phone) == digits(want)
	case "name":
		return either(tk.ContactName)
	case "salutation":
		return tk.Salutation == want
	case "mode":
		return tk.ServiceMode == want
	case "time":
		return either(tk.PreferredTime)
	}
	return false
}
