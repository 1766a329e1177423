package understand

// unitsAfter extends an address over flat, room and building numbers
// that follow it (Apt 2, #5, Tower B).
func (lx *Lexicon) unitsAfter(s string, b int) int {
	for {
		k := skipSpaces(s, b)
		if k < len(s) && s[k] == ',' {
			k = skipSpaces(s, k+1)
		}
		e, ok := lx.unitAt(s, k)
		if !ok {
			return b
		}
		b = e
	}
}

// unitAt reads a flat or building and its number at k (Flat 3, Tower B).
func (lx *Lexicon) unitAt(s string, k int) (int, bool) {
	t, e := lx.Words.sets.street.at(s, k)
	if t == nil || t.role == aStreet {
		return k, false
	}
	if e < len(s) && s[e] == '.' {
		e++
	}
	j := skipSpaces(s, e)
	n := j
	for n < len(s) && n-j < 6 && (edgeClass(s[n]) != 0 || s[n] == '-') {
		n++
	}
	if n == j || n-j > 5 || n < len(s) && edgeClass(s[n]) != 0 {
		return k, false
	}
	return n, true
}

// unitPart says s[a:b] is a flat or building and nothing else.
func (lx *Lexicon) unitPart(s string, a, b int) bool {
	e, ok := lx.unitAt(s, a)
	return ok && skipSpaces(s, e) >= b
}
