package understand

// zhAddress finds the first clause holding a Chinese address and trims it
// to the address: after the last word that leads into it (在, 住, 到) and
// before the first that follows it (电话, 明天, 的).
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
			if f, ok := lx.addressFound(text, a, lx.addressEnd(text, a), false); ok {
				return f, true
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
