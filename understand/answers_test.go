package understand

import (
	"fmt"
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// answerItem is one typed answer of testdata/answers.yaml: what the desk
// asked, what the customer typed, and what it must yield.
type answerItem struct {
	Asked  string `yaml:"asked"`
	Lang   string `yaml:"lang"`
	Text   string `yaml:"text"`
	Expect struct {
		Set    map[string]string `yaml:"set"`
		Intent string            `yaml:"intent"`
	} `yaml:"expect"`
}

// TestTypedAnswers reads every typed answer of the corpus in its report
// context and prints the share understood, per question asked.
func TestTypedAnswers(t *testing.T) {
	raw, err := os.ReadFile("testdata/answers.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var items []answerItem
	if err := yaml.Unmarshal(raw, &items); err != nil {
		t.Fatal(err)
	}
	r := testRules(t)
	ok, byAsked, total := 0, map[string][2]int{}, map[string]int{}
	var misses []string
	for _, it := range items {
		res := r.Understand(Context{Flow: FlowReport, Asked: it.Asked}, it.Text, corpusNow)
		good := answerMatches(it, res)
		c := byAsked[it.Asked]
		c[1]++
		if good {
			ok++
			c[0]++
		} else {
			misses = append(misses, fmt.Sprintf("%-10s %-30q want %v%v got %+v", it.Asked, it.Text, it.Expect.Intent, it.Expect.Set, res.Commands))
		}
		byAsked[it.Asked] = c
		total[it.Asked]++
	}
	var b strings.Builder
	fmt.Fprintf(&b, "typed answers understood: %.1f%% (%d/%d)\n", 100*float64(ok)/float64(len(items)), ok, len(items))
	for _, k := range sortedKeys(total) {
		fmt.Fprintf(&b, "  %-10s %d/%d\n", k, byAsked[k][0], byAsked[k][1])
	}
	t.Log("\n" + b.String())
	if os.Getenv("CORPUS_MISSES") != "" {
		t.Log("\n" + strings.Join(misses, "\n"))
	}
	if r := float64(ok) / float64(len(items)); r < 0.85 {
		t.Errorf("typed answers understood %.3f, below 0.85", r)
	}
}

func answerMatches(it answerItem, res Result) bool {
	slots := res.Slots()
	for slot, want := range it.Expect.Set {
		got, ok := slots[slot]
		if !ok && it.Expect.Intent == "" && want != "" {
			return false
		}
		if ok && !sameValue(slot, got, want) {
			return false
		}
		if !ok {
			return false
		}
	}
	switch it.Expect.Intent {
	case "", "correct":
		return true
	case "cancel":
		return res.Has(Cancel)
	case "human":
		return res.Has(HandOver)
	case "consult":
		return res.Has(Knowledge) || res.Flow() == FlowConsult
	case "status":
		return res.Flow() == FlowStatus
	case "skip":
		// "no title wanted" and "any time" are the skip of those questions
		return res.Has(Skip) || (it.Asked == SlotTime && slots[SlotTime] == "any") ||
			(it.Asked == SlotSalutation && slots[SlotSalutation] == "none")
	case "yes":
		return res.Has(Affirm)
	case "no":
		return res.Has(Deny)
	case "invalid":
		_, set := slots[it.Asked]
		return !set && !res.Has(Affirm) && !res.Has(Skip)
	}
	return false
}

func sameValue(slot, got, want string) bool {
	n := func(s string) string {
		return strings.ToLower(strings.NewReplacer(" ", "", "-", "").Replace(Normalize(s)))
	}
	if slot == SlotTime && got == "any" {
		// the customer's "随便哪天" is kept as "any time"
		r, err := Default()
		if err != nil {
			return false
		}
		v, ok := r.lx.ParseTime(Normalize(want), corpusNow)
		return ok && v == "any"
	}
	switch slot {
	case SlotName, SlotAddress, SlotTime, SlotFault, SlotProduct, SlotModel:
		g, w := n(got), n(want)
		return g != "" && (strings.Contains(g, w) || strings.Contains(w, g))
	}
	return got == want
}

// TestSkipBesideAnAnswerKeepsTheAnswer: "can't find it" beside the answer
// itself is about something else (the invoice, not the date), and "can't
// find it" alone still skips the question.
func TestSkipBesideAnAnswerKeepsTheAnswer(t *testing.T) {
	r := testRules(t)
	res := r.Understand(Context{Flow: FlowReport, Asked: SlotPurchase}, "前年买的 发票找不到了", corpusNow)
	if s := res.Slots(); s[SlotPurchase] == "" || s[SlotProof] != "none" {
		t.Errorf("前年买的 发票找不到了 -> %+v, want the year and no proof", res.Commands)
	}
	res = r.Understand(Context{Flow: FlowReport, Asked: SlotPurchase}, "发票找不到了", corpusNow)
	if len(res.Commands) != 1 || res.Commands[0].Kind != Skip {
		t.Errorf("发票找不到了 -> %+v, want the question skipped", res.Commands)
	}
}
