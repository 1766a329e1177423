package llm

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/frontdesk/frontdesk/understand"
)

// maxCommands caps the commands taken from one reply.
const maxCommands = 16

var errUnreadable = errors.New("llm: reply is not the commands' JSON")

// parse reads the model's reply as the commands' JSON. Fields outside the
// schema are dropped; a reply that is not that JSON at all (prose, a
// wrong type, two objects) is unreadable. A fenced block (```json … ```),
// which some servers add, is unwrapped first.
func parse(reply string) ([]understand.Command, error) {
	s := strings.TrimSpace(reply)
	if strings.HasPrefix(s, "```") {
		s = strings.TrimPrefix(s, "```json")
		s = strings.TrimPrefix(s, "```")
		s = strings.TrimSuffix(strings.TrimSpace(s), "```")
	}
	var out struct {
		Commands []struct {
			Kind    string   `json:"kind"`
			Flow    string   `json:"flow"`
			Slot    string   `json:"slot"`
			Value   string   `json:"value"`
			Topic   string   `json:"topic"`
			Options []string `json:"options"`
		} `json:"commands"`
	}
	dec := json.NewDecoder(strings.NewReader(s))
	if err := dec.Decode(&out); err != nil {
		return nil, errUnreadable
	}
	if dec.More() { // a second value after the first
		return nil, errUnreadable
	}
	var cmds []understand.Command
	for i, c := range out.Commands {
		if i == maxCommands {
			break
		}
		cmds = append(cmds, understand.Command{Kind: understand.Kind(c.Kind), Flow: c.Flow, Slot: c.Slot,
			Value: c.Value, Topic: c.Topic, Options: c.Options})
	}
	return cmds, nil
}
