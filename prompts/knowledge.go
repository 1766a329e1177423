package prompts

import (
	"bytes"
	"fmt"
	"sort"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"
)

// Entry is one answer of the knowledge file: a common question (warranty
// terms, on-site fees, service hours) and the ways customers ask it.
type Entry struct {
	Topic  string   `yaml:"topic"`
	Cues   []string `yaml:"cues"`
	Answer string   `yaml:"answer"`
}

// KnowledgeData fills the knowledge answers from the desk's settings, so
// that no answer states a figure the desk did not configure.
type KnowledgeData struct {
	Company, Hotline, Hours                     string
	WarrantyMonths, RepairDays, FirstReplyHours int
}

// Knowledge holds every locale's answers, checked at load: the same topics
// in every locale, every answer rendered once.
type Knowledge struct {
	answers map[string]map[string]*template.Template // locale → topic
	cues    map[string][]string                      // topic → cues of every locale
}

// LoadKnowledge parses and checks the embedded knowledge files.
func LoadKnowledge() (*Knowledge, error) {
	k := &Knowledge{answers: map[string]map[string]*template.Template{}, cues: map[string][]string{}}
	sample := KnowledgeData{Company: "Frontdesk", Hotline: "400-000-0000", Hours: "9:00–18:30", WarrantyMonths: 12, RepairDays: 3, FirstReplyHours: 4}
	for _, loc := range Locales {
		raw, err := KnowledgeFile(loc)
		if err != nil {
			return nil, err
		}
		var es []Entry
		if err := yaml.Unmarshal(raw, &es); err != nil {
			return nil, fmt.Errorf("prompts: knowledge/%s.yaml: %w", loc, err)
		}
		k.answers[loc] = map[string]*template.Template{}
		for _, e := range es {
			if e.Topic == "" || strings.TrimSpace(e.Answer) == "" || len(e.Cues) == 0 {
				return nil, fmt.Errorf("prompts: knowledge/%s.yaml: topic %q needs cues and an answer", loc, e.Topic)
			}
			t, err := template.New(e.Topic).Option("missingkey=error").Parse(strings.TrimRight(e.Answer, "\n"))
			if err != nil {
				return nil, fmt.Errorf("prompts: knowledge/%s.yaml: topic %q: %w", loc, e.Topic, err)
			}
			if err := t.Execute(&bytes.Buffer{}, sample); err != nil {
				return nil, fmt.Errorf("prompts: knowledge/%s.yaml: topic %q: %w", loc, e.Topic, err)
			}
			k.answers[loc][e.Topic] = t
			k.cues[e.Topic] = append(k.cues[e.Topic], e.Cues...)
		}
	}
	for topic := range k.cues {
		for _, loc := range Locales {
			if k.answers[loc][topic] == nil {
				return nil, fmt.Errorf("prompts: knowledge/%s.yaml: topic %q missing", loc, topic)
			}
		}
	}
	return k, nil
}

// Cues returns each topic's cues, every locale's together.
func (k *Knowledge) Cues() map[string][]string { return k.cues }

// Answer renders topic's answer in locale (zh-CN for an unknown locale).
func (k *Knowledge) Answer(locale, topic string, d KnowledgeData) (string, error) {
	set, ok := k.answers[locale]
	if !ok {
		set = k.answers[Locales[0]]
	}
	t := set[topic]
	if t == nil {
		return "", fmt.Errorf("prompts: no knowledge topic %q", topic)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return "", fmt.Errorf("prompts: knowledge %s/%s: %w", locale, topic, err)
	}
	return b.String(), nil
}

// Topics lists the knowledge file's topics, sorted.
func (k *Knowledge) Topics() []string {
	var ts []string
	for t := range k.cues {
		ts = append(ts, t)
	}
	sort.Strings(ts)
	return ts
}
