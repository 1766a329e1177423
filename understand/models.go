package understand

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// modelSpans finds every match of the model shapes that holds a letter
// and a digit (no shape matches text without a digit).
func (r *Rules) modelSpans(text string) [][2]int {
	if !strings.ContainsAny(text, "0123456789") {
		return nil
	}
	var out [][2]int
	// A model code is Latin letters and digits: the patterns run only over
	// the runs of ASCII that hold both (in a Chinese message, a few bytes),
	// which changes no match, as a run's edges are word edges.
	for a := 0; a < len(text); {
		if text[a] >= utf8.RuneSelf {
			a++
			continue
		}
		b := a
		for b < len(text) && text[b] < utf8.RuneSelf {
			b++
		}
		if hasLetterAndDigit(text[a:b]) {
			out = r.modelsIn(text, a, b, out)
		}
		a = b
	}
	return out
}

// modelsIn adds the model shapes found in text[a:b], a run of ASCII. A
// model code holds a digit, in its last word when it has two (MP 2014), so
// the patterns run only over each word holding a digit, with the word
// before it: a long English message costs a few short matches.
func (r *Rules) modelsIn(text string, a, b int, out [][2]int) [][2]int {
	prev := -1 // start of the word before
	for i := a; i < b; {
		for i < b && text[i] == ' ' {
			i++
		}
		j := i
		for j < b && text[j] != ' ' {
			j++
		}
		if j > i && strings.ContainsAny(text[i:j], "0123456789") {
			from := i
			if prev >= 0 {
				from = prev
			}
			w := text[from:j]
			for _, re := range r.lx.models {
				for _, m := range re.FindAllStringIndex(w, 4) {
					span := [2]int{from + m[0], from + m[1]}
					if hasLetterAndDigit(w[m[0]:m[1]]) && !slices.Contains(out, span) {
						out = append(out, span)
					}
				}
			}
		}
		if j > i {
			prev = i
		}
		i = j
	}
	return out
}

// codeAfterBrand returns the code written right after the brand in text,
// and where it starts: letters and digits with a digit among them (T20,
// USF-100, AX3), or digits alone, three to six of them and not a year
// (6600), so that "Bosch 2019" or a phone number is not taken.
func codeAfterBrand(text, low, brand string) (string, int, bool) {
	i := strings.Index(low, strings.ToLower(brand))
	if brand == "" || i < 0 {
		return "", 0, false
	}
	a := i + len(brand)
	if a < len(text) && edgeClass(text[a]) == 'a' && edgeClass(text[a-1]) == 'a' {
		return "", 0, false // the brand is the start of a longer word
	}
	a = skipSpaces(text, a)
	b := a
	for b < len(text) && (edgeClass(text[b]) != 0 || text[b] == '-' && b > a) {
		b++
	}
	for b > a && text[b-1] == '-' {
		b--
	}
	v := text[a:b]
	digits := 0
	for i := 0; i < len(v); i++ {
		if isASCIIDigit(v[i]) {
			digits++
		}
	}
	switch {
	case len(v) < 2 || digits == 0 || b < len(text) && text[b] >= utf8.RuneSelf && digits == len(v):
		return "", 0, false
	case digits == len(v) && (digits < 3 || digits > 6 || digits == 4 && (v[:2] == "19" || v[:2] == "20")):
		return "", 0, false
	}
	return v, a, true
}
