package understand

import (
	"strings"
)

// fault returns the customer's own words for the fault: the clauses that
// hold a fault phrase, and the clauses around them that tell more of it,
// without those that are other facts (a phone, an address, when it was
// bought), a choice (上门, 有发票), a greeting or a question.
func (r *Rules) fault(rd *reading, free func(s, e int) bool) string {
	text := rd.text
	var spans [][2]int
	from := 0
	for _, b := range marks().clauseSep.FindAllStringIndex(text, -1) {
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
		sep = marks().Comma
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
