package understand

// FindTicket returns the ticket number in text, however it is typed back
// (FD-1042, fd1042, FD 1042, fd_1042, FD#1042), as FD-1042: FD and 4 to 9
// digits, standing as a word of its own. It needs no lexicon; the method
// Lexicon.FindTicket also reads a number after a ticket word (工单号1042).
func FindTicket(text string) (Found, bool) {
	for i := 0; i+2 < len(text); i++ {
		if foldByte(text[i]) != 'f' || foldByte(text[i+1]) != 'd' || i > 0 && (edgeClass(text[i-1]) != 0 || text[i-1] == '_') {
			continue
		}
		j := i + 2
		if j < len(text) && (text[j] == ' ' || text[j] == '-' || text[j] == '_' || text[j] == '#' || text[j] == ':') {
			j++
		}
		if f, ok := ticketDigits(text, i, j); ok {
			return f, true
		}
	}
	return Found{}, false
}

// FindTicket returns the ticket number in text: FD-1042 in any of its
// forms (see the function FindTicket), or 4 to 9 digits after a ticket
// word (工单号1042, 单号是 20001, ticket #1042), as FD-digits. A word of
// another number that ends like a ticket word (订单号, 快递单号) does not
// count.
func (lx *Lexicon) FindTicket(text string) (Found, bool) {
	if f, ok := FindTicket(text); ok {
		return f, true
	}
	c := &lx.Words.sets
	for from := 0; ; {
		ph, a, e := c.ticketMark.find(text, from)
		if ph == nil {
			return Found{}, false
		}
		from = e
		if o, st := c.otherNum.before(text, e); o != nil && st < a {
			continue
		}
		j := skipSpaces(text, e)
		for k := 0; k < 3; k++ {
			if j < len(text) && (text[j] == ':' || text[j] == '#') {
				j = skipSpaces(text, j+1)
			} else if g, ge := c.glue.at(text, j); g != nil {
				j = skipSpaces(text, ge)
			}
		}
		if f, ok := ticketDigits(text, a, j); ok {
			return f, true
		}
	}
}

// ticketDigits reads 4 to 9 digits at j that end as a word; the ticket
// found spans from start.
func ticketDigits(text string, start, j int) (Found, bool) {
	_, e := digitsAt(text, j, 10)
	if e-j < 4 || e-j > 9 || e < len(text) && (edgeClass(text[e]) != 0 || text[e] == '_') {
		return Found{}, false
	}
	return Found{Slot: SlotTicket, Value: "FD-" + text[j:e], Start: start, End: e}, true
}
