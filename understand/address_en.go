package understand

// enAddress finds an English street address: a house number, the street's
// name and its suffix (12 Baker Street, 88 Century Ave), with the flat,
// room or building written before or after it and the places after it
// (Flat 3, 12 Baker St, London; Room 1203, Tower B, 88 Century Ave, Pudong).
// Some word of the street must be capitalised: "2 kids who walk" is none.
func (lx *Lexicon) enAddress(text string) (Found, bool) {
	c := &lx.Words.sets
	for from := 0; ; {
		t, p, q := c.street.find(text, from)
		if t == nil {
			return Found{}, false
		}
		from = q
		if t.role != aStreet {
			continue
		}
		a, ok := streetStart(text, p, true)
		if !ok {
			continue
		}
		if q < len(text) && text[q] == '.' {
			q++
		}
		b := lx.unitsAfter(text, q)
		if b < len(text) && text[b] == ' ' {
			if lx.addressGoesOn(text, b+1) {
				b = partEnd(text, b+1) // the place typed without a comma: 12 Park Road Shanghai
			} else if e := lx.placeWords(text, b+1); e > 0 {
				b = e // and a request after it: 12 Park Road Shanghai please come friday
			}
		}
		for b < len(text) && text[b] == ',' && lx.addressGoesOn(text, b+1) {
			b = partEnd(text, b+1)
		}
		for {
			j := backSpaces(text, a)
			if j == 0 || text[j-1] != ',' {
				break
			}
			ps := j - 1
			for ps > 0 && !clauseBreakAt(text, ps-1) {
				ps--
			}
			ps = skipSpaces(text, ps)
			if !lx.unitPart(text, ps, j-1) {
				break
			}
			a = ps
		}
		return Found{Slot: SlotAddress, Value: text[a:b], Start: a, End: b}, true
	}
}

// streetStart walks back from a street suffix at p over one to four name
// words to the house number (12, 12A, 12-14), and returns where it starts.
func streetStart(s string, p int, capital bool) (int, bool) {
	upper := s[p] >= 'A' && s[p] <= 'Z'
	j := p
	for words := 0; words <= 4; words++ {
		if j == 0 || s[j-1] != ' ' {
			return 0, false
		}
		k := j - 1
		for k > 0 && (edgeClass(s[k-1]) != 0 || s[k-1] == '-' || s[k-1] == '\'') {
			k--
		}
		switch {
		case k == j-1:
			return 0, false
		case isASCIIDigit(s[k]):
			return k, words > 0 && j-1-k <= 6 && (upper || !capital)
		case s[k] >= 'A' && s[k] <= 'Z':
			upper = true
		}
		j = k
	}
	return 0, false
}

// addressGoesOn says the comma-separated part at i carries an English
// address on: a flat or building, a street, one to three capitalised
// place words (Pudong, New York), or a postcode (NW1 6XE, 200120).
func (lx *Lexicon) addressGoesOn(s string, i int) bool {
	a := skipSpaces(s, i)
	b := partEnd(s, a)
	if a >= b || s[a] >= 0x80 {
		return false
	}
	if lx.unitPart(s, a, b) || lx.enShaped(s, a, b) {
		return true
	}
	words, code := 0, 0
	for k := a; k < b; {
		e := k
		for e < b && edgeClass(s[e]) != 0 {
			e++
		}
		w, digit := s[k:e], false
		for x := 0; x < len(w); x++ {
			digit = digit || isASCIIDigit(w[x])
		}
		if ph, _ := lx.Words.sets.addrAfter.at(s, k); w == "" || ph != nil || !digit && (w[0] < 'A' || w[0] > 'Z') {
			return false
		}
		if digit {
			code++
		}
		words++
		k = skipSpaces(s, e)
	}
	return words <= 3 && (code == 0 || words <= 2)
}

// placeWords returns the end of one to three capitalised place words at i
// (Shanghai, Pudong Shanghai) that the rest of their clause goes on from
// without a comma: up to a lowercase word or one that ends an address
// (please, tomorrow, Ms); 0 when there is none, or more than three.
func (lx *Lexicon) placeWords(s string, i int) int {
	end := 0
	for k, words := skipSpaces(s, i), 0; k < len(s) && !clauseBreakAt(s, k); k = skipSpaces(s, k) {
		e := k
		for e < len(s) && edgeClass(s[e]) != 0 && s[e] < 0x80 && !isASCIIDigit(s[e]) {
			e++
		}
		if ph, _ := lx.Words.sets.addrAfter.at(s, k); e == k || ph != nil || s[k] < 'A' || s[k] > 'Z' ||
			e < len(s) && s[e] != ' ' && !clauseBreakAt(s, e) {
			return end
		}
		if words++; words > 3 {
			return 0
		}
		end, k = e, e
	}
	return end
}

// partEnd returns the end of the comma-separated part starting at i.
func partEnd(s string, i int) int {
	for i < len(s) && !clauseBreakAt(s, i) {
		i++
	}
	for i > 0 && s[i-1] == ' ' {
		i--
	}
	return i
}

// enShaped says s[a:b] holds an English street with its number, in any
// case, or a flat or building with its number.
func (lx *Lexicon) enShaped(s string, a, b int) bool {
	c := &lx.Words.sets
	for from := a; ; {
		t, p, q := c.street.findIn(s, from, b)
		if t == nil {
			return false
		}
		from = q
		if t.role != aStreet {
			if _, ok := lx.unitAt(s, p); ok {
				return true
			}
			continue
		}
		if st, ok := streetStart(s, p, false); ok && st >= a {
			return true
		}
	}
}
