package understand

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// fault returns the customer's own words for the fault: the clauses that
// hold a fault phrase, and the clauses around them that tell more of it,
// without those that are other facts (a phone, an address, when it was
// bought), a choice (上门, 有发票), a greeting or a question. A fact said
// after the fault in its clause (…不制冷了周六上午来修; "leaking, call me on
// 138…") is cut off with the words that lead into it; taken holds the facts'
// spans, when the preferred time's.
func (r *Rules) fault(rd *reading, free func(s, e int) bool, taken [][2]int, when [2]int) string {
	text := rd.text
	spans := clauses(text)
	anchored := func(c [2]int) bool {
		for _, h := range rd.faults {
			if h.start < c[1] && h.end > c[0] {
				return true
			}
		}
		// a clause that only asks for the repair ("can you send someone",
		// 能不能派人来) holds no description, whatever else it says
		if s := rd.low[c[0]:c[1]]; r.lx.LooksLikeRequest(s) || r.question(s) || r.lx.Words.sets.questions.has(s) {
			return false
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
		// No fault phrase known: the clause that names the product and
		// says more than its name (点钞机数着数着就停了, "the extractor
		// hood light works but the fan doesn't") is the customer's own
		// description; the read-back shows it for them to correct.
		for i, c := range spans {
			if c[1] > c[0] && free(c[0], c[1]) && !r.question(text[c[0]:c[1]]) && r.mentionsProduct(rd, c) && r.residual(rd, c) >= 3 {
				keep[i], any = true, true
				break
			}
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
		if rest := r.residual(rd, c); rest >= 3 && (near || r.mentionsProduct(rd, c)) && !r.leadsToFact(rd, c) {
			keep[i] = true
		}
	}
	for i, c := range spans {
		// the product named just before its fault, a space between (冰箱 不制冷)
		if !keep[i] && i+1 < len(spans) && keep[i+1] && spaced(text, c[1], spans[i+1][0]) &&
			r.mentionsProduct(rd, c) && r.residual(rd, c) == 0 && free(c[0], c[1]) {
			keep[i] = true
		}
	}
	sep := ", "
	if hasHan(text) {
		sep = marks().Comma
	}
	var b strings.Builder
	n, last := 0, -1 // last: where the kept words so far end in text
	for i, c := range spans {
		if !keep[i] {
			continue
		}
		a, e := greeted(rd, c), r.factCut(rd, c, taken, when)
		p := strings.TrimSpace(text[a:e])
		if p == "" {
			continue
		}
		if n += len([]rune(p)); n > 240 {
			break
		}
		switch {
		case last >= 0 && spaced(text, last, a):
			b.WriteString(text[last:a]) // as typed: a space, not a comma
		case last >= 0:
			b.WriteString(sep)
		}
		b.WriteString(p)
		last = a + strings.Index(text[a:e], p) + len(p)
	}
	return b.String()
}

// leadsToFact says clause c names a fact to come (公司地址, 电话, "my
// number"): it is that fact's, not the fault's.
func (r *Rules) leadsToFact(rd *reading, c [2]int) bool {
	w := &r.lx.Words.sets
	_, a, _ := w.addrMark.findIn(rd.low, c[0], c[1])
	_, p, _ := w.phoneMark.findIn(rd.low, c[0], c[1])
	return a >= 0 || p >= 0
}

// spaced says text[a:b] is only spaces, at least one.
func spaced(text string, a, b int) bool {
	return b > a && strings.TrimLeft(text[a:b], " ") == ""
}

// factCut returns where clause c's fault words end: before the first fact
// said after the clause's last fault or product phrase, less the words
// that lead into it (希望, "please come", "call me on"); in Chinese, at the
// last space between them, as a space there ends a clause. A time is cut only
// when nothing but such words stands between it and the fault: in "drops
// every evening" or "since this morning" the time is part of the fault.
func (r *Rules) factCut(rd *reading, c [2]int, taken [][2]int, when [2]int) int {
	anchor := c[0]
	for _, hs := range [][]hit{rd.faults, rd.products} {
		for _, h := range hs {
			if h.start < c[1] && h.end > c[0] {
				anchor = max(anchor, min(h.end, c[1]))
			}
		}
	}
	facts := slices.Clone(taken)
	slices.SortFunc(facts, func(a, b [2]int) int { return a[0] - b[0] })
	for _, t := range facts {
		if t[0] < anchor || t[0] >= c[1] {
			continue
		}
		cut := r.leadIn(rd, anchor, t[0])
		if hasHan(rd.text[c[0]:t[0]]) {
			if i := strings.LastIndexFunc(rd.text[anchor:cut], unicode.IsSpace); i >= 0 {
				return anchor + i
			}
		}
		if t != when || letters(rd.low[anchor:cut]) <= 2 {
			return cut
		}
	}
	return c[1]
}

// leadIn returns where the words leading into a fact at end begin: the
// lexicon's fault tails, spaces and punctuation, taken back from end but
// not past from.
func (r *Rules) leadIn(rd *reading, from, end int) int {
	for {
		low := strings.TrimRightFunc(rd.low[from:end], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) })
		cut := from + len(low)
		for _, w := range r.lx.FaultTails {
			if strings.HasSuffix(low, w) && (!startsWord(w) || wordBefore(low, len(low)-len(w))) {
				cut -= len(w)
				break
			}
		}
		if cut == end {
			return end
		}
		end = cut
	}
}

