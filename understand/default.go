package understand

import (
	"sync"

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
	return NewRules(lx, kb.Cues()), nil
})
