package prompts

import (
	"strings"
	"testing"
)

// TestModelPromptLoads checks that every locale's model prompt renders with
// the open question and every knowledge topic, and says the customer's
// words are data.
func TestModelPromptLoads(t *testing.T) {
	k, err := LoadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	p, err := LoadModelPrompt(k)
	if err != nil {
		t.Fatal(err)
	}
	for _, loc := range Locales {
		s, err := p.System(loc, ModelData{Company: "示例", Asked: "phone", Choices: map[string][]string{"mode": {"on_site", "carry_in"}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range append(k.Topics(), "customer_message", "set_slot phone", "on_site, carry_in") {
			if !strings.Contains(s, want) {
				t.Errorf("%s system prompt lacks %q", loc, want)
			}
		}
	}
}
