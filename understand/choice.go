package understand

import "strings"

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
