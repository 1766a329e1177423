package understand

import (
	"strings"
	"time"
	"unicode/utf8"
)

// answer reads a message sent while a report asks for one slot. A
// correction ("电话写错了，是139…") updates what it names; a question about
// the desk is answered; the answer to the question comes next; a request
// that is plainly not an answer (cancel, a person, a status) interrupts;
// any other fact stated in passing is taken too.
func (r *Rules) answer(c Context, rd *reading, facts map[string]string, now time.Time) []Command {
	asked := c.Asked
	if r.correction(rd) || (asked == "confirm" && !r.yesNoClear(rd)) {
		// at the read-back a new fact ("型号是M1136", "周三下午来吧") is a correction too
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
	// A skip phrase beside the answer itself is about something else
	// (前年买的，发票找不到了: the date is given, the invoice is not).
	if r.skipped(asked, rd) && facts[asked] == "" {
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
	if !ok && len(cmds) == 0 && r.question(rd.text) && letters(rd.text) >= 2 {
		return []Command{{Kind: StartFlow, Flow: FlowConsult}}
	}
	return cmds
}

// skipped says the answer is "I don't know / can't find it" (or a refusal
// to give a required detail, which the dialog answers with help): the
// whole answer a skip word, or a longer skip phrase within it.
func (r *Rules) skipped(asked string, rd *reading) bool {
	bare := bare(rd.low)
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
	case rd.strong["complaint"] && len(rd.faults) == 0:
		return Command{Kind: StartFlow, Flow: FlowComplaint}, true
	case facts[SlotTicket] != "" && len(rd.faults) == 0:
		return Command{Kind: StartFlow, Flow: FlowStatus}, true
	}
	return Command{}, false
}

// correction says the message corrects an earlier answer.
func (r *Rules) correction(rd *reading) bool {
	_, ok := r.choiceIn("correction", rd.low, 2)
	return ok
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

// letters counts the Han characters and Latin letters of text.
func letters(text string) int {
	n := 0
	for _, ch := range text {
		if ch >= 'a' && ch <= 'z' || ch >= 'A' && ch <= 'Z' || ch >= 0x4e00 && ch <= 0x9fff {
			n++
		}
	}
	return n
}

// bare is an answer without the spaces and punctuation around it ("好的。",
// "yes!").
func bare(s string) string {
	return strings.Trim(s, " .!~,"+marks().stops+marks().pauses)
}
