package prompts

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// LoadStep is one step of the customer the load command plays: a message
// typed or a button pressed, and what the reply must contain.
type LoadStep struct {
	Text    string `yaml:"text"`
	Payload string `yaml:"payload"`
	Want    string `yaml:"want"`
}

// LoadScript returns the load command's customer, from loadtest.yaml.
func LoadScript() ([]LoadStep, error) {
	raw, err := files.ReadFile("loadtest.yaml")
	if err != nil {
		return nil, fmt.Errorf("prompts: loadtest.yaml: %w", err)
	}
	var steps []LoadStep
	if err := yaml.Unmarshal(raw, &steps); err != nil {
		return nil, fmt.Errorf("prompts: loadtest.yaml: %w", err)
	}
	for i, s := range steps {
		if (s.Text == "") == (s.Payload == "") {
			return nil, fmt.Errorf("prompts: loadtest.yaml: step %d needs a text or a payload, not both", i+1)
		}
	}
	return steps, nil
}
