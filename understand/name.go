package understand

import "unicode/utf8"

// How a Chinese name must stand to count, by what introduces it.
const (
	nmSurname = iota // after 我姓: the surname alone
	nmName           // after 我叫, 联系人: a name, any title
	nmSelf           // after 我是: a title, or a full name standing alone
	nmBare           // at a clause start or after 找: a gendered title (王先生)
	nmAnswer         // a whole answer: 1 to 4 characters and a title
)

// nameHit is a name read from a text: the name as recorded (a kept title
// such as 经理 included, a gendered one not), the gendered title if any,
// and where reading stopped.
type nameHit struct {
	start, end, sal, salStart, salEnd, stop int
	value                                   string // the surname a spelling stands for (木子李: 李)
}

// FindName returns the name (and the salutation, when a gendered title
// says it) given anywhere in text: 我姓王, 我叫张伟, 我是李女士, 王先生 at a
// clause start, 联系人刘经理, a surname spelled out (立早章: 章), Mr Chen,
// this is Sarah Lee, my name is John Smith, I'm Tom. A denied name (我不姓张)
// is passed over. It returns nothing, or the name and then the salutation.
// Products, brands, places and common words are never names (我是海尔的用户,
// I'm having trouble).
func (lx *Lexicon) FindName(text string) []Found {
	c := &lx.Words.sets
	for i := 0; i < len(text); i++ {
		if b := text[i]; b >= 0x80 && b < 0xC0 {
			continue
		}
		if m, e := c.nameMark.at(text, i); m != nil {
			if neg, _ := c.negators.before(text, backSpaces(text, i)); neg == nil { // 我不姓张
				if out := lx.nameAfter(text, m.role, e); out != nil {
					return out
				}
			}
		}
		if sp, e := c.spellings.at(text, i); sp != nil { // 是立早章: said only of one's own name
			return nameHit{start: i, end: e, stop: e, value: c.spelled[sp.val]}.found(text)
		}
		if t, e := c.honBefore.at(text, i); t != nil {
			if out := lx.titledName(text, i, t, e); out != nil {
				return out
			}
		}
		if i == 0 || text[i-1] == ' ' || clauseBreakAt(text, i-1) {
			if h, ok := lx.hanName(text, i, nmBare); ok {
				return h.found(text)
			}
		}
	}
	return nil
}

// nameAfter reads the name after a marker of the given role ending at e.
func (lx *Lexicon) nameAfter(s string, role, e int) []Found {
	j := skipSpaces(s, e)
	if j < len(s) && s[j] == ':' {
		j = skipSpaces(s, j+1)
	}
	if j >= len(s) {
		return nil
	}
	if s[j] >= utf8.RuneSelf {
		mode := nmName
		switch role {
		case nSurname:
			mode = nmSurname
		case nSelf:
			mode = nmSelf
		case nContact:
			mode = nmBare
		}
		if h, ok := lx.hanName(s, j, mode); ok {
			return h.found(s)
		}
		return nil
	}
	c := &lx.Words.sets
	if t, te := c.honBefore.at(s, j); t != nil {
		return lx.titledName(s, j, t, te)
	}
	a, b, ok := lx.latinName(s, j, role != nName)
	if !ok {
		return nil
	}
	out := []Found{{Slot: SlotName, Value: s[a:b], Start: a, End: b}}
	if t, te := c.honAfter.at(s, skipSpaces(s, b)); t != nil && t.role != sKeep { // Wang xiansheng
		out = append(out, Found{Slot: SlotSalutation, Value: salCodes[t.role], Start: te - len(t.w), End: te})
	}
	return out
}

// titledName reads a Latin name after a title before it (Mr Chen, Ms. Lee,
// Dr Smith: a title that says no gender stays in the name).
func (lx *Lexicon) titledName(s string, i int, t *setWord, e int) []Found {
	j := e
	if j < len(s) && s[j] == '.' {
		j++
	}
	if j == e && (j >= len(s) || s[j] != ' ') {
		return nil
	}
	a, b, ok := lx.latinName(s, skipSpaces(s, j), false)
	if !ok {
		return nil
	}
	if t.role == sKeep {
		return []Found{{Slot: SlotName, Value: s[i:b], Start: i, End: b}}
	}
	return []Found{{Slot: SlotName, Value: s[a:b], Start: a, End: b},
		{Slot: SlotSalutation, Value: salCodes[t.role], Start: i, End: j}}
}

// found turns a hit into the name and, if said, the salutation.
func (h nameHit) found(s string) []Found {
	v := h.value
	if v == "" {
		v = s[h.start:h.end]
	}
	out := []Found{{Slot: SlotName, Value: v, Start: h.start, End: h.end}}
	if h.sal != 0 {
		out = append(out, Found{Slot: SlotSalutation, Value: salCodes[h.sal], Start: h.salStart, End: h.salEnd})
	}
	return out
}
