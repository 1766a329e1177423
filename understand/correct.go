package understand

import (
	"strings"
	"time"
	"unicode/utf8"
)

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
		if v == "" || slot == SlotFault {
			v = r.valueAfterMarker(rd.text, slot, now)
		}
		v = r.trimMarker(v)
		// a field named with no new value ("改一下地址"): ask it again
		cmds = append(cmds, Command{Kind: CorrectSlot, Slot: slot, Value: v})
	}
	if len(cmds) > 0 {
		return cmds
	}
	for _, slot := range answerOrder {
		if slot == SlotMode && facts[modeImplied] != "" {
			continue
		}
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
	p := marks()
	v := strings.Trim(text[at:], " :,.!"+p.colons+p.pauses+p.stops)
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

// trimMarker drops a value marker the extractors took in ("改成北京市…").
func (r *Rules) trimMarker(v string) string {
	cut := " :," + marks().colons + marks().pauses
	v = strings.Trim(v, cut)
	for _, m := range r.lx.ValueMarkers {
		if len(m) > 1 && strings.HasPrefix(strings.ToLower(v), strings.ToLower(m)) {
			return strings.Trim(v[len(m):], cut)
		}
	}
	return v
}
