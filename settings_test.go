package main

import (
	"flag"
	"os"
	"regexp"
	"strings"
	"testing"
)

var updateReadme = flag.Bool("update", false, "rewrite the README's configuration table from settings.go")

// settingsMarkdown is the README's configuration table, made from the
// configuration table in settings.go.
func settingsMarkdown() string {
	var b strings.Builder
	b.WriteString("| variable | file key | default | meaning |\n| --- | --- | --- | --- |\n")
	code := func(s string) string {
		if s == "" {
			return "—"
		}
		return "`" + s + "`"
	}
	for _, s := range settings {
		def := code(s.Def)
		switch {
		case s.dynamic != nil:
			def = "computed (below)"
		case s.Def == "":
			def = "empty"
		}
		b.WriteString("| " + code(s.Env) + " | " + code(s.Key) + " | " + def + " | " + s.Help + " |\n")
	}
	return b.String()
}

const tableStart, tableEnd = "<!-- settings table: go test -run TestReadmeTableIsTheSettingsTable -update -->\n", "<!-- end of settings table -->\n"

// TestReadmeTableIsTheSettingsTable: the README's configuration table is
// the one in settings.go, row for row (-update rewrites it).
func TestReadmeTableIsTheSettingsTable(t *testing.T) {
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(raw)
	a, b := strings.Index(readme, tableStart), strings.Index(readme, tableEnd)
	if a < 0 || b < a {
		t.Fatalf("the README has no settings table between %q and %q", tableStart, tableEnd)
	}
	want := settingsMarkdown()
	if got := readme[a+len(tableStart) : b]; got != want {
		if *updateReadme {
			if err := os.WriteFile("README.md", []byte(readme[:a+len(tableStart)]+want+readme[b:]), 0o644); err != nil {
				t.Fatal(err)
			}
			return
		}
		t.Errorf("the README's configuration table differs from settings.go; run go test -run TestReadmeTableIsTheSettingsTable -update")
	}
}

// TestExamplesFollowTheSettingsTable: frontdesk.example.yaml holds every
// key of the table with its default, its variable named beside it, and
// nothing else; frontdesk.env.example sets only variables the table has.
func TestExamplesFollowTheSettingsTable(t *testing.T) {
	vals, err := readRules("frontdesk.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile("frontdesk.example.yaml")
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]bool{}
	for _, s := range settings {
		env[s.Env] = s.Env != ""
		if s.Key == "" {
			continue
		}
		line := s.Key[strings.LastIndex(s.Key, ".")+1:] + ":"
		if s.Key == workHoursKey {
			line = "open:"
		}
		if !strings.Contains(string(raw), line) {
			t.Errorf("frontdesk.example.yaml has no %s", s.Key)
			continue
		}
		if s.Env != "" && !strings.Contains(string(raw), s.Env) {
			t.Errorf("frontdesk.example.yaml does not name %s beside %s", s.Env, s.Key)
		}
		got, def := vals[s.Key].value, s.Def
		if s.Env == "FRONTDESK_COMPANY" || s.Env == "FRONTDESK_COMPANY_EN" || s.Env == "FRONTDESK_TAGLINE" || s.Env == "FRONTDESK_TAGLINE_EN" {
			continue // the example shows the texts' own defaults, written out
		}
		if strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(def, " ", "") && !(def == "" && (got == "" || got == "none")) {
			t.Errorf("frontdesk.example.yaml: %s is %q, the default is %q", s.Key, got, def)
		}
	}
	envRaw, err := os.ReadFile("frontdesk.env.example")
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range regexp.MustCompile(`(?m)^#?([A-Z][A-Z0-9_]+)=`).FindAllStringSubmatch(string(envRaw), -1) {
		if !env[m[1]] {
			t.Errorf("frontdesk.env.example sets %s, which is not in the settings table", m[1])
		}
	}
}
