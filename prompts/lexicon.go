package prompts

import (
	"embed"
	"fmt"
	"io/fs"
	"strings"
)

// The lexicon (the words the rules understand) and the knowledge file (the
// answers to common questions) are data like the replies: one folder each,
// files named by locale.
//
//go:embed lexicon/*.yaml knowledge/*.yaml model/*.yaml
var data embed.FS

// LexiconFiles returns the lexicon files of locale (zh-CN.yaml and any
// zh-CN.*.yaml), by name.
func LexiconFiles(locale string) (map[string][]byte, error) {
	return localeFiles("lexicon", locale)
}

// KnowledgeFile returns the knowledge file of locale.
func KnowledgeFile(locale string) ([]byte, error) {
	b, err := data.ReadFile("knowledge/" + locale + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("prompts: knowledge %s: %w", locale, err)
	}
	return b, nil
}

func localeFiles(dir, locale string) (map[string][]byte, error) {
	entries, err := fs.ReadDir(data, dir)
	if err != nil {
		return nil, fmt.Errorf("prompts: %s: %w", dir, err)
	}
	out := map[string][]byte{}
	for _, e := range entries {
		n := e.Name()
		if n != locale+".yaml" && !strings.HasPrefix(n, locale+".") {
			continue
		}
		b, err := data.ReadFile(dir + "/" + n)
		if err != nil {
			return nil, fmt.Errorf("prompts: %s/%s: %w", dir, n, err)
		}
		out[dir+"/"+n] = b
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("prompts: no %s files for %s", dir, locale)
	}
	return out, nil
}

// LexiconExamples returns the labelled example messages the intent
// classifier learns from (lexicon/examples.yaml).
func LexiconExamples() ([]byte, error) {
	b, err := data.ReadFile("lexicon/examples.yaml")
	if err != nil {
		return nil, fmt.Errorf("prompts: lexicon examples: %w", err)
	}
	return b, nil
}
