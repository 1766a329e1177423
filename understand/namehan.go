package understand

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// hanName reads a Chinese name at i: an optional 老 or 小 (not kept), a
// surname, given-name characters, and a title, as mode asks.
func (lx *Lexicon) hanName(s string, i, mode int) (nameHit, bool) {
	c := &lx.Words.sets
	if sp, e := c.spellings.at(s, i); sp != nil {
		return nameHit{start: i, end: e, stop: e, value: c.spelled[sp.val]}, true
	}
	if p, e := c.namePrefix.at(s, i); p != nil {
		if sur, _ := c.surnames.at(s, e); sur != nil {
			i = e
		}
	}
	sur, e := c.surnames.at(s, i)
	if sur == nil {
		return nameHit{}, false
	}
	maxGiven := 2
	switch mode {
	case nmSurname:
		maxGiven = 0
	case nmAnswer:
		maxGiven = 4 - utf8.RuneCountInString(sur.w)
	}
	given := 0
	for ; given < maxGiven && e < len(s); given++ {
		t, _ := c.honAfter.at(s, e)
		st, _ := c.nameStops.at(s, e)
		r, size := utf8.DecodeRuneInString(s[e:])
		if t != nil || st != nil || !unicode.Is(unicode.Han, r) {
			break
		}
		e += size
	}
	h := nameHit{start: i, end: e, stop: e}
	if t, te := c.honAfter.at(s, e); t != nil {
		if t.role == sKeep {
			h.end = te
		} else {
			h.sal, h.salStart, h.salEnd = t.role, e, te
		}
		h.stop = te
	}
	titled := h.stop > e
	if !titled && mode != nmSurname && h.stop < len(s) { // a name runs into more text only at a stop word
		r, _ := utf8.DecodeRuneInString(s[h.stop:])
		if st, _ := c.nameStops.at(s, h.stop); st == nil && unicode.Is(unicode.Han, r) {
			return h, false
		}
	}
	switch {
	case mode == nmBare && h.sal == 0, mode == nmSelf && !titled && given == 0:
		return h, false
	}
	if nw, _ := c.notNames.at(s, h.start); nw != nil || lx.isThing(s[h.start:e]) {
		return h, false
	}
	return h, true
}

// latinName reads one or two name words at i ("Sarah Lee", "john"):
// letters, ' and -; capital asks the first to be capitalised. A second
// word follows the case of the first; words never names end it.
func (lx *Lexicon) latinName(s string, i int, capital bool) (start, end int, ok bool) {
	c := &lx.Words.sets
	end = i
	for k := 0; k < 2; k++ {
		j := end
		if k > 0 {
			if j >= len(s) || s[j] != ' ' {
				break
			}
			j++
		}
		e := j
		for e < len(s) && (edgeClass(s[e]) == 'a' || e > j && (s[e] == '\'' || s[e] == '-')) {
			e++
		}
		up := j < len(s) && s[j] >= 'A' && s[j] <= 'Z'
		if e-j < 2 || e < len(s) && edgeClass(s[e]) == '0' || !up && (k == 0 && capital || k > 0 && s[i] <= 'Z') {
			break
		}
		if nw, ne := c.notNames.at(s, j); nw != nil && ne >= e {
			break
		}
		if t, _ := c.honAfter.at(s, j); t != nil || !pronounceable(s[j:e]) || lx.isThing(s[j:e]) {
			break
		}
		end = e
	}
	return i, end, end > i
}

// pronounceable refuses keyboard runs (asdfgh): a word of three letters
// or more needs a vowel and no five consonants in a row.
func pronounceable(w string) bool {
	run, vowel := 0, false
	for i := 0; i < len(w); i++ {
		if strings.IndexByte("aeiouyAEIOUY'-", w[i]) >= 0 {
			run, vowel = 0, true
		} else if run++; run >= 5 {
			return false
		}
	}
	return vowel || len(w) < 3
}

// isThing says w is, or in Chinese holds, a brand or a product, which is
// never a name (海尔, Haier, 打印机).
func (lx *Lexicon) isThing(w string) bool {
	t := lx.Words.sets.things
	if t == nil {
		return false
	}
	t.once.Do(func() {
		t.set = &wordSet{}
		t.set.add(0, 0, lx.Brands...)
		for _, p := range lx.Products {
			t.set.add(0, 0, p.Aliases...)
		}
		t.set.index()
	})
	return t.set.has(w)
}
