package understand

import (
	"fmt"
	"sync"

	"go.yaml.in/yaml/v3"

	"github.com/frontdesk/frontdesk/prompts"
)

// Default returns the rules built from the embedded lexicon and knowledge
// file. They are built once and shared: the rules hold no state between
// messages.
var Default = sync.OnceValues(func() (*Rules, error) {
	lx, err := LoadLexicon()
	if err != nil {
		return nil, err
	}
	kb, err := prompts.LoadKnowledge()
	if err != nil {
		return nil, err
	}
	raw, err := prompts.LexiconExamples()
	if err != nil {
		return nil, err
	}
	var ex struct {
		Examples []Example `yaml:"examples"`
	}
	if err := yaml.Unmarshal(raw, &ex); err != nil {
		return nil, fmt.Errorf("understand: lexicon examples: %w", err)
	}
	for _, e := range ex.Examples {
		if _, ok := classIntents[e.Intent]; !ok {
			return nil, fmt.Errorf("understand: lexicon examples: unknown intent %q (%q)", e.Intent, e.Text)
		}
	}
	return NewRules(lx, kb.Cues(), ex.Examples), nil
})

// classIntents maps the examples' intents to the readings the rules weigh.
var classIntents = map[string]string{"report": FlowReport, "status": FlowStatus, "quote_accept": "accept",
	"quote_decline": "decline", "quote_ask": FlowQuote, "complaint": FlowComplaint, "suggestion": FlowSuggestion,
	"praise": FlowPraise, "consult": FlowConsult, "manager": FlowManager, "human": "human", "cancel": "cancel",
	"greeting": FlowGreeting, "off_topic": "off_topic", "abuse": FlowAbuse}
