package understand

// marked says a phone marker (电话, tel) introduces the number at p.
func (w *SlotWords) marked(s string, p int) bool {
	return w.numberMarker(s, p) == mPhone
}

// phoneValue reads one candidate: its digits and how they were grouped.
// marked allows a landline written without a dash after its area code.
func phoneValue(raw string, marked bool) (string, bool) {
	var d [20]byte
	n, sep, plus := 0, -1, false
	for i := 0; i < len(raw); i++ {
		switch c := raw[i]; {
		case isASCIIDigit(c):
			if n == len(d) {
				return "", false
			}
			d[n], n = c, n+1
		case c == '+':
			plus = true
		case n > 0 && sep < 0:
			sep = n
		}
	}
	ds := d[:n]
	if !plus && n > 9 && ds[0] == '0' && ds[1] == '0' { // 0086…, 00852…
		plus, ds, sep = true, ds[2:], -1
	}
	if plus && len(ds) == 13 && ds[0] == '8' && ds[1] == '6' && mobile(ds[2:]) {
		return string(ds[2:]), true
	}
	switch {
	case plus:
		if len(ds) < 8 || len(ds) > 15 || ds[0] == '0' {
			return "", false
		}
		return "+" + string(ds), true
	case mobile(ds):
		return string(ds), true
	case len(ds) == 13 && ds[0] == '8' && ds[1] == '6' && mobile(ds[2:]):
		return string(ds[2:]), true
	}
	if v, ok := landline(ds, sep, marked); ok {
		return v, true
	}
	switch {
	case !plus && len(ds) == 11 && ds[0] == '0' && ds[1] == '7' && ds[2] != '0':
		return string(ds), true // a British mobile: 07700 900123
	case !plus && len(ds) == 8 && sep == 4 && (ds[0] == '6' || ds[0] == '8' || ds[0] == '9'):
		return string(ds), true // Singapore or Hong Kong: 9123 4567
	case marked && len(ds) >= 8 && len(ds) <= 12 && ds[0] != '1' && !(ds[0] == '0' && ds[1] == '0'):
		// as the country writes it at home, after 电话 or "phone"; one that
		// starts with 1 is a mainland mobile mistyped (no other country's
		// numbers start so at home)
		return string(ds), true
	}
	return "", false
}

// landline reads a mainland landline with its area code (010-12345678,
// 0755 1234567; run together only when marked).
func landline(ds []byte, sep int, marked bool) (string, bool) {
	if len(ds) < 10 || ds[0] != '0' {
		return "", false
	}
	area := 4 // 010 and 02x are the three-digit area codes
	if ds[1] == '1' || ds[1] == '2' {
		area = 3
	}
	if sep != area && !(sep < 0 && marked) || len(ds)-area < 7 || len(ds)-area > 8 {
		return "", false
	}
	return string(ds[:area]) + "-" + string(ds[area:]), true
}

// mobile says ds is a mainland mobile number: 1, then 3-9, then nine digits.
func mobile(ds []byte) bool {
	return len(ds) == 11 && ds[0] == '1' && ds[1] >= '3' && ds[1] <= '9'
}
