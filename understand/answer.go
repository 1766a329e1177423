package understand

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Skippable slots: the report goes on without them when the customer does
// not know.
var Skippable = map[string]bool{SlotModel: true, SlotSerial: true, SlotPurchase: true, SlotProof: true, SlotTime: true}

// answer reads a message sent while a report asks for one slot. A
// correction ("电话写错了，是139…") updates what it names; a question about
// the desk is answered; the answer to the question comes next; a request
// that is plainly not an answer (cancel, a person, a status) interrupts;
// any other fact stated in passing is taken too.
func (r *Rules) answer(c Context, rd *reading, facts map[string]string, now time.Time) []Command {
	asked := c.Asked
	if r.correction(rd) {
		if cmds := r.corrections(rd, facts, now); len(cmds) > 0 {
			return cmds
		}
	}
	topic := bestTopic(rd)
	// A warranty word answering "when did you buy it" is a statement, not a
	// question about warranty terms.
	statement := (asked == SlotPurchase || asked == SlotProof) && !r.question(rd.text)
	asking := (topic != "" && !statement) || (rd.strong["consult"] && r.question(rd.text))
	if asking && (asked != SlotFault || len(rd.faults) == 0) {
		if topic != "" {
			return []Command{{Kind: Knowledge, Topic: topic}}
		}
		return []Command{{Kind: StartFlow, Flow: FlowConsult}}
	}
	if cmd, stop := r.interruption(rd, facts); stop {
		return []Command{cmd}
	}
	if r.skipped(asked, rd) {
		return []Command{{Kind: Skip, Slot: asked}}
	}
	set, ok := r.parseAnswer(asked, rd, facts, now)
	var cmds []Command
	for _, slot := range answerOrder {
		v, has := set[slot]
		if !has {
			continue
		}
		switch {
		case slot == "confirm" && v == "yes":
			cmds = append(cmds, Command{Kind: Affirm})
		case slot == "confirm":
			cmds = append(cmds, Command{Kind: Deny})
		default:
			cmds = append(cmds, Command{Kind: SetSlot, Slot: slot, Value: v})
		}
	}
	// Facts given in passing ("王先生，电话13800138000"), never over the
	// answer itself and never free text the extractors guess at.
	if asked != "confirm" {
		for _, slot := range []string{SlotPhone, SlotName, SlotSalutation, SlotMode, SlotWarranty, SlotProof, SlotPurchase, SlotAddress, SlotTime, SlotBrand} {
			if slot == SlotMode && facts[modeImplied] != "" {
				continue
			}
			if v := facts[slot]; v != "" && set[slot] == "" && slot != asked {
				cmds = append(cmds, Command{Kind: SetSlot, Slot: slot, Value: v})
			}
		}
	}
	if topic != "" {
		cmds = append(cmds, Command{Kind: Knowledge, Topic: topic}) // a fault with a question about it
	}
	if !ok && len(cmds) == 0 && r.question(rd.text) {
		return []Command{{Kind: StartFlow, Flow: FlowConsult}}
	}
	return cmds
}

// answerOrder is the order an answer's slots are set in: a name before its
// title.
var answerOrder = []string{"confirm", SlotName, SlotSalutation, SlotPhone, SlotMode, SlotAddress, SlotProduct, SlotBrand, SlotModel,
	SlotSerial, SlotPurchase, SlotProof, SlotWarranty, SlotFault, SlotTime}

// skipped says the answer is "I don't know / can't find it" (or a refusal
// to give a required detail, which the dialog answers with help): the
// whole answer a skip word, or a longer skip phrase within it.
func (r *Rules) skipped(asked string, rd *reading) bool {
	bare := strings.Trim(rd.low, " .!。！~,，")
	if _, ok := r.choiceWhole("skip", bare); ok {
		return asked != "confirm"
	}
	if asked == "confirm" || asked == SlotFault {
		return false // a fault the customer cannot name is still their words
	}
	for _, p := range r.lx.Choices["skip"]["skip"] {
		if utf8.RuneCountInString(p) >= 3 && wordIndex(rd.low, strings.ToLower(p)) >= 0 {
			return true
		}
	}
	return false
}

