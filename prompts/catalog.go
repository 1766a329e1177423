// Package prompts holds every text the desk says to customers, as data: one
// YAML file per locale of text/template templates, embedded in the binary and
// checked at load (every key in every locale, every template rendered once
// with sample data).
package prompts

import (
	"bytes"
	"embed"
	"fmt"
	"sort"
	"strings"
	"text/template"
	"time"

	"go.yaml.in/yaml/v3"
)

//go:embed *.yaml
var files embed.FS

// Locales the catalog ships, the first being the fallback.
var Locales = []string{"zh-CN", "en"}

// Catalog renders reply templates by locale and key.
type Catalog struct {
	sets map[string]*template.Template
	keys []string
	kb   *Knowledge
}

// Load parses the embedded templates and checks them. Any fault is returned
// naming the file and key, so a bad template stops the start.
func Load() (*Catalog, error) {
	var sample map[string]any
	raw, err := files.ReadFile("sample.yaml")
	if err != nil {
		return nil, fmt.Errorf("prompts: sample.yaml: %w", err)
	}
	if err := yaml.Unmarshal(raw, &sample); err != nil {
		return nil, fmt.Errorf("prompts: sample.yaml: %w", err)
	}
	sample["When"] = time.Date(2026, 3, 5, 14, 30, 0, 0, time.UTC)
	kb, err := LoadKnowledge()
	if err != nil {
		return nil, err
	}
	c := &Catalog{sets: map[string]*template.Template{}, kb: kb}
	texts := map[string]map[string]string{}
	for _, loc := range Locales {
		name := loc + ".yaml"
		raw, err := files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("prompts: %s: %w", name, err)
		}
		var m map[string]string
		if err := yaml.Unmarshal(raw, &m); err != nil {
			return nil, fmt.Errorf("prompts: %s: %w", name, err)
		}
		texts[loc] = m
		set := template.New(loc).Option("missingkey=error").Funcs(funcs(loc, c))
		for key, text := range m {
			if _, err := set.New(key).Parse(strings.TrimRight(text, "\n")); err != nil {
				return nil, fmt.Errorf("prompts: %s: key %q: %w", name, key, err)
			}
		}
		c.sets[loc] = set
	}
	for key := range texts[Locales[0]] {
		c.keys = append(c.keys, key)
	}
	sort.Strings(c.keys)
	for _, loc := range Locales {
		for key := range texts[loc] {
			if _, ok := texts[Locales[0]][key]; !ok {
				return nil, fmt.Errorf("prompts: %s.yaml: key %q missing from %s.yaml", loc, key, Locales[0])
			}
		}
		for _, key := range c.keys {
			if _, ok := texts[loc][key]; !ok {
				return nil, fmt.Errorf("prompts: %s.yaml: key %q missing", loc, key)
			}
			if _, err := c.Render(loc, key, sample); err != nil {
				return nil, fmt.Errorf("prompts: %s.yaml: key %q: %w", loc, key, err)
			}
		}
	}
	return c, nil
}

// Knowledge returns the knowledge file's answers.
func (c *Catalog) Knowledge() *Knowledge { return c.kb }

// Keys lists every template key, sorted.
func (c *Catalog) Keys() []string { return c.keys }

// Render renders key in locale (falling back to zh-CN for an unknown
// locale) with data.
func (c *Catalog) Render(locale, key string, data any) (string, error) {
	set, ok := c.sets[locale]
	if !ok {
		set = c.sets[Locales[0]]
	}
	t := set.Lookup(key)
	if t == nil {
		return "", fmt.Errorf("prompts: no template %q", key)
	}
	var b bytes.Buffer
	if err := t.Execute(&b, data); err != nil {
		return "", fmt.Errorf("prompts: render %s/%s: %w", locale, key, err)
	}
	return b.String(), nil
}

// Supported reports whether locale has a template set.
func (c *Catalog) Supported(locale string) bool {
	_, ok := c.sets[locale]
	return ok
}

func funcs(locale string, c *Catalog) template.FuncMap {
	return template.FuncMap{
		// text renders another key of the same locale, without data: state
		// names, field labels.
		"text": func(key string) (string, error) { return c.Render(locale, key, nil) },
		// money shows an amount held in fen (cents) as yuan with two decimals.
		"money": func(cents any) (string, error) {
			var n int64
			switch v := cents.(type) {
			case int64:
				n = v
			case int:
				n = int64(v)
			default:
				return "", fmt.Errorf("money: %T is not an amount in fen", cents)
			}
			return fmt.Sprintf("%d.%02d", n/100, n%100), nil
		},
		// when shows a time the way the locale writes it (its fmt.when).
		"when": func(t time.Time) (string, error) {
			return c.Render(locale, "fmt.when", map[string]any{"Month": int(t.Month()), "MonthName": t.Format("Jan"),
				"Day": t.Day(), "Weekday": t.Format("Mon"), "Clock": t.Format("15:04")})
		},
	}
}
