package understand

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Skippable slots: the report goes on without them when the customer does
// not know.
var Skippable = map[string]bool{SlotModel: true, SlotSerial: true, SlotPurchase: true, SlotProof: true, SlotTime: true}

// answer reads a message sent while a report asks for one slot. The
// answer to the question comes first; a request that is plainly not an
// answer (cancel, a person, a question) interrupts; a correction
// ("电话写错了，是139…") updates what it names; any other fact stated in
// passing is taken too.
func (r *Rules) answer(c Context, rd *reading, facts map[string]string, now time.Time) []Command {
	asked := c.Asked
	set, ok := r.parseAnswer(asked, rd, facts, now)
	var cmds []Command
	correcting := r.correction(rd)
	if !ok {
		if cmd, stop := r.interruption(rd); stop {
			return []Command{cmd}
		}
	}
	if correcting {
		for slot, v := range facts {
			if slot != asked && slot != SlotFault && slot != SlotRepeat && slot != SlotBrand {
				cmds = append(cmds, Command{Kind: CorrectSlot, Slot: slot, Value: v})
			}
		}
		if asked == "confirm" && len(cmds) == 0 {
			return []Command{{Kind: Deny}}
		}
		if len(cmds) > 0 && !ok {
			return cmds
		}
	}
	if ok {
		for slot, v := range set {
			switch {
			case slot == "confirm" && v == "yes":
				cmds = append(cmds, Command{Kind: Affirm})
			case slot == "confirm":
				cmds = append(cmds, Command{Kind: Deny})
			case v == "" && Skippable[slot]:
				cmds = append(cmds, Command{Kind: Skip, Slot: slot})
			default:
				cmds = append(cmds, Command{Kind: SetSlot, Slot: slot, Value: v})
			}
		}
	}
	// Facts given in passing ("王先生，电话13800138000"), never over the
	// answer itself and never free text the extractors guess at.
	if asked != "confirm" {
		for _, slot := range []string{SlotPhone, SlotName, SlotSalutation, SlotMode, SlotWarranty, SlotProof, SlotPurchase, SlotAddress, SlotTime} {
			if v := facts[slot]; v != "" && set[slot] == "" && slot != asked && !correcting {
				cmds = append(cmds, Command{Kind: SetSlot, Slot: slot, Value: v})
			}
		}
	}
	if !ok && len(cmds) == 0 {
		if topic := bestTopic(rd); topic != "" {
			return []Command{{Kind: Knowledge, Topic: topic}}
		}
		if question(rd.text) || rd.strong["consult"] {
			return []Command{{Kind: StartFlow, Flow: FlowConsult}}
		}
		if rd.strong["status"] && facts[SlotTicket] != "" {
			return []Command{{Kind: StartFlow, Flow: FlowStatus}, {Kind: SetSlot, Slot: SlotTicket, Value: facts[SlotTicket]}}
		}
	}
	return cmds
}

// interruption is a request that leaves the question: cancel, a person, a
// manager, abuse or off-topic.
func (r *Rules) interruption(rd *reading) (Command, bool) {
	switch {
	case rd.strong["cancel"] && !rd.strong["report"]:
		return Command{Kind: Cancel}, true
	case rd.strong["human"]:
		return Command{Kind: HandOver}, true
	case rd.strong["manager"]:
		return Command{Kind: StartFlow, Flow: FlowManager}, true
	case rd.strong["abuse"]:
		return Command{Kind: StartFlow, Flow: FlowAbuse}, true
	case rd.strong["off_topic"] && len(rd.faults) == 0:
		return Command{Kind: OffTopic}, true
	}
	return Command{}, false
}

// correction says the message corrects an earlier answer.
func (r *Rules) correction(rd *reading) bool {
	_, ok := r.choiceIn("correction", rd.low, 2)
	return ok
}

