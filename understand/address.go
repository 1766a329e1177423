package understand

import (
	"strings"
	"unicode/utf8"
)

// FindAddress returns the address given in text: what follows an address
// marker (地址:, 住址, address:) to the end of its clause, or a run with the
// shape of a Chinese address (北京市朝阳区建国路88号3单元502, 上海浦东张江路
// 100弄5号, 朝阳区望京SOHO T1 1203) or of an English one (Flat 3, 12 Baker
// St, London). The marker is left out, and so are a phone number and the
// rest of the sentence after the address.
func (lx *Lexicon) FindAddress(text string) (Found, bool) {
	if f, ok := lx.markedAddress(text); ok {
		return f, true
	}
	zh, zok := lx.zhAddress(text)
	en, eok := lx.enAddress(text)
	if eok && (!zok || en.Start < zh.Start) {
		return en, true
	}
	return zh, zok
}

// markedAddress reads the address after an address marker, trying the
// first few markers of the text.
func (lx *Lexicon) markedAddress(text string) (Found, bool) {
	c := &lx.Words.sets
	for from, tries := 0, 0; tries < 4; tries++ { // a message names its address once or twice
		m, _, e := c.addrMark.find(text, from)
		if m == nil {
			break
		}
		from = e
		a := skipSpaces(text, e)
		if a < len(text) && text[a] == ':' {
			a = skipSpaces(text, a+1)
		}
		if g, ge := c.addrBefore.at(text, a); g != nil && ge-a <= 3 { // 地址是, 地址在
			a = skipSpaces(text, ge)
		}
		b := lx.addressEnd(text, a)
		if f, ok := lx.addressFound(text, a, b, true); ok {
			return f, true
		}
	}
	return Found{}, false
}

// maxAddress caps an address in bytes (some 60 Chinese characters): no
// address is longer, and it bounds the work on a text full of markers.
const maxAddress = 180

// addressEnd returns where the address starting at a ends: at a clause
// break (in English, one not followed by more of the address), a phone
// number, or a word that follows addresses.
func (lx *Lexicon) addressEnd(s string, a int) int {
	c := &lx.Words.sets
	limit := min(len(s), a+maxAddress)
	for limit < len(s) && !utf8.RuneStart(s[limit]) { // not inside a character
		limit--
	}
	b := a
	for b < limit {
		if clauseBreakAt(s, b) {
			if s[b] != ',' || !lx.addressGoesOn(s, b+1) {
				break
			}
		}
		b++
	}
	if _, st, _ := c.addrAfter.findIn(s, a+1, b); st >= 0 {
		b = st
	}
	if p := lx.phoneStart(s, a, b); p >= 0 {
		b = p
	}
	if hasHan(s[a:b]) {
		b = lx.Words.hanSegmentEnd(s, a, b)
	}
	return b
}

// phoneStart returns where the first phone number in s[a:b] starts, or -1.
func (lx *Lexicon) phoneStart(s string, a, b int) int {
	for i := a; i < b; {
		p, q := phoneRun(s, i, b)
		if p < 0 {
			break
		}
		if f, ok := lx.phoneIn(s, p, min(q, b), false); ok {
			return f.Start
		}
		i = max(q, p+1)
	}
	return -1
}

// addressFound trims s[a:b] and checks it is an address: a Chinese or
// English shape, or after a marker, any number or address word.
func (lx *Lexicon) addressFound(s string, a, b int, marked bool) (Found, bool) {
	for a < b && (s[a] == ' ' || s[a] == ':') {
		a++
	}
	for b > a && (s[b-1] == ' ' || s[b-1] == ',' || s[b-1] == '.' || s[b-1] == '-') {
		b--
	}
	if utf8.RuneCountInString(s[a:b]) < 4 {
		return Found{}, false
	}
	sh := lx.Words.zhShape(s, a, b)
	ok := sh.ok() || lx.enShaped(s, a, b)
	if marked && !ok {
		ok = sh.admin+sh.road+sh.estate+sh.unit > 0 || sh.digits > 0 && utf8.RuneCountInString(s[a:b]) >= 6
	}
	return Found{Slot: SlotAddress, Value: s[a:b], Start: a, End: b}, ok
}

// ParseAddress reads answer as the answer to "what is the address": a
// full address, an address marker left out and a phone number after it
// cut. A phone number alone, a bare city (北京), fewer than six
// characters, a question, a request (不用了) or a sentence without the
// shape of an address are refused.
func (lx *Lexicon) ParseAddress(answer string) (string, bool) {
	c := &lx.Words.sets
	s := strings.TrimSpace(answer)
	if s == "" || strings.Contains(s, "?") || lx.LooksLikeRequest(s) || c.questions.has(s) {
		return "", false
	}
	a, b := 0, len(s)
	if m, e := c.addrMark.at(s, 0); m != nil {
		if a = skipSpaces(s, e); a < b && s[a] == ':' {
			a = skipSpaces(s, a+1)
		}
	}
	if p := lx.phoneStart(s, a, b); p >= 0 {
		b = p
	}
	if _, p, _ := c.phoneMark.findIn(s, a, b); p >= 0 {
		b = p
	}
	f, ok := lx.addressFound(s, a, b, false)
	if !ok || utf8.RuneCountInString(f.Value) < 6 {
		return "", false
	}
	// A city and district alone (北京市海淀区) do not bring an engineer to
	// the door: a Chinese address needs a number, or enough detail.
	if hasHan(f.Value) && !hasNumber(f.Value) && utf8.RuneCountInString(f.Value) < 10 {
		return "", false
	}
	return f.Value, true
}

// hasNumber says s holds a number, in digits or Chinese numerals.
func hasNumber(s string) bool {
	digits := spokenDigits()
	return strings.IndexFunc(s, func(r rune) bool { return r >= '0' && r <= '9' || digits[r] != 0 }) >= 0
}
