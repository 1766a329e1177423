package prompts

import (
	"strings"
	"testing"
	"time"
)

// TestNoTemplateSaysANeverSayPhrase renders every template in every locale
// with the sample data and checks it against the never-say list.
func TestNoTemplateSaysANeverSayPhrase(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	list, err := NeverSayList()
	if err != nil {
		t.Fatal(err)
	}
	sample := map[string]any{}
	for _, k := range []string{"Company", "Name", "Number", "RepeatOf", "Product", "State", "Next", "Fault", "Cause", "Work",
		"Decision", "Engineer", "Warranty", "name", "salutation", "phone", "mode", "address", "product", "model", "serial",
		"purchase", "proof", "fault", "time", "Mode", "Hotline", "Field", "claim", "Salutation", "Proof", "StateLabel", "ModeLabel",
		"WarrantyLabel", "ProofLabel", "Customer", "Phone", "Chat", "Address", "Model", "Serial", "Purchase", "Time", "Diagnosis",
		"Kind", "Started", "Due", "Outcome", "Since", "Share", "Reason", "Agent", "From", "To", "Zone", "RepeatRate", "BotRate", "FixedRate", "SatRate",
		"Complaint", "FirstReply", "Repair", "Until", "Amount", "Holder", "User", "Idle", "Phrase", "Instead", "Text", "Group", "Detail", "Level", "Error", "MonthName", "Weekday", "Clock"} {
		sample[k] = "x"
	}
	for k, v := range map[string]any{"Cents": int64(100), "Days": 1, "Met": 1, "Breached": 0, "Running": 0, "NotKept": 0, "Void": 0, "Registered": 1, "Repeats": 0, "BotHandled": 1, "Closed": 1, "Fixed": 1, "Window": 30,
		"Asked": 1, "Answered": 1, "Satisfied": 1, "Complaints": 0, "Moves": []string{"x"}, "Count": 1, "Month": 3, "Day": 5, "files": 0, "MB": 20, "Max": 2000,
		"When": time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC), "State": "new", "Skip": true, "Same": false, "First": "accept", "Second": "decline"} {
		sample[k] = v
	}
	for _, loc := range Locales {
		for _, key := range c.Keys() {
			text, err := c.Render(loc, key, sample)
			if err != nil {
				t.Fatalf("%s %s: %v", loc, key, err)
			}
			if hits := Flag(list, text); len(hits) > 0 {
				t.Errorf("%s %s says %q: %s", loc, key, hits[0].Phrase, text)
			}
		}
	}
}

func TestFlagFindsPhrasesInEitherLanguage(t *testing.T) {
	list, err := NeverSayList()
	if err != nil {
		t.Fatal(err)
	}
	for text, want := range map[string]string{"这个我不知道": "不知道", "I already told you twice": "i already told you", "好的，马上处理": ""} {
		hits := Flag(list, text)
		if want == "" && len(hits) != 0 || want != "" && (len(hits) == 0 || !strings.EqualFold(hits[0].Phrase, want)) {
			t.Errorf("Flag(%q) = %+v, want %q", text, hits, want)
		}
	}
}

// TestEveryStateHasItsTexts checks the per-state keys the desk renders.
func TestEveryStateHasItsTexts(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	keys := map[string]bool{}
	for _, k := range c.Keys() {
		keys[k] = true
	}
	for _, st := range []string{"new", "diagnosed", "quoted", "approved", "repairing", "waiting_parts", "ready", "closed", "cancelled"} {
		for _, k := range []string{"state." + st, "next." + st} {
			if !keys[k] {
				t.Errorf("missing %s", k)
			}
		}
	}
	for _, st := range []string{"new", "approved", "repairing", "waiting_parts", "ready", "closed", "cancelled"} {
		if !keys["notice.status."+st] {
			t.Errorf("missing notice.status.%s", st)
		}
	}
}

// TestNoKnowledgeAnswerSaysANeverSayPhrase checks the knowledge file's
// answers, rendered with and without a hotline, against the never-say list.
func TestNoKnowledgeAnswerSaysANeverSayPhrase(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	list, err := NeverSayList()
	if err != nil {
		t.Fatal(err)
	}
	for _, hotline := range []string{"", "400-800-8888"} {
		d := KnowledgeData{Company: "示例售后", Hotline: hotline, Hours: "09:00–18:30", WarrantyMonths: 12, RepairDays: 3, FirstReplyHours: 4}
		for _, loc := range Locales {
			for topic := range c.Knowledge().Cues() {
				text, err := c.Knowledge().Answer(loc, topic, d)
				if err != nil {
					t.Fatal(err)
				}
				if hits := Flag(list, text); len(hits) > 0 {
					t.Errorf("%s %s says %q: %s", loc, topic, hits[0].Phrase, text)
				}
			}
		}
	}
}
