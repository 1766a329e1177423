package understand

import (
	"strings"

	ahocorasick "github.com/petar-dambovaliev/aho-corasick"
)

// What a phrase of the lexicon stands for.
const (
	tagIntent     = iota // name is a flow (or cancel, human, off_topic, repeat)
	tagFault             // name is the trade
	tagProduct           // index into Lexicon.Products
	tagBrand             //
	tagTopic             // name is a knowledge topic
	tagIncidental        // a phrase whose cue words mean nothing here
	tagChoice            // a choice said in passing (上门, 有发票): no cue
	tagShape             // a fault shape (漏, cracked): a fault only beside a product
)

type tag struct {
	kind   int
	name   string
	index  int
	strong bool
}

// matcher finds every phrase of the lexicon in one pass over the text
// (Aho-Corasick, leftmost-longest: "取消打印" wins over "取消", "又坏了" over
// "坏了"), so the cost of a message does not grow with the lexicon.
type matcher struct {
	ac    ahocorasick.AhoCorasick
	index map[string]int
	pats  []string
	tags  [][]tag
}

func (m *matcher) add(phrase string, t tag) {
	p := strings.ToLower(strings.TrimSpace(phrase))
	if p == "" {
		return
	}
	if m.index == nil {
		m.index = map[string]int{}
	}
	i, ok := m.index[p]
	if !ok {
		i = len(m.pats)
		m.index[p] = i
		m.pats = append(m.pats, p)
		m.tags = append(m.tags, nil)
	}
	m.tags[i] = append(m.tags[i], t)
}

func (m *matcher) build() {
	b := ahocorasick.NewAhoCorasickBuilder(ahocorasick.Opts{MatchKind: ahocorasick.LeftMostLongestMatch, DFA: true})
	m.ac = b.Build(m.pats)
}

// hit is one phrase found, by byte offsets in the lowercased text.
type hit struct {
	start, end int
	tags       []tag
}

// find returns the phrases in low (lowercased, normalised text). A phrase
// that starts or ends with a Latin letter or digit must stand as a whole
// word there: "no" is not found in "note", "hi" not in "this".
func (m *matcher) find(low string) []hit {
	var out []hit
	end := 0
	// The library's iterator resumes one byte after each match's start, so
	// it yields the longest phrase at every start; keep those that do not
	// overlap one already taken.
	for _, mt := range m.ac.FindAll(low) {
		s, e := mt.Start(), mt.End()
		if s < end {
			continue
		}
		if alnum(low[s]) && s > 0 && alnum(low[s-1]) {
			continue
		}
		if alnum(low[e-1]) && e < len(low) && alnum(low[e]) {
			continue
		}
		out = append(out, hit{start: s, end: e, tags: m.tags[mt.Pattern()]})
		end = e
	}
	return out
}

func alnum(b byte) bool {
	return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9'
}
