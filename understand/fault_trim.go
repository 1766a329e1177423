package understand

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// factCut returns where clause c's fault words end: before the first fact
// said after the clause's last fault or product phrase, less the words
// that lead into it (希望, "please come", "call me on"); in Chinese, at the
// last space between them, as a space there ends a clause. A time is cut only
// when such words lead into it, or nothing else stands between it and the
// fault: in "drops every evening" the time is part of the fault.
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
		// a time asked for (pls come saturday) is cut; one the fault
		// tells of (drops every evening) is not
		bare := anchor + len(strings.TrimRightFunc(rd.low[anchor:t[0]], func(r rune) bool { return unicode.IsSpace(r) || unicode.IsPunct(r) }))
		if t != when || letters(rd.low[anchor:cut]) <= 2 || cut < bare {
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

// wordBefore reports whether a word may start at byte i of s: at the
// start, at a Chinese character, or after something that is not a Latin
// letter, a digit or an apostrophe.
func wordBefore(s string, i int) bool {
	if i == 0 || i < len(s) && s[i] >= utf8.RuneSelf {
		return true
	}
	return edgeClass(s[i-1]) == 0 && s[i-1] != '\''
}
