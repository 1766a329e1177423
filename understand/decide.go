package understand

import (
	"time"
)

// Understand reads one message in its context and returns the commands it
// yields, with every fact it states. now resolves relative dates (去年5月).
func (r *Rules) Understand(c Context, raw string, now time.Time) Result {
	now = clock(now)
	text := Normalize(raw)
	res := Result{Text: text}
	res.Locale, res.Clear = r.DetectLocale(text)
	if text == "" {
		return res
	}
	rd := r.read(text)
	facts := r.facts(rd, now)
	if c.Flow == FlowReport && c.Asked != "" {
		res.Commands = r.answer(c, rd, facts, now)
		res.Unsure = len(res.Commands) == 0
		return res
	}
	if c.Asked == "yesno" {
		if yes, ok := r.yesNo(rd); ok {
			res.Commands = []Command{yesNoCommand(yes)}
			return res
		}
	} else if code, ok := r.choiceWhole("yesno", bare(rd.low)); ok {
		// a bare yes or no with nothing pending: the flow decides what it answers
		res.Commands = []Command{yesNoCommand(code == "yes")}
		return res
	}
	res.Commands = r.request(c, rd, facts)
	res.Unsure = len(res.Commands) == 0 || res.Has(Clarify) || rd.guess ||
		res.Flow() == FlowReport && facts[SlotFault] == "" && letters(text) >= longMessage
	return res
}

// longMessage is the length (Han characters and Latin letters) from which
// a report whose fault no extractor placed is worth a second reading.
const longMessage = 30

// request reads a message that opens something (no question pending): the
// strongest reading wins, with the facts it carries.
func (r *Rules) request(c Context, rd *reading, facts map[string]string) []Command {
	best := r.best(c, rd, facts)
	var cmds []Command
	switch best {
	case "":
		return nil
	case "cancel":
		return []Command{{Kind: Cancel}}
	case "human":
		return []Command{{Kind: HandOver}}
	case "off_topic":
		return []Command{{Kind: OffTopic}}
	case "clarify":
		top := rd.ranked()
		return []Command{{Kind: Clarify, Options: top[:2]}}
	case "accept", "decline":
		cmds = append(cmds, Command{Kind: StartFlow, Flow: FlowQuote}, Command{Kind: SetSlot, Slot: SlotDecision, Value: best})
	default:
		cmds = append(cmds, Command{Kind: StartFlow, Flow: best})
	}
	if topic := bestTopic(rd); topic != "" && (best == FlowConsult || ((best == FlowReport || best == FlowQuote) && r.question(rd.text))) {
		cmds = append(cmds, Command{Kind: Knowledge, Topic: topic})
	}
	for _, slot := range FlowSlots[cmds[0].Flow] {
		if v := facts[slot]; v != "" {
			cmds = append(cmds, Command{Kind: SetSlot, Slot: slot, Value: v})
		}
	}
	return cmds
}

// FlowSlots are the slots each flow collects: a message that starts the
// flow sets those it states, and only those (for the rules and a model
// alike).
var FlowSlots = map[string][]string{
	FlowReport:    {SlotName, SlotSalutation, SlotPhone, SlotAddress, SlotProduct, SlotBrand, SlotModel, SlotSerial, SlotPurchase, SlotProof, SlotWarranty, SlotMode, SlotTime, SlotFault, SlotRepeat, SlotTicket, SlotTrade},
	FlowStatus:    {SlotTicket, SlotPhone},
	FlowQuote:     {SlotTicket, SlotDecision},
	FlowComplaint: {SlotTicket, SlotPhone, SlotName, SlotSalutation},
	FlowConsult:   {SlotTicket, SlotProduct},
}