// parseAnswer reads text as the answer to asked. It returns the slots the
// answer sets ("" for a skip) and whether it answered at all.
func (r *Rules) parseAnswer(asked string, rd *reading, facts map[string]string, now time.Time) (map[string]string, bool) {
	text, low, lx := rd.text, rd.low, r.lx
	bare := strings.Trim(low, " .!。！~,，")
	out := map[string]string{}
	if Skippable[asked] || asked == "salutation" {
		if code, ok := r.choiceWhole("skip", bare); ok && code == "skip" {
			out[asked] = ""
			return out, true
		}
	}
	switch asked {
	case "confirm":
		if yes, ok := r.yesNo(rd); ok {
			out["confirm"] = map[bool]string{true: "yes", false: "no"}[yes]
			return out, true
		}
	case SlotName:
		if name, sal, ok := lx.ParseName(text); ok {
			out[SlotName] = name
			if sal != "" {
				out[SlotSalutation] = sal
			}
			return out, true
		}
	case SlotSalutation:
		if sal, ok := lx.ParseSalutation(text); ok {
			out[SlotSalutation] = sal
			return out, true
		}
		if code, ok := r.choiceIn("salutation", low, 1); ok {
			out[SlotSalutation] = code
			return out, true
		}
	case SlotPhone:
		if v := facts[SlotPhone]; v != "" {
			out[SlotPhone] = v
			return out, true
		}
	case SlotMode:
		if code, ok := r.choiceIn("mode", low, 1); ok {
			out[SlotMode] = code
			return out, true
		}
	case SlotAddress:
		if a, ok := lx.ParseAddress(text); ok {
			out[SlotAddress] = a
			return out, true
		}
	case SlotProduct:
		if v := facts[SlotProduct]; v != "" {
			out[SlotProduct] = v
			if b := facts[SlotBrand]; b != "" {
				out[SlotBrand] = b
			}
			if m := facts[SlotModel]; m != "" {
				out[SlotModel] = m
			}
			return out, true
		}
		if r.plainDatum(text, 2, 30) {
			out[SlotProduct] = text
			return out, true
		}
	case SlotModel:
		if v := facts[SlotModel]; v != "" {
			out[SlotModel] = v
			return out, true
		}
		if r.plainDatum(text, 2, 40) && !hasHan(text) {
			out[SlotModel] = text
			return out, true
		}
	case SlotSerial:
		if r.plainDatum(text, 4, 40) && !hasHan(text) {
			out[SlotSerial] = strings.TrimSpace(text)
			return out, true
		}
	case SlotPurchase, SlotProof:
		// one question: when was it bought, and is there a card or invoice
		if d, ok := lx.ParsePurchase(text, now); ok {
			out[SlotPurchase] = d
		} else if v := facts[SlotPurchase]; v != "" {
			out[SlotPurchase] = v
		}
		if code, ok := r.choiceIn("proof", low, 1); ok {
			out[SlotProof] = code
		}
		if code, ok := r.choiceIn("warranty", low, 2); ok {
			out[SlotWarranty] = code
		}
		return out, len(out) > 0
	case SlotFault:
		if f := facts[SlotFault]; f != "" {
			out[SlotFault] = f
			return out, true
		}
		if utf8.RuneCountInString(text) >= 2 && !lx.LooksLikeRequest(text) && !rd.strong["cancel"] && !rd.strong["human"] {
			out[SlotFault] = text
			return out, true
		}
	case SlotTime:
		if v, ok := lx.ParseTime(text, now); ok {
			out[SlotTime] = v
			return out, true
		}
	}
	return out, false
}

// plainDatum says text can be a short datum (a product, a model): within
// the length, not a request, not a question, not a phone number.
func (r *Rules) plainDatum(text string, minRunes, maxRunes int) bool {
	n := utf8.RuneCountInString(text)
	if n < minRunes || n > maxRunes || question(text) || r.lx.LooksLikeRequest(text) {
		return false
	}
	if _, ok := r.lx.FindPhone(text); ok {
		return false
	}
	return true
}

// choiceWhole matches the whole answer against slot's phrasings.
func (r *Rules) choiceWhole(slot, bare string) (string, bool) {
	for code, ws := range r.lx.Choices[slot] {
		for _, w := range ws {
			if bare == strings.ToLower(w) {
				return code, true
			}
		}
	}
	return "", false
}
