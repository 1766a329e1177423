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
				// implied: what is fixed in place is served where it is; a
				// mode said outright wins below
				out[SlotMode], out[modeImplied] = p.Mode, "1"
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
	if m, ok := r.model(rd, free, out[SlotSerial]); ok {
		out[SlotModel] = m
	}
	low := rd.low
	for _, slot := range []string{SlotWarranty, SlotMode, SlotProof} {
		if code, ok := r.choiceIn(slot, low, 2); ok {
			out[slot] = code
			if slot == SlotMode {
				delete(out, modeImplied)
			}
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

// modeImplied marks a service mode the product implies rather than the
// customer said: it opens a report, but never overrides a choice made.
const modeImplied = "_mode_implied"

func hasLetterAndDigit(s string) bool {
	return strings.ContainsAny(s, "0123456789") && strings.IndexFunc(s, func(r rune) bool {
		return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z'
	}) >= 0
}

// serial finds a serial number after its marker (SN, 序列号).
func (r *Rules) serial(text string) (string, bool) {
	if r.lx.serialRe == nil {
		return "", false
	}
	m := r.lx.serialRe.FindStringSubmatch(text)
	if m == nil || !strings.ContainsAny(m[1], "0123456789") {
		return "", false
	}
	return m[1], true
}

// clauses splits text at sentence and clause punctuation.
var clauseSep = regexp.MustCompile(`[,;!?。，；！？、\n]+|\.\s+|\.$|\s+-\s+`)

// fault returns the customer's own words for the fault: the clauses that
// hold a fault phrase, and the clauses around them that tell more of it,
// without those that are other facts (a phone, an address, when it was
// bought), a choice (上门, 有发票), a greeting or a question.
func (r *Rules) fault(rd *reading, free func(s, e int) bool) string {
	text := rd.text
	var spans [][2]int
	from := 0
	for _, b := range clauseSep.FindAllStringIndex(text, -1) {
		spans = append(spans, [2]int{from, b[0]})
		from = b[1]
	}
	spans = append(spans, [2]int{from, len(text)})
	anchored := func(c [2]int) bool {
		for _, h := range rd.faults {
			if h.start < c[1] && h.end > c[0] {
				return true
			}
		}
		for _, h := range rd.hits {
			for _, t := range h.tags {
				if t.kind == tagIntent && t.strong && (t.name == "report" || t.name == "repeat") && h.start < c[1] && h.end > c[0] {
					return true
				}
			}
		}
		return false
	}
	keep := make([]bool, len(spans))
	any := false
	for i, c := range spans {
		// a request alone ("报修", "I need a repair") is no description yet
		if c[1] > c[0] && anchored(c) && (len(rd.faults) > 0 || r.residual(rd, c) >= 2 || r.mentionsProduct(rd, c)) {
			keep[i], any = true, true
		}
	}
	if !any {
		return ""
	}
	for i, c := range spans {
		if keep[i] || c[1] <= c[0] || !free(c[0], c[1]) || r.question(text[c[0]:c[1]]) {
			continue
		}
		near := (i > 0 && keep[i-1]) || (i+1 < len(spans) && keep[i+1])
		if rest := r.residual(rd, c); rest >= 3 && (near || r.mentionsProduct(rd, c)) {
			keep[i] = true
		}
	}
	var parts []string
	n := 0
	for i, c := range spans {
		if !keep[i] {
			continue
		}
		p := strings.TrimSpace(text[c[0]:c[1]])
		if n += len([]rune(p)); n > 240 {
			break
		}
		parts = append(parts, p)
	}
	sep := ", "
	if hasHan(text) {
		sep = "，"
	}
	return strings.Join(parts, sep)
}

// residual counts the letters of clause c that are not a known phrase:
// what is left once products, brands, cues and choices are taken out.
func (r *Rules) residual(rd *reading, c [2]int) int {
	low := rd.low[c[0]:c[1]]
	for _, h := range rd.hits {
		if h.start >= c[0] && h.end <= c[1] {
			low = low[:h.start-c[0]] + strings.Repeat(" ", h.end-h.start) + low[h.end-c[0]:]
		}
	}
	n := 0
	for _, ch := range low {
		if ch >= 'a' && ch <= 'z' || ch >= 0x4e00 && ch <= 0x9fff {
			n++
		}
	}
	return n
}

func (r *Rules) mentionsProduct(rd *reading, c [2]int) bool {
	for _, h := range rd.products {
		if h.start >= c[0] && h.end <= c[1] {
			return true
		}
	}
	return false
}

// choiceIn finds the code of slot's choices said in low: the longest
// phrase not right after a negator ("不用上门，我送过去" is carry-in).
// minRunes keeps one-character words (男, 是) out of a long message.
func (r *Rules) choiceIn(slot, low string, minRunes int) (string, bool) {
	best, code := "", ""
	for c, phrases := range r.lx.Choices[slot] {
		for _, p := range phrases {
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
func (r *Rules) model(rd *reading, free func(s, e int) bool, serial string) (string, bool) {
	text, low := rd.text, strings.ToLower(rd.text)
	best, bs := "", len(text)+1
	for _, m := range rd.models {
		v := strings.TrimSpace(text[m[0]:m[1]])
		if m[0] > bs || (m[0] == bs && len(v) <= len(best)) || !free(m[0], m[1]) ||
			strings.EqualFold(v, serial) || r.afterErrorMarker(low, m[0]) {
			continue
		}
		best, bs = v, m[0]
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
