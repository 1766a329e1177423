package prompts

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"text/template"

	"go.yaml.in/yaml/v3"
)

// ModelPrompt is what the desk tells a language model about reading a
// customer's message, per locale (prompts/model/<locale>.yaml): a system
// text and a gloss of every knowledge topic.
type ModelPrompt struct {
	system map[string]*template.Template
	reword map[string]*template.Template
	topics map[string]map[string]string
}

// ModelData fills a model prompt: the desk's name, the open flow and the
// question just asked, the allowed codes of each choice slot.
type ModelData struct {
	Company string
	Flow    string
	Asked   string
	Choices map[string][]string
	Topics  map[string]string // filled from the file
}

// LoadModelPrompt reads and checks every locale's model prompt: the
// template must render, and its topics must be the knowledge file's.
func LoadModelPrompt(k *Knowledge) (*ModelPrompt, error) {
	p := &ModelPrompt{system: map[string]*template.Template{}, reword: map[string]*template.Template{}, topics: map[string]map[string]string{}}
	for _, loc := range Locales {
		raw, err := data.ReadFile("model/" + loc + ".yaml")
		if err != nil {
			return nil, fmt.Errorf("prompts: model %s: %w", loc, err)
		}
		var f struct {
			System string            `yaml:"system"`
			Reword string            `yaml:"reword"`
			Topics map[string]string `yaml:"topics"`
		}
		if err := yaml.Unmarshal(raw, &f); err != nil {
			return nil, fmt.Errorf("prompts: model/%s.yaml: %w", loc, err)
		}
		t, err := template.New(loc).Option("missingkey=error").Funcs(template.FuncMap{"join": strings.Join}).Parse(f.System)
		if err != nil {
			return nil, fmt.Errorf("prompts: model/%s.yaml: %w", loc, err)
		}
		rw, err := template.New(loc + "/reword").Option("missingkey=error").Parse(f.Reword)
		if err != nil || strings.TrimSpace(f.Reword) == "" {
			return nil, fmt.Errorf("prompts: model/%s.yaml: reword: %v", loc, err)
		}
		p.system[loc], p.reword[loc], p.topics[loc] = t, rw, f.Topics
		if _, err := p.Reword(loc, "Frontdesk"); err != nil {
			return nil, err
		}
		if k != nil {
			want, got := k.Topics(), mapKeys(f.Topics)
			if !slices.Equal(want, got) {
				return nil, fmt.Errorf("prompts: model/%s.yaml: topics %v, the knowledge file has %v", loc, got, want)
			}
		}
		if _, err := p.System(loc, ModelData{Company: "Frontdesk", Flow: "report", Asked: "phone",
			Choices: map[string][]string{"mode": {"on_site", "carry_in"}}}); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// System renders the system text of locale (zh-CN when it has none).
func (p *ModelPrompt) System(locale string, d ModelData) (string, error) {
	t, ok := p.system[locale]
	if !ok {
		locale, t = Locales[0], p.system[Locales[0]]
	}
	d.Topics = p.topics[locale]
	var b bytes.Buffer
	if err := t.Execute(&b, d); err != nil {
		return "", fmt.Errorf("prompts: model/%s.yaml: %w", locale, err)
	}
	return b.String(), nil
}

func mapKeys(m map[string]string) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	slices.Sort(ks)
	return ks
}

// Reword renders the text asking to reword a staff reply politely, in
// locale (zh-CN when it has none).
func (p *ModelPrompt) Reword(locale, company string) (string, error) {
	t, ok := p.reword[locale]
	if !ok {
		locale, t = Locales[0], p.reword[Locales[0]]
	}
	var b bytes.Buffer
	if err := t.Execute(&b, ModelData{Company: company}); err != nil {
		return "", fmt.Errorf("prompts: model/%s.yaml: reword: %w", locale, err)
	}
	return b.String(), nil
}
