package understand

// hasPrefixFold reports whether s starts with w, w being lower-case, ASCII
// letters compared in any case.
func hasPrefixFold(s, w string) bool {
	for j := 0; j < len(w); j++ {
		if foldByte(s[j]) != w[j] {
			return false
		}
	}
	return true
}

// foldByte lower-cases an ASCII letter.
func foldByte(b byte) byte {
	if b >= 'A' && b <= 'Z' {
		return b + 'a' - 'A'
	}
	return b
}

// edgeClass sorts a byte for word edges: 'a' for ASCII letters, '0' for
// digits, 0 for anything else (a Chinese character has no word edge).
func edgeClass(b byte) byte {
	switch {
	case b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z':
		return 'a'
	case b >= '0' && b <= '9':
		return '0'
	}
	return 0
}

// isASCIIDigit reports whether b is 0-9.
func isASCIIDigit(b byte) bool { return b >= '0' && b <= '9' }

// clauseBreakAt reports whether s has a clause break at byte i: a comma,
// semicolon, exclamation or question mark, a Chinese full stop or list
// comma, or a full stop followed by a space or the end (not the dot inside
// 2024.3.5). Normalize has made the other Chinese marks half-width.
func clauseBreakAt(s string, i int) bool {
	switch s[i] {
	case ',', ';', '!', '?', '\n':
		return true
	case '.':
		return i+1 == len(s) || s[i+1] == ' '
	}
	return marks().breakAt(s, i) // a Chinese full stop or list comma (the lexicon's)
}

// hasBreak reports whether a clause break lies in s[a:b].
func hasBreak(s string, a, b int) bool {
	for i := a; i < b && i < len(s); i++ {
		if clauseBreakAt(s, i) {
			return true
		}
	}
	return false
}

// skipSpaces returns the first byte at or after i that is not a space.
func skipSpaces(s string, i int) int {
	for i < len(s) && s[i] == ' ' {
		i++
	}
	return i
}

// backSpaces returns the start of the spaces that end at i.
func backSpaces(s string, i int) int {
	for i > 0 && s[i-1] == ' ' {
		i--
	}
	return i
}
