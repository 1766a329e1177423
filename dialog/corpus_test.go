package dialog_test

import (
	"context"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/understand"
)

// corpusItem is one labelled first message of understand/testdata/corpus.yaml.
type corpusItem struct {
	Text   string            `yaml:"text"`
	Lang   string            `yaml:"lang"`
	Trade  string            `yaml:"trade"`
	Intent string            `yaml:"intent"`
	Facts  map[string]string `yaml:"facts"`
	Repeat bool              `yaml:"repeat"`
	Topic  string            `yaml:"topic"`
	Ticket string            `yaml:"ticket"`
}

// corpusNow is the corpus's "today" for relative dates: Monday 2026-11-30.
var corpusNow = time.Date(2026, 11, 30, 10, 0, 0, 0, shanghai)

// replyIntent reads which request the desk answered from the keys of its
// replies to a first message.
func replyIntent(ks []string) string {
	for _, k := range ks {
		switch {
		case k == "report.start" || k == "report.start.repeat" || k == "report.resume":
			return "report"
		case strings.HasPrefix(k, "status."):
			return "status"
		case k == "quote.confirm.accept":
			return "quote_accept"
		case k == "quote.confirm.decline":
			return "quote_decline"
		case k == "quote.show" || k == "quote.none_pending":
			return "quote_ask"
		case strings.HasPrefix(k, "complaint."):
			return "complaint"
		case strings.HasPrefix(k, "suggestion."):
			return "suggestion"
		case k == "praise":
			return "praise"
		case strings.HasPrefix(k, "consult.") || strings.HasPrefix(k, "knowledge."):
			return "consult"
		case k == "manager.explain":
			return "manager"
		case strings.HasPrefix(k, "handover"):
			return "human"
		case k == "cancelled" || k == "nothing_to_cancel":
			return "cancel"
		case k == "greeting":
			return "greeting"
		case k == "off_topic":
			return "off_topic"
		case strings.HasPrefix(k, "abuse"):
			return "abuse"
		case k == "clarify":
			return "clarify"
		}
	}
	return "not_understood"
}

// aims are the understanding issue's figures: intent accuracy, the share
// of stated facts taken, and the most questions, on average, before a
// multi-fact report's read-back.
type aims struct {
	intent, facts, questions float64
}

// TestCorpusUnderstanding runs every message of the labelled corpora
// through the real dialog (SQLite, in-process Redis) as a customer's first
// message, and prints the figures of the understanding issue: intent
// accuracy (overall, per language, per intent), the share of stated facts
// taken without asking again, and the questions asked before the
// read-back. Reports are walked to their read-back and confirmed; the facts
// are read from the ticket row in SQL.
//
// corpus.yaml is the development set: the rules were improved by reading
// its misses, so it must meet the aims. heldout.yaml was written
// apart and never read while writing the rules: its figures are the honest
// estimate, held to a floor below the aims.
func TestCorpusUnderstanding(t *testing.T) {
	for _, c := range []struct {
		file string
		aims aims
	}{
		{"corpus.yaml", aims{intent: 0.90, facts: 0.85, questions: 3}},
		{"heldout.yaml", aims{intent: 0.85, facts: 0.80, questions: 3.5}},
		{"heldout2.yaml", aims{intent: 0.80, facts: 0.75, questions: 3.5}},
		{"heldout3.yaml", aims{intent: 0.80, facts: 0.75, questions: 3.5}},
	} {
		t.Run(c.file, func(t *testing.T) { runCorpus(t, "../understand/testdata/"+c.file, c.aims) })
	}
}

