package dialog

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/frontdesk/frontdesk/understand"
)

// filled is what a message's commands did to a report: the pure part of a
// report turn, which the manager then answers (the next question, help, a
// read-back, the ticket).
type filled struct {
	answered  bool   // the question asked got its answer (or a skip)
	corrected bool   // an earlier answer was corrected
	confirm   string // "yes" or "no" at the read-back
	last      string // the slot the answer filled, for an edit of that message
}

// fillReport applies commands to a report's slots as the answer to the
// question asked: every value is checked as a typed answer would be, so a
// value a language model proposed is held to the same rules. It touches
// nothing but slots, so it is tested without servers.
func fillReport(slots map[string]string, asked string, cmds []understand.Command, now time.Time) filled {
	var f filled
	for _, cmd := range cmds {
		switch cmd.Kind {
		case understand.SetSlot, understand.CorrectSlot:
			if _, had := slots[cmd.Slot]; had && cmd.Kind == understand.SetSlot && asked != "" && cmd.Slot != asked &&
				!(asked == "purchase" && (cmd.Slot == "proof" || cmd.Slot == "warranty")) {
				continue // a fact in passing fills a gap; only a correction changes an answer
			}
			v := cmd.Value
			if cmd.Kind == understand.CorrectSlot && v == "" && has(slots, cmd.Slot) {
				// a field named with no new value ("改一下地址"): asked again
				delete(slots, cmd.Slot)
				if cmd.Slot == "name" {
					delete(slots, "salutation")
				}
				f.corrected = true
				continue
			}
			if old := slots[cmd.Slot]; cmd.Kind == understand.CorrectSlot && cmd.Slot == "address" && old != "" &&
				utf8.RuneCountInString(v) < 8 && !strings.Contains(old, v) {
				// a part of the address corrected (应该是90号): it replaces
				// the same unit, else it is kept beside the rest
				if patched, ok := patchAddress(old, v); ok {
					v = patched
				} else {
					v = old + " (" + v + ")"
				}
			}
			if !setSlot(slots, cmd.Slot, v, now) {
				continue
			}
			if cmd.Kind == understand.CorrectSlot {
				f.corrected = true
			}
			if cmd.Slot == asked || (asked == "purchase" && (cmd.Slot == "proof" || cmd.Slot == "warranty")) {
				f.answered, f.last = true, cmd.Slot
			}
		case understand.Skip:
			if cmd.Slot == asked && skippable[asked] {
				slots[asked] = ""
				f.answered = true
			}
		case understand.Affirm:
			if asked == "confirm" {
				f.confirm = "yes"
			}
		case understand.Deny:
			if asked == "confirm" {
				f.confirm = "no"
			}
		}
	}
	return f
}

// patchAddress applies a corrected part of an address to the rest, by the
// lexicon's address units.
func patchAddress(old, part string) (string, bool) {
	r, err := understand.Default()
	if err != nil {
		return "", false
	}
	return r.PatchAddress(old, part)
}
