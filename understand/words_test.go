package understand

import "testing"

func TestSlotWordsMerge(t *testing.T) {
	var w SlotWords
	w.merge(&SlotWords{Purchase: []string{"买的"}, Months: map[int][]string{3: {"三月"}}, Salutations: map[string][]string{"mr": {"先生"}}})
	w.merge(&SlotWords{Purchase: []string{"bought"}, Months: map[int][]string{3: {"March"}}, Salutations: map[string][]string{"mr": {"Sir"}}})
	if len(w.Purchase) != 2 || len(w.Months[3]) != 2 || len(w.Salutations["mr"]) != 2 {
		t.Fatalf("merge kept %v %v %v", w.Purchase, w.Months, w.Salutations)
	}
	if err := w.compile(); err != nil {
		t.Fatal(err)
	}
}

func TestSlotWordsCompileRefusesUnknownCodes(t *testing.T) {
	for name, w := range map[string]SlotWords{
		"holiday":    {Holidays: map[string][]string{"13-45": {"x"}}},
		"duration":   {Durations: map[string][]string{"fortnight": {"x"}}},
		"date mark":  {DateMarks: map[string][]string{"hour": {"点"}}},
		"name kind":  {NameMarkers: map[string][]string{"nick": {"x"}}},
		"honorific":  {Honorifics: map[string][]string{"dr": {"x"}}},
		"salutation": {Salutations: map[string][]string{"mx": {"x"}}},
	} {
		t.Run(name, func(t *testing.T) {
			if err := w.compile(); err == nil {
				t.Fatal("compile accepted an unknown code")
			}
		})
	}
}

func TestShippedSlotWords(t *testing.T) {
	w := &testLexicon(t).Words
	for name, n := range map[string]int{
		"numbers": len(w.Numbers), "months": len(w.Months), "durations": len(w.Durations),
		"purchase": len(w.Purchase), "surnames": len(w.Surnames), "honorifics": len(w.Honorifics),
		"salutations": len(w.Salutations), "address_markers": len(w.AddressMarkers),
		"time_days": len(w.TimeDays), "phone_markers": len(w.PhoneMarkers), "requests": len(w.Requests),
	} {
		if n == 0 {
			t.Errorf("slots.%s is empty in the shipped lexicon", name)
		}
	}
	for _, code := range []string{"mr", "ms", "none"} {
		if len(w.Salutations[code]) == 0 {
			t.Errorf("slots.salutations.%s is empty", code)
		}
	}
}