// cueReading is the reading the cues make, the classifier deciding where
// no cue does.
func (r *Rules) cueReading(c Context, rd *reading, facts map[string]string) string {
	onlyRepeat := len(rd.faults) == 0 && len(rd.products) == 0 && len(rd.ranked()) == 0
	if (!r.decisive(rd) || onlyRepeat) && !short(rd.text) {
		// No cue decides: the classifier reads the message as a whole (a
		// few words, "不知道", are too little to read).
		if k, p := r.classify(rd, c); p >= classifierFloor {
			rd.guess = p < sureFloor
			if k == "consult" && len(rd.products) > 0 && !r.question(rd.text) {
				// 惠普打印机打印有黑道，送修: a product and what is wrong, not a question
				return FlowReport
			}
			return classIntents[k]
		}
	} else if strong := r.strongReadings(rd); len(strong) > 1 {
		// Strong cues of two readings ("投诉…不修了"): the classifier,
		// reading the whole message, picks among them.
		if k, p := r.classify(rd, c); p >= classifierFloor && strong[classIntents[k]] {
			return classIntents[k]
		}
	}
	top := rd.ranked()
	if len(top) == 0 {
		switch {
		case facts[SlotTicket] != "":
			return FlowStatus
		case facts[SlotProduct] != "" || facts[SlotModel] != "":
			return FlowReport
		case len(rd.topics) > 0 || r.question(rd.text):
			return FlowConsult
		}
		return ""
	}
	s := rd.score
	first := top[0]
	if !rd.strong[first] {
		// one strong cue outweighs any number of weak ones ("why", "?",
		// "can you" do not make "break down the quote" a consultation)
		for _, k := range top[1:] {
			if rd.strong[k] && k != FlowGreeting && k != "repeat" {
				first = k
				break
			}
		}
	}
	if s["abuse"] >= strongWeight {
		return FlowAbuse
	}
	if rd.strong["human"] && s["human"] >= s[first] && !(rd.strong[FlowManager] && s[FlowManager] >= s["human"]) {
		// but 你们主管是谁?让他给我打电话 asks for the manager
		return "human"
	}
	if first == "human" && rd.strong[FlowManager] && s[FlowManager] >= s["human"] {
		first = FlowManager
	}
	if len(rd.faults) > 0 || rd.strong["report"] {
		// A fault described outweighs a request of equal weight; a report
		// cue alone ("go ahead with the repair") does not.
		beats := func(k string) bool {
			if !rd.strong[k] {
				return false
			}
			if len(rd.faults) > 0 {
				return s[k] > s["report"]
			}
			return s[k] >= s["report"]
		}
		switch {
		case rd.strong["complaint"] && s["complaint"] >= s["report"]:
			return FlowComplaint
		case len(rd.faults) == 0 && beats("status"):
			return FlowStatus
		case beats("cancel"):
			return "cancel"
		case beats("decline"):
			return "decline"
		case beats("accept"):
			return "accept"
		}
		return FlowReport
	}
	if first == "greeting" && len(top) > 1 && (rd.strong[top[1]] || !short(rd.text)) {
		first = top[1] // 你好，我想查一下进度; but 在吗? only greets
	}
	if len(top) > 1 && s[top[1]] == s[first] && rd.strong[first] && rd.strong[top[1]] {
		pair := first + "/" + top[1]
		switch pair {
		case "accept/decline", "decline/accept", "cancel/status", "status/cancel":
			return "clarify"
		}
	}
	if (first == FlowConsult || first == FlowQuote) && len(rd.topics) > 0 && !rd.strong["quote"] {
		return FlowConsult
	}
	if first == "repeat" {
		return FlowReport
	}
	return first
}

// strongReadings are the readings with a strong cue (a fault counts for
// the report), greetings aside.
func (r *Rules) strongReadings(rd *reading) map[string]bool {
	out := map[string]bool{}
	for k, strong := range rd.strong {
		if strong && k != FlowGreeting && k != "repeat" {
			out[k] = true
		}
	}
	if len(rd.faults) > 0 {
		out[FlowReport] = true
	}
	return out
}

// classifierFloor is the posterior below which the classifier's reading is
// not taken, and the rules' weaker readings (or "not understood") stand.
const classifierFloor = 0.5

// decisive says a cue decides the message: a fault described, or a strong
// cue other than a greeting ("你好" opens many messages that say more).
func (r *Rules) decisive(rd *reading) bool {
	if len(rd.faults) > 0 {
		return true
	}
	for k, strong := range rd.strong {
		if strong && k != FlowGreeting {
			return true
		}
	}
	return len(rd.topics) > 0 || (rd.strong[FlowGreeting] && short(rd.text))
}

func bestTopic(rd *reading) string {
	best, n := "", 0
	for t, c := range rd.topics {
		if c > n || (c == n && t < best) {
			best, n = t, c
		}
	}
	return best
}