// corrections reads a correction: the slots it names ("地址不对，应该是5号
// 楼") take the value after the marker, or the fact of that slot found in
// the message; a correction that names no field corrects the facts it
// states ("not Tuesday, Wednesday").
func (r *Rules) corrections(rd *reading, facts map[string]string, now time.Time) []Command {
	var cmds []Command
	named := map[string]bool{}
	for slot, words := range r.lx.Fields {
		for _, w := range words {
			if wordIndex(rd.low, strings.ToLower(w)) >= 0 {
				named[slot] = true
			}
		}
	}
	for _, slot := range answerOrder {
		if !named[slot] {
			continue
		}
		v := facts[slot]
		if v == "" {
			v = r.valueAfterMarker(rd.text, slot, now)
		}
		if v != "" {
			cmds = append(cmds, Command{Kind: CorrectSlot, Slot: slot, Value: v})
		}
	}
	if len(cmds) > 0 {
		return cmds
	}
	for _, slot := range answerOrder {
		if v := facts[slot]; v != "" && slot != SlotFault && slot != SlotProduct {
			cmds = append(cmds, Command{Kind: CorrectSlot, Slot: slot, Value: v})
		}
	}
	return cmds
}

// valueAfterMarker takes the words after the last value marker ("应该是",
// "should be") as the new value of slot, checked as that slot's answer.
func (r *Rules) valueAfterMarker(text, slot string, now time.Time) string {
	low := strings.ToLower(text)
	at := -1
	for _, m := range r.lx.ValueMarkers {
		if i := strings.LastIndex(low, strings.ToLower(m)); i >= 0 && i+len(m) > at {
			at = i + len(m)
		}
	}
	if at < 0 {
		return ""
	}
	v := strings.Trim(text[at:], " :：,，。.!！")
	if v == "" || utf8.RuneCountInString(v) > 60 {
		return ""
	}
	switch slot {
	case SlotPhone:
		f, ok := r.lx.FindPhone(v)
		if !ok {
			return ""
		}
		return f.Value
	case SlotName:
		n, _, ok := r.lx.ParseName(v)
		if !ok {
			return ""
		}
		return n
	case SlotPurchase:
		d, _ := r.lx.ParsePurchase(v, now)
		return d
	}
	return v
}

// interruption is a request that leaves the question: cancel (or no
// longer wanting the repair), a person, a manager, a status, abuse or
// off-topic.
func (r *Rules) interruption(rd *reading, facts map[string]string) (Command, bool) {
	switch {
	case (rd.strong["cancel"] || rd.strong["decline"] || rd.score["cancel"] > 0 && short(rd.text)) && len(rd.faults) == 0:
		return Command{Kind: Cancel}, true
	case rd.strong["human"]:
		return Command{Kind: HandOver}, true
	case rd.strong["manager"]:
		return Command{Kind: StartFlow, Flow: FlowManager}, true
	case rd.strong["abuse"]:
		return Command{Kind: StartFlow, Flow: FlowAbuse}, true
	case rd.strong["off_topic"] && len(rd.faults) == 0:
		return Command{Kind: OffTopic}, true
	case rd.strong["status"] && len(rd.faults) == 0 && (facts[SlotTicket] != "" || r.question(rd.text)):
		return Command{Kind: StartFlow, Flow: FlowStatus}, true
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
	out := map[string]string{}
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
			if b := facts[SlotBrand]; b != "" {
				out[SlotBrand] = b
			}
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
	if n < minRunes || n > maxRunes || r.question(text) || r.lx.LooksLikeRequest(text) {
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

// short says text is a few words, a command rather than an answer ("取消",
// "cancel"): at most six Han characters and three words.
func short(text string) bool {
	han := 0
	for _, r := range text {
		if r >= 0x4e00 && r <= 0x9fff {
			han++
		}
	}
	return han <= 6 && len(strings.Fields(text)) <= 3
}
