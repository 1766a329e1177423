package understand

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// classifier is a multinomial naive Bayes over character n-grams (one and
// two Han characters) and Latin words and word pairs, trained at start on
// the labelled examples in prompts/lexicon/examples.yaml. The rules decide
// where a cue is clear; the classifier reads the messages no cue covers
// (indirect complaints, status questions in the customer's own words,
// chit-chat), so the lexicon need not list every phrasing.
type classifier struct {
	classes []string
	index   map[feature]int32 // feature → row
	weights []float32         // row-major: feature row × class → log-probability
	prior   []float32
}

// feature is one n-gram: a Han character or pair, a Latin word or pair of
// words (digits folded to "#"). Its strings are slices of the text read, so
// reading a message allocates nothing per feature.
type feature struct {
	kind   uint8
	a, b   rune
	w1, w2 string
}

const (
	fHan uint8 = iota + 1
	fHanPair
	fWord
	fWordPair
	fQuestion
)

// Example is one labelled message of the training set.
type Example struct {
	Intent string `yaml:"intent"`
	Text   string `yaml:"text"`
}

// smoothing is the additive (Lidstone) smoothing of feature counts: below
// one, so that a feature seen once in a class weighs clearly for it.
const smoothing = 0.3

func trainClassifier(examples []Example) *classifier {
	c := &classifier{index: map[feature]int32{}}
	classOf := map[string]int{}
	var counts [][]float64 // feature row → class → count
	var totals []float64
	for _, ex := range examples {
		k, ok := classOf[ex.Intent]
		if !ok {
			k = len(c.classes)
			classOf[ex.Intent] = k
			c.classes = append(c.classes, ex.Intent)
			totals = append(totals, 0)
		}
		features(strings.ToLower(Normalize(ex.Text)), func(f feature) {
			f.w1, f.w2 = strings.Clone(f.w1), strings.Clone(f.w2) // keep no example text alive
			i, ok := c.index[f]
			if !ok {
				i = int32(len(counts))
				c.index[f] = i
				counts = append(counts, nil)
			}
			for len(counts[i]) <= k {
				counts[i] = append(counts[i], 0)
			}
			counts[i][k]++
			totals[k]++
		})
	}
	n := len(c.classes)
	v := float64(len(c.index))
	c.weights = make([]float32, len(counts)*n)
	for i, row := range counts {
		for k := 0; k < n; k++ {
			x := 0.0
			if k < len(row) {
				x = row[k]
			}
			c.weights[i*n+k] = float32(math.Log((x + smoothing) / (totals[k] + smoothing*v)))
		}
	}
	// A flat prior: how often an intent is in the examples says nothing of
	// how often customers send it.
	c.prior = make([]float32, n)
	return c
}

// classify returns the most likely intent of low (normalised, lowercased)
// and its posterior probability. bias adds to a class's log prior: what the
// customer's situation makes more or less likely.
func (c *classifier) classify(low string, bias map[string]float64) (string, float64) {
	if c == nil || len(c.classes) == 0 {
		return "", 0
	}
	n := len(c.classes)
	var buf [32]float64
	scores := buf[:0]
	for k, name := range c.classes {
		scores = append(scores, float64(c.prior[k])+bias[name])
	}
	seen := 0
	features(low, func(f feature) {
		i, ok := c.index[f]
		if !ok {
			return // a feature no example had says nothing
		}
		seen++
		row := c.weights[int(i)*n : int(i)*n+n]
		for k, w := range row {
			scores[k] += float64(w)
		}
	})
	if seen == 0 {
		return "", 0
	}
	best := 0
	for k := range scores {
		if scores[k] > scores[best] {
			best = k
		}
	}
	sum := 0.0
	for k := range scores {
		sum += math.Exp(scores[k] - scores[best])
	}
	return c.classes[best], 1 / sum
}

// features calls emit for each feature of low: Han characters and pairs of
// them, Latin words (digits folded to one token) and pairs of words, and a
// question mark.
func features(low string, emit func(feature)) {
	var prevHan rune
	prevWord := ""
	start := -1 // of the Latin word being read
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := low[start:end]
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			w = "#"
		}
		emit(feature{kind: fWord, w1: w})
		if prevWord != "" {
			emit(feature{kind: fWordPair, w1: prevWord, w2: w})
		}
		prevWord, start = w, -1
	}
	for i, r := range low {
		switch {
		case unicode.Is(unicode.Han, r):
			flush(i)
			prevWord = ""
			emit(feature{kind: fHan, a: r})
			if prevHan != 0 {
				emit(feature{kind: fHanPair, a: prevHan, b: r})
			}
			prevHan = r
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\''):
			prevHan = 0
			if start < 0 {
				start = i
			}
		default:
			flush(i)
			prevHan = 0
			if r == '?' || r == '？' {
				emit(feature{kind: fQuestion})
			}
		}
	}
	flush(len(low))
}
