package understand

import (
	"math"
	"strings"
	"unicode"
)

// classifier is a multinomial naive Bayes over character n-grams (one and
// two Han characters) and Latin words and word pairs, trained at start on
// the labelled examples in prompts/lexicon/examples.yaml. The rules decide
// where a cue is clear; the classifier reads the messages no cue covers
// (indirect complaints, status questions in the customer's own words,
// chit-chat), so the lexicon need not list every phrasing.
type classifier struct {
	classes []string
	index   map[string]int // feature → column
	weights [][]float32    // class → feature log-probability
	unknown []float32      // class → log-probability of an unseen feature
	prior   []float32
}

// Example is one labelled message of the training set.
type Example struct {
	Intent string `yaml:"intent"`
	Text   string `yaml:"text"`
}

// smoothing is the additive (Lidstone) smoothing of feature counts: below
// one, so that a feature seen once in a class weighs clearly for it.
const smoothing = 0.3

func trainClassifier(examples []Example) *classifier {
	c := &classifier{index: map[string]int{}}
	classOf := map[string]int{}
	var counts [][]float64
	var totals, docs []float64
	for _, ex := range examples {
		k, ok := classOf[ex.Intent]
		if !ok {
			k = len(c.classes)
			classOf[ex.Intent] = k
			c.classes = append(c.classes, ex.Intent)
			counts = append(counts, nil)
			totals = append(totals, 0)
			docs = append(docs, 0)
		}
		docs[k]++
		features(strings.ToLower(Normalize(ex.Text)), func(f string) {
			i, ok := c.index[f]
			if !ok {
				i = len(c.index)
				c.index[f] = i
			}
			for len(counts[k]) <= i {
				counts[k] = append(counts[k], 0)
			}
			counts[k][i]++
			totals[k]++
		})
	}
	v := float64(len(c.index))
	for k := range c.classes {
		w := make([]float32, len(c.index))
		denom := totals[k] + smoothing*v
		for i := range w {
			n := 0.0
			if i < len(counts[k]) {
				n = counts[k][i]
			}
			w[i] = float32(math.Log((n + smoothing) / denom))
		}
		c.weights = append(c.weights, w)
		c.unknown = append(c.unknown, float32(math.Log(smoothing/denom)))
		// A flat prior: how often an intent is in the examples says
		// nothing of how often customers send it.
		c.prior = append(c.prior, 0)
	}
	return c
}

// classify returns the most likely intent of low (normalised, lowercased)
// and its posterior probability. bias adds to a class's log prior: what the
// customer's situation makes more or less likely.
func (c *classifier) classify(low string, bias map[string]float64) (string, float64) {
	if c == nil || len(c.classes) == 0 {
		return "", 0
	}
	scores := make([]float64, len(c.classes))
	copy64(scores, c.prior)
	for k, name := range c.classes {
		scores[k] += bias[name]
	}
	seen := 0
	features(low, func(f string) {
		i, ok := c.index[f]
		if !ok {
			return // a feature no example had says nothing
		}
		seen++
		for k := range scores {
			scores[k] += float64(c.weights[k][i])
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

func copy64(dst []float64, src []float32) {
	for i, v := range src {
		dst[i] = float64(v)
	}
}

// features calls emit for each feature of low: Han characters and pairs of
// them, Latin words (digits folded to one token) and pairs of words.
func features(low string, emit func(string)) {
	var prevHan rune
	prevWord := ""
	word := make([]rune, 0, 16)
	flush := func() {
		if len(word) == 0 {
			return
		}
		w := string(word)
		if strings.IndexFunc(w, unicode.IsDigit) >= 0 {
			w = "#"
		}
		emit("w:" + w)
		if prevWord != "" {
			emit("b:" + prevWord + " " + w)
		}
		prevWord = w
		word = word[:0]
	}
	for _, r := range low {
		switch {
		case unicode.Is(unicode.Han, r):
			flush()
			prevWord = ""
			emit(string(r))
			if prevHan != 0 {
				emit(string([]rune{prevHan, r}))
			}
			prevHan = r
		case r < 128 && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\''):
			prevHan = 0
			word = append(word, r)
		default:
			flush()
			prevHan = 0
			if r == '?' || r == '？' {
				emit("?")
			}
		}
	}
	flush()
}
