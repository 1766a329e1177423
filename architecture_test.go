package main

import (
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// TestArchitecturePictureMatchesImports: the README's package picture
// (each package and the packages of ours it imports) is what go list says,
// so the one direction of imports it shows is the code's.
func TestArchitecturePictureMatchesImports(t *testing.T) {
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}}:{{join .Imports " "}}`, "./...").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	const mod = "github.com/frontdesk/frontdesk/"
	want := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ":")
		pkg, ok := strings.CutPrefix(pkg, mod)
		if !ok || strings.HasSuffix(pkg, "test") {
			continue // main wires everything; the fakes serve tests
		}
		ours := []string{}
		for _, imp := range strings.Fields(imports) {
			if p, ok := strings.CutPrefix(imp, mod); ok {
				ours = append(ours, p)
			}
		}
		slices.Sort(ours)
		want[pkg] = ours
	}
	raw, err := os.ReadFile("README.md")
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, m := range regexp.MustCompile(`(?m)^ ([a-z/]+) +→ (.*)$`).FindAllStringSubmatch(string(raw), -1) {
		ours := []string{}
		if !strings.HasPrefix(m[2], "(") {
			ours = strings.Split(m[2], ", ")
		}
		got[m[1]] = ours
	}
	for pkg, imports := range want {
		if g, ok := got[pkg]; !ok {
			t.Errorf("the README's picture has no line for %s (→ %s)", pkg, strings.Join(imports, ", "))
		} else if !slices.Equal(g, imports) {
			t.Errorf("README: %s → %s; go list: %s", pkg, strings.Join(g, ", "), strings.Join(imports, ", "))
		}
	}
	for pkg := range got {
		if _, ok := want[pkg]; !ok {
			t.Errorf("the README's picture names %s, which is not a package", pkg)
		}
	}
}
