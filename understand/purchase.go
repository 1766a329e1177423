package understand

import "time"

// maxPurchaseGap is how far (in bytes) a purchase word may stand from its
// date in one clause: "前年双十一在京东买的" holds a shop between them.
const maxPurchaseGap = 40

// FindPurchase returns the purchase date said anywhere in text: a date in
// the same clause as a purchase word (去年5月买的, bought it in March), or
// a length of time right after an ownership word (用了两年, had it for 18
// months). The date of an appointment or of the fault (昨天开始漏水, since
// Monday) is not a purchase. The value is YYYY, YYYY-MM or YYYY-MM-DD,
// never after now; the date nearest its purchase word wins.
func (lx *Lexicon) FindPurchase(text string, now time.Time) (Found, bool) {
	w := &lx.Words
	best, bestGap := dateHit{}, maxPurchaseGap+1
	for from := 0; from < len(text); {
		h, ok := w.nextDate(text, from, now)
		if !ok {
			break
		}
		from = h.end
		owned := h.kind == hSpan && w.ownedBefore(text, h.start) // 刚买一个月就坏了: still a month
		if !owned && w.began(text, h) {
			continue
		}
		gap := -1
		switch h.kind {
		case hSpan:
			if owned {
				gap = 0
			}
		case hYear:
			if ph, _ := w.sets.guards.before(text, backSpaces(text, h.start)); ph != nil {
				gap = w.purchaseGap(text, h)
			}
		default:
			gap = w.purchaseGap(text, h)
		}
		if gap >= 0 && gap < bestGap {
			best, bestGap = h, gap
		}
	}
	if bestGap > maxPurchaseGap {
		return Found{}, false
	}
	return Found{Slot: SlotPurchase, Value: best.value(), Start: best.start, End: best.end}, true
}

// ParsePurchase reads answer as the answer to "when did you buy it": the
// first date in it that is not when a fault began, no purchase word
// needed (去年三月, 2024年3月, about two years ago, 两年). Seasons (last
// spring) and future dates are refused.
func (lx *Lexicon) ParsePurchase(answer string, now time.Time) (string, bool) {
	w := &lx.Words
	for from := 0; from < len(answer); {
		h, ok := w.nextDate(answer, from, now)
		if !ok {
			break
		}
		from = h.end
		if !w.began(answer, h) {
			return h.value(), true
		}
	}
	return "", false
}

// purchaseGap returns the distance from h to the nearest purchase word in
// its clause with no incident word between them, or -1.
func (w *SlotWords) purchaseGap(s string, h dateHit) int {
	c := &w.sets
	cs, ce := h.start, h.end // the clause, as far as a cue may stand
	for cs > 0 && cs > h.start-maxPurchaseGap-24 && !clauseBreakAt(s, cs-1) {
		cs--
	}
	for ce < len(s) && ce < h.end+maxPurchaseGap && !clauseBreakAt(s, ce) {
		ce++
	}
	best := -1
	for from := cs; ; {
		_, ps, pe := c.purchase.findIn(s, from, ce)
		if ps < 0 {
			return best
		}
		from = pe
		a, b, gap := h.end, ps, ps-h.end
		if pe <= h.start {
			a, b, gap = pe, h.start, h.start-pe
		}
		if gap < 0 || gap > maxPurchaseGap {
			continue
		}
		if st := c.incidentIn(s, a, b); st >= 0 {
			continue
		}
		if best < 0 || gap < best {
			best = gap
		}
	}
}

// began says h is when a fault began: an incident word follows it closely
// (昨天开始漏水, 昨天晚上就开始, last week it started) and no purchase word
// stands right before it or between them, or a "since" word stands right
// before it (自从上周, since Monday) that is not part of a purchase phrase
// (had it since March).
func (w *SlotWords) began(s string, h dateHit) bool {
	c := &w.sets
	k := skipSpaces(s, h.end)
	if st := c.incidentIn(s, k, k+13); st >= 0 && !hasBreak(s, k, st) {
		_, ps, _ := c.purchase.findIn(s, k, st)
		_, pb, _ := c.purchase.findIn(s, max(0, h.start-16), h.start)
		if ps < 0 && (pb < 0 || hasBreak(s, pb, h.start)) {
			return true
		}
	}
	b := backSpaces(s, h.start)
	if ph, _ := c.since.before(s, b); ph != nil {
		if p, _ := c.purchase.before(s, b); p == nil {
			return true
		}
	}
	return false
}

// ownedBefore says an ownership word ends right before i, hedges allowed
// between (用了快, 买了不到, had it for about).
func (w *SlotWords) ownedBefore(s string, i int) bool {
	c := &w.sets
	j := backSpaces(s, i)
	for k := 0; k < 2; k++ {
		if ph, _ := c.owned.before(s, j); ph != nil {
			return true
		}
		ph, st := c.approx.before(s, j)
		if ph == nil {
			return false
		}
		j = backSpaces(s, st)
	}
	ph, _ := c.owned.before(s, j)
	return ph != nil
}
