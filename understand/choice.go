package understand

import (
	"sort"
	"strings"
	"unicode/utf8"
)

// choiceIn finds the code of slot's choices said in low: the longest
// phrase not right after a negator ("不用上门，我送过去" is carry-in).
// minRunes keeps one-character words (男, 是) out of a long message.
func (r *Rules) choiceIn(slot, low string, minRunes int) (string, bool) {
	for _, p := range r.choices[slot] { // longest first: the first found wins
		if p.runes < minRunes {
			continue
		}
		i := wordIndex(low, p.text)
		if i < 0 || (p.code != "none" && p.code != "out" && r.negated(low, i)) {
			continue
		}
		return p.code, true
	}
	return "", false
}

// choicePhrase is one way of saying a choice, with its code.
type choicePhrase struct {
	text, code string
	runes      int
}

// sortChoices lists each choice slot's phrases longest first (ties by
// code, then text, so the reading does not depend on map order).
func sortChoices(choices map[string]map[string][]string) map[string][]choicePhrase {
	out := map[string][]choicePhrase{}
	for slot, codes := range choices {
		var ps []choicePhrase
		for code, ws := range codes {
			for _, w := range ws {
				ps = append(ps, choicePhrase{text: w, code: code, runes: utf8.RuneCountInString(w)})
			}
		}
		sort.Slice(ps, func(i, j int) bool {
			a, b := ps[i], ps[j]
			if len(a.text) != len(b.text) {
				return len(a.text) > len(b.text)
			}
			if a.code != b.code {
				return a.code < b.code
			}
			return a.text < b.text
		})
		out[slot] = ps
	}
	return out
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
