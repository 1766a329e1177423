package understand

import (
	"maps"
	"slices"
	"sort"
	"strings"
	"unicode/utf8"
)

// wordSet finds the words of one list in a text: ASCII letters match in
// any case, a word starting or ending with an ASCII letter (or digit) only
// matches at a word edge ("mr" is not in "mrs", "sn" not in "snow"), and
// the longest word wins. Words are bucketed by their first character, and
// the first characters of Chinese words are also kept in a bitmap, so a
// scan costs a few nanoseconds per character: these run on every message.
type wordSet struct {
	list  []setWord
	ascii [128][]int32
	other map[rune][]int32
	han   [(hanLast - hanFirst + 64) / 64]uint64
}

// setWord is one word and what it stands for: a role within its list
// (several lists can share one scan) and a value (a month, an offset).
type setWord struct {
	w          string
	role, val  int
	head, tail byte // class of the first and last byte, for word edges
}

const hanFirst, hanLast = 0x3400, 0x9fff

// add puts words into p, each with role and val. Call index once after.
func (p *wordSet) add(role, val int, words ...string) {
	for _, w := range words {
		w = strings.ToLower(strings.TrimSpace(w))
		if w == "" {
			continue
		}
		p.list = append(p.list, setWord{w: w, role: role, val: val, head: edgeClass(w[0]), tail: edgeClass(w[len(w)-1])})
	}
}

// addMap adds every list of m with its key as the value, in key order so
// that equal words tie the same way every run.
func (p *wordSet) addMap(role int, m map[int][]string) {
	for _, v := range slices.Sorted(maps.Keys(m)) {
		p.add(role, v, m[v]...)
	}
}

// index builds the buckets, longest words first.
func (p *wordSet) index() *wordSet {
	sort.SliceStable(p.list, func(i, j int) bool { return len(p.list[i].w) > len(p.list[j].w) })
	p.other = map[rune][]int32{}
	for i, ph := range p.list {
		if b := ph.w[0]; b < utf8.RuneSelf {
			p.ascii[b] = append(p.ascii[b], int32(i))
			continue
		}
		r, _ := utf8.DecodeRuneInString(ph.w)
		p.other[r] = append(p.other[r], int32(i))
		if r >= hanFirst && r <= hanLast {
			p.han[(r-hanFirst)/64] |= 1 << ((r - hanFirst) % 64)
		}
	}
	return p
}

// at returns the longest word of p that starts at byte i of s.
func (p *wordSet) at(s string, i int) (ph *setWord, end int) {
	if p == nil || i >= len(s) {
		return nil, i
	}
	var bucket []int32
	if b := s[i]; b < utf8.RuneSelf {
		bucket = p.ascii[foldByte(b)]
	} else if b >= 0xC0 {
		r, _ := utf8.DecodeRuneInString(s[i:])
		if r >= hanFirst && r <= hanLast && p.han[(r-hanFirst)/64]&(1<<((r-hanFirst)%64)) == 0 {
			return nil, i
		}
		bucket = p.other[r]
	}
	for _, k := range bucket {
		ph := &p.list[k]
		if len(s)-i < len(ph.w) || !hasPrefixFold(s[i:], ph.w) {
			continue
		}
		e := i + len(ph.w)
		if ph.head != 0 && i > 0 && edgeClass(s[i-1]) == ph.head {
			continue
		}
		if ph.tail != 0 && e < len(s) && edgeClass(s[e]) == ph.tail {
			continue
		}
		return ph, e
	}
	return nil, i
}

// find returns the first word of p at or after byte from, or start -1.
func (p *wordSet) find(s string, from int) (ph *setWord, start, end int) {
	return p.findIn(s, from, len(s))
}

// findIn returns the first word of p starting in s[from:to], or start -1.
func (p *wordSet) findIn(s string, from, to int) (ph *setWord, start, end int) {
	for i := from; i < to && i < len(s); i++ {
		if ph, e := p.at(s, i); ph != nil {
			return ph, i, e
		}
	}
	return nil, -1, -1
}

// has reports whether any word of p is in s.
func (p *wordSet) has(s string) bool {
	_, i, _ := p.find(s, 0)
	return i >= 0
}

// before returns the word of p that ends at byte e of s, if any.
func (p *wordSet) before(s string, e int) (ph *setWord, start int) {
	if p == nil {
		return nil, -1
	}
	for k := range p.list {
		ph := &p.list[k]
		i := e - len(ph.w)
		if i < 0 || !hasPrefixFold(s[i:], ph.w) {
			continue
		}
		if ph.head != 0 && i > 0 && edgeClass(s[i-1]) == ph.head {
			continue
		}
		if ph.tail != 0 && e < len(s) && edgeClass(s[e]) == ph.tail {
			continue
		}
		return ph, i
	}
	return nil, -1
}
