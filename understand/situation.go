package understand

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
		// A question about the job under way (清分机是不是还在等配件?),
		// not a new fault, when the whole message reads as one.
		if k, p := r.classify(rd, c); k == "status" && p >= 0.9 {
			return FlowStatus
		}
	}
	if got == FlowReport && len(rd.faults) == 0 && (c.QuotePending || c.OpenJob) {
		// Nothing described as wrong, and a job under way: "just fix it"
		// answers the quote, 安排好了没有? asks after the job.
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
	got := r.cueReading(c, rd, facts)
	if got == FlowReport || got == FlowConsult || got == "" {
		// A story of how the desk let the customer down ("your technician
		// scratched our floor", 师傅走的时候把鞋柜撞坏了) tells of damage
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

// classify is the classifier's reading of the whole message in context c,
// worked out once per message (every rule that consults it asks the same).
func (r *Rules) classify(rd *reading, c Context) (string, float64) {
	if !rd.classified {
		rd.class, rd.classP = r.cls.classify(rd.low, contextBias(c))
		rd.classified = true
	}
	return rd.class, rd.classP
}
