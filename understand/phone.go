package understand

// FindPhone returns the first phone number in text, in every way people
// write one: 13800138000, 138 0013 8000, 138-0013-8000, +86 138…, 0086…,
// (+44) 7700 900123, +1 415-555-0100, and landlines with an area code
// (010-12345678, 0755-1234567). A mainland mobile is returned as its 11
// digits, a landline as area-number, any other as +digits. A number as a
// country writes it at home (07700 900123, 9123 4567, 98765 43210) counts
// after a phone marker (电话, mobile, number is); a British mobile (07…)
// and eight digits written as two fours (Singapore, Hong Kong) count
// anywhere, as its digits. Numbers inside codes (SN13800138000, FD-1042),
// after a marker of another number (序列号, 订单号, order) and dates are not
// phones.
func (lx *Lexicon) FindPhone(text string) (Found, bool) { return lx.findPhone(text, false) }

// FindPhoneAnswer is FindPhone for the answer to "what is your phone
// number?": any number in it is read as introduced by a phone marker.
func (lx *Lexicon) FindPhoneAnswer(text string) (Found, bool) { return lx.findPhone(text, true) }

func (lx *Lexicon) findPhone(text string, asked bool) (Found, bool) {
	for i := 0; i < len(text); {
		a, b := phoneRun(text, i, len(text))
		if a < 0 {
			break
		}
		if f, ok := lx.phoneIn(text, a, b, asked); ok {
			return f, true
		}
		i = max(b, a+1)
	}
	return Found{}, false
}

// phoneRun returns the next run of phone characters starting in s[i:to]:
// digits with the spaces, dashes, brackets and leading + that group them.
func phoneRun(s string, i, to int) (a, b int) {
	for ; i < to; i++ {
		if c := s[i]; isASCIIDigit(c) || (c == '+' || c == '(') && i+1 < len(s) && (isASCIIDigit(s[i+1]) || s[i+1] == '+') {
			break
		}
	}
	if i >= to {
		return -1, -1
	}
	a, b = i, i
	for j := i; j < len(s); j++ {
		c := s[j]
		switch {
		case isASCIIDigit(c) || c == ')':
			b = j + 1
		case c == '-' || c == '(' || c == ' ' || c == '+' && (j == a || j == a+1 && s[a] == '('):
		default:
			return a, b
		}
	}
	return a, b
}

// phoneIn looks for a phone in the run s[a:b], trying its space-separated
// groups from the longest join down (a run may hold a serial before the
// phone, or a year after it).
func (lx *Lexicon) phoneIn(s string, a, b int, asked bool) (Found, bool) {
	var starts, ends [8]int
	n := 0
	for i := a; i < b && n < len(starts); {
		for i < b && s[i] == ' ' {
			i++
		}
		starts[n] = i
		for i < b && s[i] != ' ' {
			i++
		}
		ends[n] = i
		n++
	}
	for x := 0; x < n; x++ {
		for y := n - 1; y >= x; y-- {
			p, q := starts[x], ends[y]
			v, ok := phoneValue(s[p:q], false)
			if !ok {
				// a landline run together, a number as written at home:
				// after a phone marker (电话, tel) or as the phone answer
				v, ok = phoneValue(s[p:q], asked || lx.Words.marked(s, p))
			}
			if ok && lx.phoneContext(s, p, q) {
				return Found{Slot: SlotPhone, Value: v, Start: p, End: q}, true
			}
		}
	}
	return Found{}, false
}

// phoneContext refuses a number glued to a code (SN138…, FD-1042, 138…abc)
// or introduced as another kind of number (序列号是…, order no. …).
func (lx *Lexicon) phoneContext(s string, p, q int) bool {
	if p > 0 && edgeClass(s[p-1]) != 0 || q < len(s) && edgeClass(s[q]) == 'a' {
		return false
	}
	if p > 1 && (s[p-1] == '-' || s[p-1] == '_' || s[p-1] == '/' || s[p-1] == '#') && edgeClass(s[p-2]) != 0 {
		return false
	}
	return lx.Words.numberMarker(s, p) != mOther
}

// What introduces a number: a phone marker (电话, tel), a marker of
// another number (序列号, order), or nothing.
const (
	mNone = iota
	mPhone
	mOther
)

// numberMarker walks back from a number at p over spaces, colons and glue
// words (是, is, no.) and says which marker introduces it.
func (w *SlotWords) numberMarker(s string, p int) int {
	c := &w.sets
	j := backSpaces(s, p)
	for k := 0; k < 4 && j > 0; k++ {
		if ph, _ := c.phoneMark.before(s, j); ph != nil {
			return mPhone
		}
		if ph, _ := c.otherNum.before(s, j); ph != nil {
			return mOther
		}
		if s[j-1] == ':' || s[j-1] == '#' {
			j = backSpaces(s, j-1)
			continue
		}
		ph, st := c.glue.before(s, j)
		if ph == nil {
			break
		}
		j = backSpaces(s, st)
	}
	return mNone
}
