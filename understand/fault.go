package understand

import (
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
	return r.joinKept(rd, spans, keep, taken, when)
}

// joinKept joins the kept clauses, each without a greeting before it or
// the facts after it: as typed where only spaces stood between them, with
// a comma otherwise; at most some 240 characters.
func (r *Rules) joinKept(rd *reading, spans [][2]int, keep []bool, taken [][2]int, when [2]int) string {
	text := rd.text
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

// leadsToFact says clause c names a fact to come: an address or a phone
// anywhere in it (公司地址, "contact me on my mobile"), another number
// when the clause opens with it (型号理光MP2014). It is that fact's, not
// the fault's; "每次都多一张 model是UV-A12" tells of the fault first.
func (r *Rules) leadsToFact(rd *reading, c [2]int) bool {
	w := &r.lx.Words.sets
	for _, set := range []*wordSet{w.addrMark, w.phoneMark} {
		if _, at, _ := set.findIn(rd.low, c[0], c[1]); at >= 0 {
			return true
		}
	}
	_, at, _ := w.otherNum.findIn(rd.low, c[0], c[1])
	return at >= 0 && r.residual(rd, [2]int{c[0], at})-codeLetters(rd.low[c[0]:at]) < 3
}

// spaced says text[a:b] is only spaces, at least one.
func spaced(text string, a, b int) bool {
	return b > a && strings.TrimLeft(text[a:b], " ") == ""
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

// codeLetters counts the letters of the codes in s (MP2014: 2), words
// of Latin letters and digits that are models or serials, not words.
func codeLetters(s string) int {
	n := 0
	for _, w := range strings.Fields(s) {
		if hasLetterAndDigit(w) {
			n += letters(w)
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
