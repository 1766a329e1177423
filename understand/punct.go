package understand

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"github.com/frontdesk/frontdesk/prompts"
	"go.yaml.in/yaml/v3"
)

// Marks are the punctuation marks of the written languages that are not
// ASCII (a Chinese full stop, list comma, colon), from the lexicon
// (punctuation: in prompts/lexicon/<locale>.yaml) like every other word the
// rules read. Normalize makes the full-width forms of ASCII marks
// half-width, but the public parsers also read answers as typed.
type Marks struct {
	// Stops end a sentence (。); Pauses part a clause or a list (、).
	Stops  []string `yaml:"stops"`
	Pauses []string `yaml:"pauses"`
	Colons []string `yaml:"colons"` // come before a value (：)
	Comma  string   `yaml:"comma"`  // joins the clauses of a text written in the language (，)

	stops, pauses, colons string         // each set run together, for trimming
	clauseSep             *regexp.Regexp // a run of clause punctuation, or a sentence's end
	first                 [256]bool      // the first bytes of the marks, for clauseBreakAt
}

// marks is the lexicon's punctuation, merged from every locale, loaded once.
var marks = sync.OnceValue(func() *Marks {
	m, err := loadMarks()
	if err != nil {
		panic(err) // embedded data: every test loads it
	}
	return m
})

func loadMarks() (*Marks, error) {
	m := &Marks{}
	for _, loc := range prompts.Locales {
		files, err := prompts.LexiconFiles(loc)
		if err != nil {
			return nil, err
		}
		for name, raw := range files {
			var part struct {
				P Marks `yaml:"punctuation"`
			}
			if err := yaml.Unmarshal(raw, &part); err != nil {
				return nil, fmt.Errorf("understand: lexicon %s: %w", name, err)
			}
			m.Stops, m.Pauses, m.Colons = append(m.Stops, part.P.Stops...), append(m.Pauses, part.P.Pauses...), append(m.Colons, part.P.Colons...)
			if part.P.Comma != "" {
				m.Comma = part.P.Comma
			}
		}
	}
	m.stops, m.pauses, m.colons = strings.Join(m.Stops, ""), strings.Join(m.Pauses, ""), strings.Join(m.Colons, "")
	m.clauseSep = regexp.MustCompile(`[,;!?` + regexp.QuoteMeta(m.stops+m.pauses) + `\n]+|\.\s+|\.$|\s+-\s+`)
	for _, p := range append(m.Stops, m.Pauses...) {
		m.first[p[0]] = true
	}
	if m.Comma == "" {
		m.Comma = ", "
	}
	return m, nil
}

// breakAt says a stop or a pause starts at byte i of s.
func (m *Marks) breakAt(s string, i int) bool {
	if !m.first[s[i]] {
		return false
	}
	for _, p := range m.Stops {
		if strings.HasPrefix(s[i:], p) {
			return true
		}
	}
	for _, p := range m.Pauses {
		if strings.HasPrefix(s[i:], p) {
			return true
		}
	}
	return false
}
