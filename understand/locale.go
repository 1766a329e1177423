package understand

import (
	"strings"
	"unicode"
)

// DetectLocale says which language text is written in. clear is true only
// for a whole sentence (three or more words of English, or any Chinese
// that outweighs the Latin words); one Latin token (a model code,
// "asdfgh", "ok") gives no clear signal, and pinyin is Chinese. A
// conversation that has no language yet may take an unclear signal; one
// that has changes only on a clear one.
func (r *Rules) DetectLocale(text string) (locale string, clear bool) {
	if strings.HasPrefix(text, "/") {
		return "", false // a command (/start) says nothing about the language
	}
	han, words, pinyin, multi := 0, 0, 0, false
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(c rune) bool { return !(c >= 'a' && c <= 'z' || c == '\'') }) {
		if len(w) < 2 && w != "i" && w != "a" {
			continue
		}
		if strings.HasPrefix(w, "fd") && len(w) == 2 {
			continue
		}
		words++
		if n := r.syllables(w); n > 0 {
			pinyin++
			multi = multi || n > 1
		}
	}
	english := words - pinyin
	switch {
	case han > 0 && english >= 4 && han < english*4:
		return "en", true // an English sentence with a Chinese address in it
	case han > 0:
		return "zh-CN", true
	case words > 0 && pinyin*5 >= words*4 && (multi || pinyin >= 3):
		return "zh-CN", words >= 2
	case words >= 3:
		return "en", true
	case words >= 1:
		return "en", false
	}
	return "", false
}

// syllables returns how many pinyin syllables w splits into, or 0 when it
// is not pinyin (longest syllable first, with backtracking).
func (r *Rules) syllables(w string) int {
	return len(r.lx.splitPinyin(w))
}

// splitPinyin splits w into pinyin syllables (dayinji → da yin ji), or nil
// when it is not pinyin (longest syllable first, with backtracking).
func (lx *Lexicon) splitPinyin(w string) []string {
	if w == "" {
		return nil
	}
	for n := min(6, len(w)); n >= 1; n-- {
		if lx.pinyin[w[:n]] {
			if n == len(w) {
				return []string{w}
			}
			if rest := lx.splitPinyin(w[n:]); rest != nil {
				return append([]string{w[:n]}, rest...)
			}
		}
	}
	return nil
}
