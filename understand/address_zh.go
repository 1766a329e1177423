package understand

import (
	"strings"
)

// zhAddress finds the first clause holding a Chinese address and trims it
// to the address: after the last word that leads into it (在, 住, 到) and
// before the first that follows it (电话, 明天, 的). Typed without
// punctuation, with spaces between the facts ("…周日全天在家
// 浦东新区张杨路1588弄8号1203 188…"), the address is the first run of
// space-separated words that has its shape.
func (lx *Lexicon) zhAddress(text string) (Found, bool) {
	c := &lx.Words.sets
	for cs := 0; cs < len(text); {
		ce := cs
		for ce < len(text) && !clauseBreakAt(text, ce) {
			ce++
		}
		if sh := lx.Words.zhShape(text, cs, ce); sh.ok() {
			a := cs
			for from := cs; ; {
				_, _, e := c.addrBefore.findIn(text, from, sh.first)
				if e < 0 {
					break
				}
				a, from = e, e
			}
			runOn := hasHan(text[cs:ce])
			if runOn {
				a = lx.Words.hanSegmentStart(text, a, ce)
			}
			if f, ok := lx.addressFound(text, a, lx.addressEnd(text, a), false); ok {
				return f, true
			}
			for i := a; runOn && i < ce; i++ {
				if text[i] != ' ' || i+1 >= ce || text[i+1] == ' ' {
					continue
				}
				if j := lx.Words.hanSegmentStart(text, i+1, ce); j == i+1 {
					if f, ok := lx.addressFound(text, j, lx.addressEnd(text, j), false); ok {
						return f, true
					}
				}
			}
		}
		cs = ce + 1
	}
	return Found{}, false
}

// addrShape counts the parts of a Chinese address in a span: roads with a
// number after (建国路88号), areas (朝阳区), units after a number (3单元),
// estates (小区, SOHO) and runs of digits; first is where the first stands.
type addrShape struct{ road, admin, unit, estate, digits, first int }

// ok says the parts make an address: a road with its number, two areas,
// or an area or an estate with a number or unit.
func (sh addrShape) ok() bool {
	return sh.road > 0 || sh.admin > 1 || sh.admin > 0 && (sh.unit > 0 || sh.digits > 0 || sh.estate > 0) ||
		sh.estate > 0 && sh.unit > 0
}

// zhShape counts the address parts in s[a:b]; an area counts after a
// name (朝阳区, not 区), a road only with a number after it (建国路88号).
func (w *SlotWords) zhShape(s string, a, b int) addrShape {
	sh := addrShape{first: b}
	mark := func(i int) {
		if i < sh.first {
			sh.first = i
		}
	}
	for i := a; i < b; {
		ch := s[i]
		if isASCIIDigit(ch) {
			sh.digits++
			mark(i)
			for i < b && isASCIIDigit(s[i]) {
				i++
			}
			continue
		}
		t, e := w.sets.addr.at(s, i)
		if t == nil || e > b {
			i++
			continue
		}
		afterName := i > a && (s[i-1] >= 0x80 || edgeClass(s[i-1]) != 0)
		switch {
		case t.role == aRoad && afterName && skipSpaces(s, e) < b && isASCIIDigit(s[skipSpaces(s, e)]):
			sh.road++
			mark(i)
		case t.role == aAdmin && i > a && s[i-1] >= 0x80:
			sh.admin++
			mark(i)
		case t.role == aUnit && i > a && edgeClass(s[i-1]) != 0:
			sh.unit++
		case t.role == aEstate && afterName:
			sh.estate++
			mark(i)
		}
		i = e
	}
	return sh
}

// hanSegmentEnd returns where an address starting at a and running to at
// most b ends when it is typed among other facts with spaces between
// ("…3366号 明天下午来", "…2栋 吴女士"): at the first space followed by
// Chinese words that hold no digit and no part of an address. A space
// inside an address (望京SOHO T1 1203, 88号 3单元502) does not end it.
func (w *SlotWords) hanSegmentEnd(s string, a, b int) int {
	for i := a; i < b; i++ {
		if s[i] != ' ' || i == a {
			continue
		}
		j := skipSpaces(s, i)
		k := j
		for k < b && s[k] != ' ' {
			k++
		}
		if w.plainWords(s, j, k) {
			return i
		}
		i = k - 1
	}
	return b
}

// hanSegmentStart skips the space-separated words at the start of s[a:b]
// that are Chinese with no digit and no part of an address ("周六早上
// 鼓楼区…") or another kind of number (型号CXW-258), when more follows.
func (w *SlotWords) hanSegmentStart(s string, a, b int) int {
	for {
		a = skipSpaces(s, a)
		k := a
		for k < b && s[k] != ' ' {
			k++
		}
		if k >= b || !w.plainWords(s, a, k) && !w.otherNumber(s, a, k) {
			return a
		}
		a = skipSpaces(s, k)
	}
}

// plainWords says s[j:k] is Chinese words with no digit and no part of an
// address.
func (w *SlotWords) plainWords(s string, j, k int) bool {
	seg := s[j:k]
	if !hasHan(seg) || strings.IndexFunc(seg, func(r rune) bool { return r >= '0' && r <= '9' }) >= 0 {
		return false
	}
	sh := w.zhShape(s, j, k)
	return sh.admin+sh.road+sh.unit+sh.estate == 0 && !w.startsAddressPart(s, j, k)
}

// otherNumber says s[j:k] is a number of another kind with its marker
// (型号CXW-258, 序列号…), which no address begins with.
func (w *SlotWords) otherNumber(s string, j, k int) bool {
	m, e := w.sets.otherNum.at(s, j)
	return m != nil && e <= k
}

// startsAddressPart says s[j:k] opens with an address word (小区, 号楼).
func (w *SlotWords) startsAddressPart(s string, j, k int) bool {
	t, e := w.sets.addr.at(s, j)
	return t != nil && e <= k
}
