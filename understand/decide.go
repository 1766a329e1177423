package understand

import (
	"strings"
	"time"
	"unicode/utf8"
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

func yesNoCommand(yes bool) Command {
	if yes {
		return Command{Kind: Affirm}
	}
	return Command{Kind: Deny}
}

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

// best picks the reading of a message that opens something. A fault
// described is a report, even asked as a question ("空调不制冷怎么回事");
// a complaint outweighs the fault it tells of only when it weighs as much;
// cancelling and declining, which lose what the customer did, need a clear
// lead, else the desk asks which was meant.
func (r *Rules) best(c Context, rd *reading, facts map[string]string) string {
	if !c.QuotePending {
		// with no quote to decide, "sure" or "think about it" decides nothing
		for _, k := range []string{"accept", "decline"} {
			if !rd.strong[k] {
				delete(rd.score, k)
			}
		}
	}
	got := r.bestReading(c, rd, facts)
	defer func() {
		// The whole message read another way, and surely: a second opinion
		// is worth having (Result.Unsure).
		if k, p := r.classify(rd, c); p >= disagreeFloor && classIntents[k] != got && !short(rd.text) {
			rd.guess = true
		}
	}()
	if got == FlowReport && c.OpenJob && !rd.strong["repeat"] && r.question(rd.text) {
		// A question about the job under way ("清分机是不是还在等配件?"),
		// not a new fault, when the whole message reads as one.
		if k, p := r.classify(rd, c); k == "status" && p >= 0.9 {
			return FlowStatus
		}
	}
	if got == FlowReport && len(rd.faults) == 0 && (c.QuotePending || c.OpenJob) {
		// Nothing described as wrong, and a job under way: "just fix it"
		// answers the quote, "安排好了没有?" asks after the job.
		if k, p := r.classify(rd, c); p >= classifierFloor {
			switch in := classIntents[k]; in {
			case "accept", "decline", FlowQuote, FlowStatus:
				return in
			}
		}
	}
	return got
}

// contextBias leans the classifier toward what the customer's situation
// makes likely: a quote's answer when one is pending, and away from it when
// none is; a question after the job when one is under way.
func contextBias(c Context) map[string]float64 {
	q := -1.5
	if c.QuotePending {
		q = 1.5
	}
	b := map[string]float64{"quote_accept": q, "quote_decline": q, "quote_ask": q}
	if c.OpenJob {
		b["status"] = 1.1
	}
	return b
}

func (r *Rules) bestReading(c Context, rd *reading, facts map[string]string) string {
	bias := contextBias(c)
	got := r.cueReading(c, rd, facts, bias)
	if got == FlowReport || got == FlowConsult || got == "" {
		// A story of how the desk let the customer down ("your technician
		// scratched our floor", "师傅走的时候把鞋柜撞坏了") tells of damage
		// and names a product, yet is a complaint: the classifier, reading
		// the whole story, overrules the cues only when it is sure.
		// A fault come back after a repair ("your engineer fixed it on the
		// 20th and it's back") stays a repeat repair.
		if k, p := r.classify(rd, c); k == "complaint" && p >= storyFloor && !rd.strong["repeat"] && (!rd.strong["report"] || r.aboutService(rd)) {
			return FlowComplaint
		}
	}
	return got
}

// disagreeFloor is the classifier's certainty from which its reading,
// when it differs from the cues', makes the rules unsure.
const disagreeFloor = 0.8

// sureFloor is the classifier's certainty below which its reading is a
// guess (Result.Unsure).
const sureFloor = 0.9

// storyFloor is the classifier's certainty needed to read a complaint
// where the cues read a report or a question.
const storyFloor = 0.98

// aboutService says the message speaks of the desk's own people or visit
// (你们的人, your technician, 在家等): the complaint's weak cues.
func (r *Rules) aboutService(rd *reading) bool {
	for _, h := range rd.hits {
		for _, t := range h.tags {
			if t.kind == tagIntent && t.name == FlowComplaint && !t.strong {
				return true
			}
		}
	}
	return false
}

// cueReading is the reading the cues make, the classifier deciding where
// no cue does.
func (r *Rules) cueReading(c Context, rd *reading, facts map[string]string, bias map[string]float64) string {
	onlyRepeat := len(rd.faults) == 0 && len(rd.products) == 0 && len(rd.ranked()) == 0
	if (!r.decisive(rd) || onlyRepeat) && !short(rd.text) {
		// No cue decides: the classifier reads the message as a whole (a
		// few words, "不知道", are too little to read).
		if k, p := r.classify(rd, c); p >= classifierFloor {
			rd.guess = p < sureFloor
			if k == "consult" && len(rd.products) > 0 && !r.question(rd.text) {
				return FlowReport // "惠普打印机打印有黑道，送修": a product and what is wrong, not a question
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
		return "human" // but "你们主管是谁?让他给我打电话" asks for the manager
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
		first = top[1] // "你好，我想查一下进度"; but "在吗?" only greets
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
	head := clauseSep.Split(low, 2)[0]
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

// classify is the classifier's reading of the whole message in context c,
// worked out once per message (every rule that consults it asks the same).
func (r *Rules) classify(rd *reading, c Context) (string, float64) {
	if !rd.classified {
		rd.class, rd.classP = r.cls.classify(rd.low, contextBias(c))
		rd.classified = true
	}
	return rd.class, rd.classP
}
