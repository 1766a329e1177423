package understand

import "strings"

// callbackOrder is the order the callback answers are checked in: a
// refusal or "not now" first, then "no problem" and trouble words before
// the plain yes, so that "还不正常" is not read as "正常".
var callbackOrder = []struct{ key, answer string }{
	{"refuse", "refuse"}, {"busy", "busy"}, {"fine", "working"}, {"broken", "not_working"}, {"working", "working"},
}

// CallbackAnswer reads a typed answer to the after-visit callback's "is it
// working now?": working, not_working, busy, refuse, or "" when it is not
// clear. Latin phrases count as whole words ("ok" is not in "book").
func (r *Rules) CallbackAnswer(text string) string {
	low := strings.ToLower(Normalize(text))
	for _, o := range callbackOrder {
		for _, p := range r.lx.CallbackAnswers[o.key] {
			if wordIndex(low, p) >= 0 {
				return o.answer
			}
		}
	}
	return ""
}
