package understand

import (
	"strings"
	"time"
	"unicode/utf8"
)

// answerOrder is the order an answer's slots are set in: a name before its
// title.
var answerOrder = []string{"confirm", SlotName, SlotSalutation, SlotPhone, SlotMode, SlotAddress, SlotProduct, SlotBrand, SlotModel,
	SlotSerial, SlotPurchase, SlotProof, SlotWarranty, SlotFault, SlotTime}

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
		name, sal, ok := lx.ParseName(text)
		if !ok && facts[SlotName] != "" {
			// 我叫王芳，电话138…
			name, sal, ok = facts[SlotName], facts[SlotSalutation], true
		}
		if !ok {
			// "王芳 13800001111", "Lisa Wong, Ms, 138…": the first part, without numbers, is the name
			var words []string
			for _, w := range strings.Fields(text) {
				if !strings.ContainsAny(w, "0123456789") {
					words = append(words, w)
				}
			}
			if part := strings.TrimSpace(marks().clauseSep.Split(strings.Join(words, " "), 2)[0]); part != "" {
				name, sal, ok = lx.ParseName(part)
			}
		}
		if ok {
			out[SlotName] = name
			if sal == "" {
				sal, _ = r.titleIn(low)
			}
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
		if f, ok := lx.FindPhoneAnswer(text); ok {
			out[SlotPhone] = f.Value
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
