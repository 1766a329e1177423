package main

import (
	"strings"
	"sync"

	"github.com/frontdesk/frontdesk/prompts"
)

// helpText is a help page of the command line (prompts' help.* keys) in
// locale, the catalog's first locale when locale is not one it ships. It
// needs no configuration, so help works even when that is broken.
func helpText(locale, key string) string {
	texts, err := helpTexts()
	if err != nil {
		return err.Error() + "\n"
	}
	s, err := texts.Render(locale, key, nil)
	if err != nil {
		return err.Error() + "\n"
	}
	return s + "\n"
}

// helpTexts is the embedded catalog, loaded once for the help pages.
var helpTexts = sync.OnceValues(prompts.Load)

// mainHelp is frontdesk help: the commands, with the staff grammar.
func mainHelp(locale string) string {
	return helpText(locale, "help.main") + indent(helpText(locale, "help.grammar"))
}

// grammarLine is the staff grammar's line for verb, "" when none.
func grammarLine(locale, verb string) string {
	for _, line := range strings.Split(helpText(locale, "help.grammar"), "\n") {
		if strings.HasPrefix(line, strings.ToLower(verb)+" ") {
			return line
		}
	}
	return ""
}
