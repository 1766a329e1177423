package understand

import (
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
	if out[SlotName] != "" && out[SlotSalutation] == "" {
		// "我姓张，女士": the title said apart from the name
		if code, ok := r.titleIn(rd.low); ok {
			out[SlotSalutation] = code
		}
	}
	put(lx.FindAddress(text))
	put(lx.FindPurchase(text, now))
	when, ok := lx.FindTime(text, now)
	put(when, ok)
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
	} else if b, ok := r.brandSaid(rd, free); ok {
		out[SlotBrand] = b
	}
	if s, ok := r.serial(text); ok {
		out[SlotSerial] = s
		taken = append(taken, [2]int{strings.Index(text, s), strings.Index(text, s) + len(s)})
	}
	if m, ok := r.model(rd, free, out[SlotSerial], out[SlotBrand]); ok {
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
	if f := r.fault(rd, free, taken, [2]int{when.Start, when.End}); f != "" {
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
	if r.lx.serialRe.Regexp == nil || !r.lx.serialRe.can(strings.ToLower(text), scripts{}) {
		return "", false
	}
	m := r.lx.serialRe.FindStringSubmatch(text)
	if m == nil || !strings.ContainsAny(m[1], "0123456789") {
		return "", false
	}
	return m[1], true
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// model finds the model code: the code right after the brand (科沃斯T20,
// Glory USF-100, Cassida 6600), or else the leftmost match of the model
// shapes; never a serial, part of a fact already read or an error code
// (显示E4, shows SC542).
func (r *Rules) model(rd *reading, free func(s, e int) bool, serial, brand string) (string, bool) {
	text, low := rd.text, strings.ToLower(rd.text)
	if v, s, ok := codeAfterBrand(text, low, brand); ok && free(s, s+len(v)) && !strings.EqualFold(v, serial) && !r.afterErrorMarker(low, s) {
		return v, true
	}
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
	before := strings.TrimRight(low[:i], " :'\""+marks().colons)
	for _, m := range r.lx.ErrorCodeMarkers {
		if strings.HasSuffix(before, m) {
			return true
		}
	}
	return false
}

// titleIn finds a title said apart from the name (我姓张，女士): the
// lexicon's "title" choices, which leave out words that name someone else
// (我太太).
func (r *Rules) titleIn(low string) (string, bool) {
	for code, ps := range r.lx.Choices["title"] {
		for _, p := range ps {
			if strings.Contains(low, p) {
				return code, true
			}
		}
	}
	return "", false
}

// brandSaid finds a maker the brand list does not know by how it is said
// (牌子是X, a clause 中控的, "IFB make"), leaving out a product word
// after it (冠军磁砖的 → 冠军) and captures that are no maker (刚买的).
func (r *Rules) brandSaid(rd *reading, free func(s, e int) bool) (string, bool) {
	sc := scriptsOf(rd.text)
	for _, re := range r.lx.brandRes {
		if !re.can(rd.low, sc) {
			continue
		}
		for _, m := range re.FindAllStringSubmatchIndex(rd.text, 3) {
			s, e := m[2], m[3]
			if s < 0 || !free(s, e) {
				continue
			}
			for _, h := range rd.products {
				if h.start > s && h.start < e {
					e = h.start // the product after the maker
				} else if h.start <= s && h.end > s {
					s = e // the capture is the product itself
				}
			}
			b := strings.TrimSpace(rd.text[s:e])
			if len([]rune(b)) < 2 || r.notBrand(b) {
				continue
			}
			return b, true
		}
	}
	return "", false
}

func (r *Rules) notBrand(b string) bool {
	low := strings.ToLower(b)
	for _, w := range r.lx.NotBrand {
		if isASCII(w) {
			if low == w {
				return true
			}
		} else if strings.Contains(low, w) {
			return true
		}
	}
	return false
}
