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
