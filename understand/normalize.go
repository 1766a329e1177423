package understand

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/longbridgeapp/opencc"
)

// t2s converts traditional characters to simplified; loaded once, since
// its dictionaries take a few milliseconds to build, and safe for
// concurrent use. Plain t2s, not tw2sp: the Taiwan phrase table rewrites
// simplified words too (怎么 → 怎幺, 程序 → 进程); Taiwan words (印表机,
// 冷气) are in the lexicon instead.
var t2s = sync.OnceValues(func() (*opencc.OpenCC, error) { return opencc.New("t2s") })

// Normalize returns text as the rules read it: invisible characters removed,
// full-width letters, digits and punctuation made half-width, traditional
// Chinese made simplified, runs of Chinese digits (一三八…, a phone read
// out) made Arabic, and white space collapsed. Case is kept; matching
// lowercases where it needs to.
func Normalize(text string) string {
	var b strings.Builder
	b.Grow(len(text))
	space := false
	for _, r := range text {
		switch {
		case r == '\u3000':
			r = ' '
		case r >= '！' && r <= '～':
			r -= 0xFEE0 // full-width ASCII block
		case r == '\u200b' || r == '\u200c' || r == '\u200d' || r == '\ufeff' || r == '\u2060' || r == '\u00ad':
			continue
		case r == '\n' || r == '\t' || r == '\r':
			r = ' '
		case unicode.IsControl(r):
			continue
		}
		if r == ' ' || r == '\u00a0' {
			if space {
				continue
			}
			space, r = true, ' '
		} else {
			space = false
		}
		b.WriteRune(r)
	}
	s := strings.TrimSpace(b.String())
	if hasHan(s) {
		if cc, err := t2s(); err == nil && traditional(cc, s) {
			if out, err := cc.Convert(s); err == nil {
				s = out
			}
		}
		s = chineseDigits(s)
	}
	return s
}

// cjk is the range of Han characters whose conversion is remembered.
const cjkFirst, cjkLast = 0x3400, 0x9FFF

// t2sKnown remembers, per character, whether t2s changes it (1: no, 2:
// yes; 0: not asked yet).
var t2sKnown [cjkLast - cjkFirst + 1]atomic.Uint32

// traditional says s holds a character t2s changes, so that a message
// already simplified, most of them, is not run through the converter.
// A character outside the remembered range counts as changed.
func traditional(cc *opencc.OpenCC, s string) bool {
	for _, r := range s {
		if r < 0x2E80 {
			continue // Latin, digits, punctuation
		}
		if r < cjkFirst || r > cjkLast {
			return true
		}
		k := &t2sKnown[r-cjkFirst]
		st := k.Load()
		if st == 0 {
			st = 1
			if out, err := cc.Convert(string(r)); err != nil || out != string(r) {
				st = 2
			}
			k.Store(st)
		}
		if st == 2 {
			return true
		}
	}
	return false
}

func hasHan(s string) bool {
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// spokenDigits maps the lexicon's spoken digits (slots.spoken_digits) to
// Arabic ones, read once from the embedded lexicon.
var spokenDigits = sync.OnceValue(func() map[rune]rune {
	digits := map[rune]rune{}
	lx, err := LoadLexicon()
	if err != nil {
		panic(err) // embedded data, checked by every test and at start
	}
	for v, ws := range lx.Words.SpokenDigits {
		for _, s := range ws {
			if r, n := utf8.DecodeRuneInString(s); n == len(s) && v >= 0 && v <= 9 {
				digits[r] = rune('0' + v)
			}
		}
	}
	return digits
})

// chineseDigits turns runs of seven or more Chinese digits (a phone number
// read out: 一三八零零一三八零零零) into Arabic ones; shorter runs are
// words (一台, 三天, 十一) and stay.
func chineseDigits(s string) string {
	hanDigit := spokenDigits()
	rs := []rune(s)
	for i := 0; i < len(rs); {
		j := i
		for j < len(rs) && (hanDigit[rs[j]] != 0 || (j > i && (rs[j] == ' ' || rs[j] == '-'))) {
			j++
		}
		n := 0
		for k := i; k < j; k++ {
			if hanDigit[rs[k]] != 0 {
				n++
			}
		}
		if n >= 7 {
			for k := i; k < j; k++ {
				if d := hanDigit[rs[k]]; d != 0 {
					rs[k] = d
				}
			}
		}
		if j == i {
			j++
		}
		i = j
	}
	return string(rs)
}
