package prompts

import (
	"fmt"
	"strings"

	"go.yaml.in/yaml/v3"
)

// NeverSay is one phrase never said to a customer, why, and a politer way.
type NeverSay struct {
	Phrase  string `yaml:"phrase"`
	Reason  string `yaml:"reason"`
	Instead string `yaml:"instead"`
}

// NeverSayList reads neversay.yaml: the phrases per locale.
func NeverSayList() (map[string][]NeverSay, error) {
	raw, err := files.ReadFile("neversay.yaml")
	if err != nil {
		return nil, fmt.Errorf("prompts: neversay.yaml: %w", err)
	}
	var out map[string][]NeverSay
	if err := yaml.Unmarshal(raw, &out); err != nil {
		return nil, fmt.Errorf("prompts: neversay.yaml: %w", err)
	}
	for _, loc := range Locales {
		if len(out[loc]) == 0 {
			return nil, fmt.Errorf("prompts: neversay.yaml: no phrases for %s", loc)
		}
	}
	return out, nil
}

// Flag returns the never-say entries that text contains, checking the
// phrases of every locale (staff may write either language).
func Flag(list map[string][]NeverSay, text string) []NeverSay {
	low := strings.ToLower(text)
	var hits []NeverSay
	for _, loc := range Locales {
		for _, n := range list[loc] {
			if strings.Contains(low, strings.ToLower(n.Phrase)) {
				hits = append(hits, n)
			}
		}
	}
	return hits
}
