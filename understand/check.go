package understand

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// maxValue caps a proposed slot value, in characters.
const maxValue = 300

// Check keeps of proposed commands (a language model's) only what the
// rules would have let through in context c: known kinds; flows a message
// may start; slots the open or starting flow collects; a skip of the
// question asked; a knowledge topic that exists; a clarify between two
// known readings. Every slot value is read again as the customer's typed
// answer to that slot would be, so a value passes the same validators (a
// phone is a phone, a name is not a sentence) and is stored in the same
// form; what fails is dropped. Nothing else (prices, dates the desk
// promises, states) can be proposed at all: there is no command for it.
func (r *Rules) Check(c Context, cmds []Command, now time.Time) []Command {
	start := ""
	for _, cmd := range cmds {
		if cmd.Kind == StartFlow && startable[cmd.Flow] {
			start = cmd.Flow
			break
		}
	}
	collects := func(slot string) bool {
		if c.Flow == FlowReport && c.Asked != "" {
			return slices.Contains(FlowSlots[FlowReport], slot)
		}
		return slices.Contains(FlowSlots[start], slot)
	}
	var out []Command
	seen := map[string]bool{}
	for _, cmd := range cmds {
		switch cmd.Kind {
		case StartFlow:
			if cmd.Flow != start || seen["start"] {
				continue
			}
			seen["start"] = true
			out = append(out, Command{Kind: StartFlow, Flow: cmd.Flow})
		case SetSlot, CorrectSlot:
			if !collects(cmd.Slot) || seen[cmd.Slot] {
				continue
			}
			if v, ok := r.checkValue(cmd.Slot, cmd.Value, now); ok {
				seen[cmd.Slot] = true
				out = append(out, Command{Kind: cmd.Kind, Slot: cmd.Slot, Value: v})
			}
		case Skip:
			if c.Asked != "" && cmd.Slot == c.Asked {
				out = append(out, Command{Kind: Skip, Slot: c.Asked})
			}
		case Affirm, Deny, Cancel, OffTopic, HandOver:
			out = append(out, Command{Kind: cmd.Kind})
		case Knowledge:
			if r.topics[cmd.Topic] {
				out = append(out, Command{Kind: Knowledge, Topic: cmd.Topic})
			}
		case Clarify:
			if len(cmd.Options) == 2 && cmd.Options[0] != cmd.Options[1] && clarifiable[cmd.Options[0]] && clarifiable[cmd.Options[1]] {
				out = append(out, Command{Kind: Clarify, Options: []string{cmd.Options[0], cmd.Options[1]}})
			}
		}
	}
	return out
}

// startable are the flows a message may start.
var startable = map[string]bool{FlowReport: true, FlowStatus: true, FlowQuote: true, FlowComplaint: true,
	FlowSuggestion: true, FlowPraise: true, FlowConsult: true, FlowManager: true, FlowAbuse: true,
	FlowGreeting: true, FlowHelp: true}

// clarifiable are the readings a clarify may offer (as the rules do).
var clarifiable = map[string]bool{"accept": true, "decline": true, "cancel": true, FlowStatus: true,
	FlowReport: true, FlowComplaint: true, FlowConsult: true}

// checkValue reads v as a typed answer to slot: the value that answer sets,
// or false. A choice may also be given as its code (on_site, invoice).
func (r *Rules) checkValue(slot, v string, now time.Time) (string, bool) {
	v = strings.TrimSpace(Normalize(v))
	if v == "" || utf8.RuneCountInString(v) > maxValue {
		return "", false
	}
	if codes, ok := r.lx.Choices[slot]; ok {
		if _, isCode := codes[v]; isCode {
			return v, true
		}
	}
	switch slot {
	case SlotDecision:
		if v == "accept" || v == "decline" {
			return v, true
		}
		return "", false
	case SlotRepeat:
		return "1", v == "1" || v == "true"
	case SlotTrade:
		return "", false // the product's trade comes from the lexicon, not from a proposal
	case SlotTicket:
		f, ok := r.lx.FindTicket(v)
		return f.Value, ok && f.Value != ""
	case SlotBrand:
		if utf8.RuneCountInString(v) > 30 || strings.IndexFunc(v, sentencePunct) >= 0 {
			return "", false // a maker's name, not a sentence
		}
		return v, true
	}
	res := r.Understand(Context{Flow: FlowReport, Asked: slot}, v, now)
	for _, cmd := range res.Commands {
		if (cmd.Kind == SetSlot || cmd.Kind == CorrectSlot) && cmd.Slot == slot {
			return cmd.Value, true
		}
	}
	return "", false
}

// sentencePunct is punctuation that ends or splits a sentence (not the
// dots, dashes and ampersands of a maker's name: A.O.Smith, Bang & Olufsen).
func sentencePunct(r rune) bool {
	return unicode.IsPunct(r) && !strings.ContainsRune(".-&'", r)
}