func runCorpus(t *testing.T, file string, aim aims) {
	raw, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	var items []corpusItem
	if err := yaml.Unmarshal(raw, &items); err != nil {
		t.Fatal(err)
	}
	d := sqliteDesk(t)
	d.now = corpusNow
	ctx := context.Background()
	type tally struct{ ok, n int }
	byIntent, byLang := map[string]*tally{}, map[string]*tally{}
	var all, facts, langOK tally
	factsBySlot := map[string]*tally{}
	questions, multi := 0, 0
	askedBySlot := map[string]int{} // questions asked in reports stating 3+ facts
	var misses []string
	rules, err := understand.Default()
	if err != nil {
		t.Fatal(err)
	}
	unsure := 0      // first messages a language model would be asked about
	var missed tally // intents missed, and of them those the rules were unsure of
	add := func(m map[string]*tally, k string, ok bool) {
		if m[k] == nil {
			m[k] = &tally{}
		}
		m[k].n++
		if ok {
			m[k].ok++
		}
	}
	for i, it := range items {
		chat := fmt.Sprintf("corpus-%d", i)
		if strings.HasPrefix(it.Intent, "quote_") || it.Intent == "status" {
			d.quotedTicket(chat)
		}
		isUnsure := rules.Understand(understand.Context{QuotePending: strings.HasPrefix(it.Intent, "quote_") || it.Intent == "status",
			OpenJob: strings.HasPrefix(it.Intent, "quote_") || it.Intent == "status"}, it.Text, corpusNow).Unsure
		if isUnsure {
			unsure++
		}
		rs := d.say(chat, it.Text)
		got := replyIntent(keys(rs))
		ok := got == it.Intent
		if !ok {
			missed.n++
			if isUnsure {
				missed.ok++
			}
		}
		all.n++
		if ok {
			all.ok++
		} else {
			misses = append(misses, fmt.Sprintf("%-14s got %-14s %s", it.Intent, got, it.Text))
		}
		add(byIntent, it.Intent, ok)
		add(byLang, it.Lang, ok)
		wantLoc := map[string]string{"zh": "zh-CN", "en": "en"}[it.Lang]
		langOK.n++
		if c, err := d.states.Get(ctx, "webchat", chat); err == nil && c.Locale == wantLoc {
			langOK.ok++
		}
		if it.Intent != "report" || got != "report" {
			continue
		}
		asked := map[string]bool{}
		n := 0
		for turn := 0; turn < 20 && last(rs).Key != "confirm.summary"; turn++ {
			slot := strings.TrimPrefix(last(rs).Key, "ask.")
			asked[slot] = true
			if slot == "purchase" {
				asked["proof"], asked["warranty"] = true, true
			}
			n++
			text, payload := cannedAnswer(slot, it.Lang)
			if payload != "" {
				rs = d.press(chat, payload)
			} else {
				rs = d.say(chat, text)
			}
		}
		summary := last(rs).Text
		if last(rs).Key != "confirm.summary" {
			t.Errorf("report never reached its read-back: %s\n%s", it.Text, texts(rs))
			continue
		}
		d.press(chat, "confirm:yes")
		ts, err := d.db.Tickets(ctx, storage.TicketFilter{Channel: "webchat", ChatID: chat, Limit: 1})
		if err != nil || len(ts) == 0 {
			t.Fatalf("no ticket for %q: %v", it.Text, err)
		}
		stated := 0
		for slot, want := range it.Facts {
			stated++
			kept := !asked[slot] && factKept(slot, want, &ts[0], summary, it.Facts)
			add(factsBySlot, slot, kept)
			facts.n++
			if kept {
				facts.ok++
			} else {
				misses = append(misses, fmt.Sprintf("fact %-10s want %-20q ticket %+v | %s", slot, want, ticketFacts(&ts[0]), it.Text))
			}
		}
		if stated >= 3 {
			multi++
			questions += n
			for slot := range asked {
				if slot != "proof" && slot != "warranty" {
					askedBySlot[slot]++
				}
			}
		}
	}
	share := func(x tally) string {
		return fmt.Sprintf("%5.1f%% (%d/%d)", 100*float64(x.ok)/float64(max(x.n, 1)), x.ok, x.n)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "intent accuracy: %s\n", share(all))
	for _, k := range sortedKeys(byLang) {
		fmt.Fprintf(&b, "  lang %-3s %s\n", k, share(*byLang[k]))
	}
	for _, k := range sortedKeys(byIntent) {
		fmt.Fprintf(&b, "  %-14s %s\n", k, share(*byIntent[k]))
	}
	fmt.Fprintf(&b, "reply language right: %s\n", share(langOK))
	fmt.Fprintf(&b, "first messages the rules are unsure of (a language model, when configured, is asked): %s\n", share(tally{unsure, all.n}))
	fmt.Fprintf(&b, "  of the intents missed, the rules were unsure of: %s\n", share(missed))
	fmt.Fprintf(&b, "stated facts taken without asking again: %s\n", share(facts))
	for _, k := range sortedKeys(factsBySlot) {
		fmt.Fprintf(&b, "  %-10s %s\n", k, share(*factsBySlot[k]))
	}
	mean := float64(questions) / float64(max(multi, 1))
	fmt.Fprintf(&b, "questions before the read-back, reports stating 3+ facts: %.2f on average (%d reports)\n", mean, multi)
	for _, k := range sortedKeys(askedBySlot) {
		fmt.Fprintf(&b, "  asked %-10s in %d\n", k, askedBySlot[k])
	}
	t.Log("\n" + b.String())
	if os.Getenv("CORPUS_MISSES") != "" {
		t.Log("\n" + strings.Join(misses, "\n"))
	}
	// The test fails when the understanding falls below its aims.
	if r := float64(all.ok) / float64(all.n); r < aim.intent {
		t.Errorf("intent accuracy %.3f, below %.2f", r, aim.intent)
	}
	if r := float64(facts.ok) / float64(facts.n); r < aim.facts {
		t.Errorf("facts taken %.3f, below %.2f", r, aim.facts)
	}
	if mean > aim.questions {
		t.Errorf("%.2f questions on average before the read-back, above %.1f", mean, aim.questions)
	}
}

func ticketFacts(tk *domain.Ticket) string {
	return fmt.Sprintf("[%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s]", tk.ContactName, tk.Salutation, tk.Phone, tk.ServiceMode, tk.Address,
		tk.Product, tk.Model, tk.PurchaseDate, tk.WarrantyProof, tk.Warranty, tk.Fault, tk.PreferredTime)
}

func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// quotedTicket gives chat a ticket with an open quote, as a customer who
// writes about a quote or a repair's progress has.
func (d *desk) quotedTicket(chat string) {
	d.t.Helper()
	ctx := context.Background()
	tk := &domain.Ticket{ReportKey: chat, Channel: "webchat", ChatID: chat, Locale: "zh-CN", ContactName: "周", Phone: "13700000000",
		Product: "打印机", Fault: "卡纸", ServiceMode: "carry_in", Warranty: "out", CreatedAt: d.clock().UTC()}
	if _, err := d.db.CreateTicket(ctx, tk, "test"); err != nil {
		d.t.Fatal(err)
	}
	if _, err := d.staff.Quote(ctx, tk.Number, "staff:test", 35000, "更换定影组件", 3); err != nil {
		d.t.Fatal(err)
	}
}