// greeted returns where clause c's words begin after the greetings that
// open it without punctuation ("你好 我家冰箱不制冷了", "hi my fridge…").
func greeted(rd *reading, c [2]int) int {
	start := c[0]
	for {
		at := start + len(rd.low[start:c[1]]) - len(strings.TrimLeftFunc(rd.low[start:c[1]], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }))
		next := at
		for _, h := range rd.hits {
			if h.start == at && h.end < c[1] && slices.ContainsFunc(h.tags, func(t tag) bool { return t.kind == tagIntent && t.name == "greeting" }) {
				next = h.end
			}
		}
		if next == at {
			return start
		}
		start = next
	}
}

// startsWord reports whether w begins with a Latin letter, so that it must
// stand as a word of its own ("come" is not the end of "become").
func startsWord(w string) bool {
	return w != "" && (w[0] >= 'a' && w[0] <= 'z')
}

// wordBefore reports whether a word may start at byte i of low: at the
// start, or after something that is not a Latin letter or digit.
func wordBefore(low string, i int) bool {
	if i == 0 {
		return true
	}
	b := low[i-1]
	return !(b >= 'a' && b <= 'z' || b >= '0' && b <= '9' || b == '\'')
}

// clauses splits text at clause punctuation and at a space between two
// Chinese characters: customers type "油烟机吸力变小了 开最大档也一屋子油烟
// 方太的" with a space where the comma goes.
func clauses(text string) [][2]int {
	var spans [][2]int
	from := 0
	cut := func(a, b int) {
		for i := a; i < b; i++ {
			if text[i] != ' ' {
				continue
			}
			j := skipSpaces(text, i)
			before, _ := utf8.DecodeLastRuneInString(text[a:i])
			after, _ := utf8.DecodeRuneInString(text[j:b])
			if j < b && i > a && unicode.Is(unicode.Han, before) && unicode.Is(unicode.Han, after) {
				spans = append(spans, [2]int{a, i})
				a = j
			}
			i = j - 1
		}
		spans = append(spans, [2]int{a, b})
	}
	for _, b := range marks().clauseSep.FindAllStringIndex(text, -1) {
		cut(from, b[0])
		from = b[1]
	}
	cut(from, len(text))
	return spans
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
	return letters(low)
}

func (r *Rules) mentionsProduct(rd *reading, c [2]int) bool {
	for _, h := range rd.products {
		if h.start >= c[0] && h.end <= c[1] {
			return true
		}
	}
	return false
}
