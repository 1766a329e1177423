package understand

import (
	"regexp"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Rules understands zh-CN and English by weighing the lexicon's cues over
// the whole message and extracting every fact it states. It is safe for
// concurrent use.
type Rules struct {
	lx  *Lexicon
	m   matcher
	cls *classifier

	choices map[string][]choicePhrase // by slot, longest first
	topics  map[string]bool           // the knowledge file's topics

	unitOnce sync.Once
	units    []*regexp.Regexp // address units, for PatchAddress
}

// Strong cues weigh three, weak ones one: one strong cue outweighs two
// weak ones of another reading ("请问" does not turn a fault into a
// question), and a close call between two strong readings is a clarify.
const (
	strongWeight = 3
	weakWeight   = 1
)

// NewRules builds the rules from a lexicon, the knowledge file's cues
// (topic → the ways people ask it) and the labelled examples the intent
// classifier learns from (none: the rules alone).
func NewRules(lx *Lexicon, topics map[string][]string, examples []Example) *Rules {
	r := &Rules{lx: lx, choices: sortChoices(lx.Choices)}
	if len(examples) > 0 {
		r.cls = trainClassifier(examples)
	}
	for name, cues := range lx.Intents {
		for _, p := range cues.Strong {
			r.m.add(p, tag{kind: tagIntent, name: name, strong: true})
		}
		for _, p := range cues.Weak {
			r.m.add(p, tag{kind: tagIntent, name: name})
		}
	}
	for trade, fs := range lx.Faults {
		for _, p := range fs {
			r.m.add(p, tag{kind: tagFault, name: trade, strong: true})
		}
	}
	for i, p := range lx.Products {
		r.m.add(p.Name, tag{kind: tagProduct, index: i})
		for _, a := range p.Aliases {
			r.m.add(a, tag{kind: tagProduct, index: i})
			if hasHan(p.Name) && isASCII(a) {
				// pinyin is typed with spaces as often as without: re shui qi
				if syl := lx.splitPinyin(a); len(syl) > 1 {
					r.m.add(strings.Join(syl, " "), tag{kind: tagProduct, index: i})
				}
			}
		}
	}
	for _, b := range lx.Brands {
		r.m.add(b, tag{kind: tagBrand, name: b})
	}
	r.topics = map[string]bool{}
	for topic, cues := range topics {
		r.topics[topic] = true
		for _, p := range cues {
			r.m.add(p, tag{kind: tagTopic, name: topic, strong: true})
		}
	}
	for _, p := range lx.Incidental {
		r.m.add(p, tag{kind: tagIncidental})
	}
	for _, p := range lx.FaultShapes {
		r.m.add(p, tag{kind: tagShape})
	}
	// Choices said in passing (上门, 有发票) are found in the same pass, so
	// that what is left of a clause once they are taken out can be weighed.
	for _, slot := range []string{"mode", "warranty", "proof"} {
		for _, ws := range lx.Choices[slot] {
			for _, w := range ws {
				if utf8.RuneCountInString(w) >= 2 {
					r.m.add(w, tag{kind: tagChoice})
				}
			}
		}
	}
	r.m.build()
	return r
}

// reading is what the cues of a message add up to.
type reading struct {
	text, low string
	hits      []hit
	score     map[string]int
	strong    map[string]bool
	topics    map[string]int
	faults    []hit
	products  []hit
	brand     string
	models    [][2]int // every match of the model shapes, found once
	guess     bool     // the classifier decided, below sureFloor

	classified bool // class and classP hold the classifier's reading
	class      string
	classP     float64
}

// read weighs every cue of the message. Incidental phrases (取消打印,
// 联系人刘经理) are found like cues and count for nothing; a cue right
// after a negator ("不想投诉", "rather not go ahead") does not count, and a
// negated acceptance counts as declining.
func (r *Rules) read(text string) *reading {
	low := strings.ToLower(text)
	sc := scriptsOf(low)
	for _, re := range r.lx.incidental {
		if !re.can(low, sc) {
			continue
		}
		low = re.ReplaceAllStringFunc(low, func(s string) string { return strings.Repeat(" ", len(s)) })
	}
	rd := &reading{text: text, low: low, score: map[string]int{}, strong: map[string]bool{}, topics: map[string]int{}}
	rd.hits = r.m.find(low)
	var shapes []hit
	for _, h := range rd.hits {
		for _, t := range h.tags {
			switch t.kind {
			case tagIntent:
				name := t.name
				if r.negated(low, h.start) {
					if name != "accept" {
						continue
					}
					name = "decline"
				}
				w := weakWeight
				if t.strong {
					w = strongWeight
					rd.strong[name] = true
				}
				rd.score[name] += w
			case tagFault:
				rd.faults = append(rd.faults, h)
			case tagProduct:
				rd.products = append(rd.products, hit{start: h.start, end: h.end, tags: []tag{t}})
			case tagBrand:
				if rd.brand == "" {
					rd.brand = text[h.start:h.end]
				}
			case tagTopic:
				rd.topics[t.name]++
			case tagShape:
				shapes = append(shapes, hit{start: h.start, end: h.end})
			}
		}
	}
	rd.models = r.modelSpans(text)
	if len(rd.products) > 0 || rd.brand != "" || len(rd.models) > 0 {
		// a product named with something wrong with it: "冰箱门关不严"
		rd.faults = append(rd.faults, shapes...)
		for _, re := range r.lx.faultRes {
			if !re.can(low, sc) {
				continue
			}
			for _, m := range re.FindAllStringIndex(low, 3) {
				if !aNotA(low, m[0]) {
					rd.faults = append(rd.faults, hit{start: m[0], end: m[1]})
				}
			}
		}
	}
	if len(rd.faults) > 0 {
		rd.score["report"] += strongWeight
		rd.strong["report"] = true
	}
	if len(rd.products) > 0 {
		rd.score["report"] += weakWeight
	}
	return rd
}

// negated reports whether a negator stands right before offset i: within
// the three characters before it in Chinese, or as one of the two words
// before it in English.
func (r *Rules) negated(low string, i int) bool {
	before := low[:i]
	if i > 0 && !alnum(low[i]) {
		// Chinese: the last few runes
		k := len(before)
		for n := 0; n < 3 && k > 0; n++ {
			_, size := utf8.DecodeLastRuneInString(before[:k])
			k -= size
		}
		tail := before[k:]
		for _, n := range r.lx.Negators {
			if !alnum(n[0]) && strings.Contains(tail, n) {
				return true
			}
		}
		return false
	}
	words := strings.Fields(before)
	if len(words) > 2 {
		words = words[len(words)-2:]
	}
	tail := " " + strings.Join(words, " ") + " "
	for _, n := range r.lx.Negators {
		if alnum(n[0]) && strings.Contains(tail, " "+n+" ") {
			return true
		}
	}
	return false
}

// ranked lists the readings by score, best first (ties by name, so the
// order is stable).
func (rd *reading) ranked() []string {
	var names []string
	for n, s := range rd.score {
		if s > 0 && n != "repeat" {
			names = append(names, n)
		}
	}
	sort.Slice(names, func(i, j int) bool {
		a, b := rd.score[names[i]], rd.score[names[j]]
		if a != b {
			return a > b
		}
		return names[i] < names[j]
	})
	return names
}

// question reports whether the message asks something: it ends with a
// question mark or a question particle of the lexicon (吗, 呢).
func (r *Rules) question(text string) bool {
	t := strings.TrimRightFunc(text, func(r rune) bool { return unicode.IsSpace(r) || r == '~' || r == '.' || r == '!' })
	for _, e := range r.lx.QuestionEndings {
		if strings.HasSuffix(t, e) {
			return true
		}
	}
	return false
}

// Now is the clock the rules read relative dates against; a zero time means
// time.Now.
func clock(now time.Time) time.Time {
	if now.IsZero() {
		return time.Now()
	}
	return now
}

// Choices returns the lexicon's choice slots and their codes' words (for a
// model's prompt, which lists the codes).
func (r *Rules) Choices() map[string]map[string][]string { return r.lx.Choices }

// aNotA reports whether the negation at byte i of low asks a question
// instead of saying something is wrong: the same character on both sides
// of it (能不能明天来, 是不是坏了, 要不要换) is Chinese's "A or not A?".
func aNotA(low string, i int) bool {
	not, n := utf8.DecodeRuneInString(low[i:])
	before, m := utf8.DecodeLastRuneInString(low[:i])
	after, _ := utf8.DecodeRuneInString(low[i+n:])
	return m > 0 && n > 0 && unicode.Is(unicode.Han, not) && unicode.Is(unicode.Han, before) && before == after
}
