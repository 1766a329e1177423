package understand

import (
	"regexp"
	"strings"
	"time"
)

// facts extracts every slot the message states, wherever it stands: phone,
// name, address, purchase date, preferred time, ticket, product, brand,
// model, serial, warranty word, proof, service mode and the fault itself.
func (r *Rules) facts(rd *reading, now time.Time) map[string]string {
	text, lx := rd.text, r.lx
	out := map[string]string{}
	var taken [][2]int // spans already read as one fact, kept out of the others
	put := func(f Found, ok bool) {
		if ok && f.Value != "" {
			out[f.Slot] = f.Value
			taken = append(taken, [2]int{f.Start, f.End})
		}
	}
	put(lx.FindTicket(text))
	put(lx.FindPhone(text))
	for _, f := range lx.FindName(text) {
		put(f, true)
	}
	put(lx.FindAddress(text))
	put(lx.FindPurchase(text, now))
	put(lx.FindTime(text, now))
	free := func(s, e int) bool {
		for _, t := range taken {
			if s < t[1] && e > t[0] {
				return false
			}
		}
		return true
	}
	for _, h := range rd.products {
		if free(h.start, h.end) {
			p := lx.Products[h.tags[0].index]
			// the customer's own word ("telly", 固话), unless it is pinyin
			// or a typo the lexicon knows (xiyiji, 磁砖): then the name
			said := text[h.start:h.end]
			if !isASCII(said) || isASCII(p.Name) {
				out[SlotProduct] = said
			} else {
				out[SlotProduct] = p.Name
			}
			out[SlotTrade] = p.Trade
			if p.Mode != "" {
				out[SlotMode] = p.Mode // implied: what is fixed in place is served where it is; said mode wins below
			}
			break
		}
	}
	if rd.brand != "" {
		out[SlotBrand] = rd.brand
	}
	if s, ok := r.serial(text); ok {
		out[SlotSerial] = s
		taken = append(taken, [2]int{strings.Index(text, s), strings.Index(text, s) + len(s)})
	}
	if m, ok := r.model(text, free, out[SlotSerial]); ok {
		out[SlotModel] = m
	}
	low := rd.low
	for _, slot := range []string{SlotWarranty, SlotMode, SlotProof} {
		if code, ok := r.choiceIn(slot, low, 2); ok {
			out[slot] = code
		}
	}
	if f := r.fault(rd, free); f != "" {
		out[SlotFault] = f
	}
	if rd.score["repeat"] > 0 {
		out[SlotRepeat] = "1"
	}
	return out
}

func hasLetterAndDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789") && strings.IndexFunc(s, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}) >= 0
}

var serialRe = regexp.MustCompile(`(?i)(?:s/?n|serial(?:\s*(?:no\.?|number))?|序列号|机身号|机器编号|编号|条码)\s*(?:是|为|:|：|#)?\s*([A-Z0-9][A-Z0-9\-]{4,24})`)

// serial finds a serial number after its marker (SN, 序列号).
func (r *Rules) serial(text string) (string, bool) {
	m := serialRe.FindStringSubmatch(text)
	if m == nil || !strings.ContainsAny(m[1], "0123456789") {
		return "", false
	}
	return m[1], true
}

// clauses splits text at sentence and clause punctuation.
var clauseSep = regexp.MustCompile(`[,;!?。，；！？、\n]+|\.\s+|\.$`)

// fault returns the customer's own words for the fault: the clauses that
// hold a fault phrase (or, lacking one, a report cue), without the parts
// already read as phone, name, address, dates.
func (r *Rules) fault(rd *reading, free func(s, e int) bool) string {
	var anchors []hit
	anchors = append(anchors, rd.faults...)
	if len(anchors) == 0 {
		for _, h := range rd.hits {
			for _, t := range h.tags {
				if t.kind == tagIntent && t.strong && (t.name == "report" || t.name == "repeat") {
					anchors = append(anchors, h)
				}
			}
		}
	}
	if len(anchors) == 0 {
		return ""
	}
	bounds := clauseSep.FindAllStringIndex(rd.text, -1)
	var parts []string
	seen := map[int]bool{}
	for _, a := range anchors {
		s, e := 0, len(rd.text)
		for _, b := range bounds {
			if b[1] <= a.start {
				s = b[1]
			}
			if b[0] >= a.end {
				e = b[0]
				break
			}
		}
		if seen[s] || !free(a.start, a.end) {
			continue
		}
		seen[s] = true
		parts = append(parts, strings.TrimSpace(rd.text[s:e]))
		if len(parts) == 3 {
			break
		}
	}
	sep := ", "
	if hasHan(rd.text) {
		sep = "，"
	}
	return strings.Join(parts, sep)
}

// choiceIn finds the code of slot's choices said in low: the longest
// phrase not right after a negator ("不用上门，我送过去" is carry-in).
// minRunes keeps one-character words (男, 是) out of a long message.
func (r *Rules) choiceIn(slot, low string, minRunes int) (string, bool) {
	best, code := "", ""
	for c, phrases := range r.lx.Choices[slot] {
		for _, p := range phrases {
			p = strings.ToLower(p)
			if len(p) <= len(best) || len([]rune(p)) < minRunes {
				continue
			}
			i := wordIndex(low, p)
			if i < 0 || (c != "none" && c != "out" && r.negated(low, i)) {
				continue
			}
			best, code = p, c
		}
	}
	return code, code != ""
}

// wordIndex is strings.Index with whole-word matching for Latin phrases.
func wordIndex(low, p string) int {
	for from := 0; from < len(low); {
		i := strings.Index(low[from:], p)
		if i < 0 {
			return -1
		}
		s, e := from+i, from+i+len(p)
		if (!alnum(p[0]) || s == 0 || !alnum(low[s-1])) && (!alnum(p[len(p)-1]) || e == len(low) || !alnum(low[e])) {
			return s
		}
		from = s + 1
	}
	return -1
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// model finds the model code: the leftmost match of the model shapes that
// is not a serial, not part of a fact already read and not an error code
// (显示E4, shows SC542).
func (r *Rules) model(text string, free func(s, e int) bool, serial string) (string, bool) {
	low := strings.ToLower(text)
	best, bs := "", len(text)+1
	for _, re := range r.lx.models {
		for _, m := range re.FindAllStringIndex(text, -1) {
			v := strings.TrimSpace(text[m[0]:m[1]])
			if m[0] > bs || (m[0] == bs && len(v) <= len(best)) || !free(m[0], m[1]) || !hasLetterAndDigit(v) ||
				strings.EqualFold(v, serial) || r.afterErrorMarker(low, m[0]) {
				continue
			}
			best, bs = v, m[0]
		}
	}
	return best, best != ""
}

// afterErrorMarker says an error-code marker ends right before offset i.
func (r *Rules) afterErrorMarker(low string, i int) bool {
	before := strings.TrimRight(low[:i], " :：'\"")
	for _, m := range r.lx.ErrorCodeMarkers {
		if strings.HasSuffix(before, m) {
			return true
		}
	}
	return false
}
