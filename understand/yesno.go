package understand

import (
	"strings"
	"unicode/utf8"
)

func yesNoCommand(yes bool) Command {
	if yes {
		return Command{Kind: Affirm}
	}
	return Command{Kind: Deny}
}

// yesNo reads a yes or a no: the whole answer ("好的", "yep"), or its first
// words ("对，没问题", "no, the phone is wrong").
func (r *Rules) yesNo(rd *reading) (yes, ok bool) {
	low := bare(rd.low)
	words := r.lx.Choices["yesno"]
	for code, ws := range words {
		for _, w := range ws {
			if low == w {
				return code == "yes", true
			}
		}
	}
	head := marks().clauseSep.Split(low, 2)[0]
	head = strings.TrimSpace(head)
	for code, ws := range words {
		for _, w := range ws {
			if head == w {
				return code == "yes", true
			}
		}
	}
	if words := strings.Fields(head); len(words) > 1 && len(words) <= 5 {
		for code, ws := range r.lx.Choices["yesno"] {
			for _, w := range ws {
				if w == strings.Trim(words[0], ",.!") && isASCII(w) {
					return code == "yes", true // "yes that's right", "no, the phone is wrong"
				}
			}
		}
	}
	if utf8.RuneCountInString(low) <= 12 {
		if code, ok := r.choiceIn("yesno", low, 2); ok {
			return code == "yes", true
		}
	}
	return false, false
}

// yesNoClear says the message is a plain yes or no, with nothing else.
func (r *Rules) yesNoClear(rd *reading) bool {
	_, ok := r.choiceWhole("yesno", bare(rd.low))
	return ok
}
