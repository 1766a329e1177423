package llm

import (
	"encoding/json"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// clean makes the customer's words safe to send as data: invisible
// characters removed (tag characters U+E0000–E007F, which can carry hidden
// instructions, zero-width and direction marks), newlines and other
// controls flattened to spaces, runs of spaces folded, and the text capped
// at MaxText characters.
func clean(s string) string {
	var b strings.Builder
	space := false
	n := 0
	for _, r := range s {
		switch {
		case r >= 0xE0000 && r <= 0xE007F, r == utf8.RuneError:
			continue
		case unicode.Is(unicode.Cf, r): // zero-width, bidi and other format characters
			continue
		case unicode.IsSpace(r) || unicode.IsControl(r):
			if !space && b.Len() > 0 && n < MaxText {
				b.WriteByte(' ')
				n++
			}
			space = true
			continue
		}
		if n >= MaxText {
			break
		}
		b.WriteRune(r)
		space = false
		n++
	}
	return strings.TrimSpace(b.String())
}

// userMessage wraps the customer's words as JSON fields, the message and
// the few before it, so that nothing in them reads as the desk's own words.
func userMessage(text string, recent []string) string {
	earlier := make([]string, 0, len(recent))
	for _, r := range recent {
		earlier = append(earlier, clean(r))
	}
	b, _ := json.Marshal(struct {
		CustomerMessage string   `json:"customer_message"`
		Earlier         []string `json:"earlier_messages"`
	}{clean(text), earlier})
	return string(b)
}

// choiceCodes lists each choice slot's codes, sorted, for the prompt.
func choiceCodes(choices map[string]map[string][]string) map[string][]string {
	out := map[string][]string{}
	for _, slot := range []string{"salutation", "proof", "warranty", "mode"} {
		var codes []string
		for code := range choices[slot] {
			codes = append(codes, code)
		}
		sort.Strings(codes)
		if len(codes) > 0 {
			out[slot] = codes
		}
	}
	return out
}

// schema is the JSON schema the model's reply must follow: a list of
// commands, every field required (as strict structured output asks), no
// other field.
var schema = json.RawMessage(`{
  "type": "object",
  "properties": {
    "commands": {
      "type": "array",
      "items": {
        "type": "object",
        "properties": {
          "kind": {"type": "string", "enum": ["start_flow", "set_slot", "correct_slot", "skip", "affirm", "deny", "cancel", "clarify", "knowledge", "off_topic", "hand_over"]},
          "flow": {"type": "string"},
          "slot": {"type": "string"},
          "value": {"type": "string"},
          "topic": {"type": "string"},
          "options": {"type": "array", "items": {"type": "string"}}
        },
        "required": ["kind", "flow", "slot", "value", "topic", "options"],
        "additionalProperties": false
      }
    }
  },
  "required": ["commands"],
  "additionalProperties": false
}`)
