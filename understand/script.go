package understand

import (
	"regexp"
	"regexp/syntax"
	"strings"
	"unicode"
)

// lexRe is a lexicon pattern with what a text must hold for it to match:
// one of its required words (the 联系人 of 联系人X经理, one of 坏|漏|裂),
// and the script it reads (a pattern naming a Chinese character needs one;
// any other a Latin letter). The pattern is not run where it cannot match:
// most of the cost of the rules is in running patterns over text.
type lexRe struct {
	*regexp.Regexp
	han   bool
	any   bool     // reads any script
	needs []string // lowercased; nil when the pattern names no word it must hold
}

func lower(ws []string) []string {
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = strings.ToLower(w)
	}
	return out
}

func newLexRe(p string) (lexRe, error) {
	re, err := regexp.Compile(p)
	if err != nil {
		return lexRe{}, err
	}
	l := lexRe{Regexp: re, han: hasHan(strings.ReplaceAll(p, `\p{Han}`, ""))}
	if tree, err := syntax.Parse(p, syntax.Perl); err == nil {
		l.needs = required(tree.Simplify())
	}
	return l, nil
}

// required returns words one of which any match of re holds, lowercased,
// or nil when it cannot tell.
func required(re *syntax.Regexp) []string {
	switch re.Op {
	case syntax.OpLiteral:
		return []string{strings.ToLower(string(re.Rune))}
	case syntax.OpCapture, syntax.OpPlus:
		return required(re.Sub[0])
	case syntax.OpRepeat:
		if re.Min >= 1 {
			return required(re.Sub[0])
		}
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if ws := required(s); ws != nil {
				return ws
			}
		}
	case syntax.OpAlternate:
		var all []string
		for _, s := range re.Sub {
			ws := required(s)
			if ws == nil {
				return nil
			}
			all = append(all, ws...)
		}
		return all
	case syntax.OpCharClass:
		// a small class of letters ([Bb]) is its lowercase letter
		var ws []string
		for i := 0; i+1 < len(re.Rune); i += 2 {
			if re.Rune[i+1]-re.Rune[i] > 2 {
				return nil
			}
			for r := re.Rune[i]; r <= re.Rune[i+1]; r++ {
				ws = append(ws, string(unicode.ToLower(r)))
			}
		}
		return ws
	}
	return nil
}

// scripts says which scripts a text holds.
type scripts struct{ han, latin bool }

func scriptsOf(s string) scripts {
	var sc scripts
	for _, r := range s {
		switch {
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z':
			sc.latin = true
		case r >= 0x3400 && unicode.Is(unicode.Han, r):
			sc.han = true
		}
		if sc.han && sc.latin {
			return sc
		}
	}
	return sc
}

// can says the pattern may match low (the text lowercased) of scripts sc.
func (re lexRe) can(low string, sc scripts) bool {
	if !re.any && (re.han && !sc.han || !re.han && !sc.latin) {
		return false
	}
	if re.needs == nil {
		return true
	}
	for _, w := range re.needs {
		if strings.Contains(low, w) {
			return true
		}
	}
	return false
}
