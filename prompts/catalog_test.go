package prompts

import (
	"strings"
	"testing"
	"time"
)

func TestLoadChecksEveryKeyInEveryLocale(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Keys()) < 50 {
		t.Fatalf("only %d keys loaded", len(c.Keys()))
	}
	for _, loc := range Locales {
		got, err := c.Render(loc, "quote.show", map[string]any{"Number": "FD-1001", "Product": "p", "Fault": "f",
			"Cause": "c", "Work": "w", "Cents": int64(35050), "Days": 3})
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(got, "350.50") || !strings.Contains(got, "FD-1001") {
			t.Errorf("%s quote.show = %q", loc, got)
		}
	}
}

func TestRenderNamesMissingData(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Render("en", "ticket.created", map[string]any{"Number": "FD-1"}); err == nil {
		t.Fatal("rendering without Mode and When should fail")
	}
	if _, err := c.Render("en", "no.such.key", nil); err == nil {
		t.Fatal("unknown key should fail")
	}
	got, err := c.Render("en", "handover.after_hours", map[string]any{"When": time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)})
	if err != nil || !strings.Contains(got, "Mon Jan 5, 09:00") {
		t.Fatalf("got %q, %v", got, err)
	}
	zh, _ := c.Render("zh-CN", "handover.after_hours", map[string]any{"When": time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC)})
	if !strings.Contains(zh, "1月5日 09:00") {
		t.Fatalf("zh got %q", zh)
	}
}

func TestUnknownLocaleFallsBackToChinese(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	a, _ := c.Render("fr", "empty", nil)
	b, _ := c.Render("zh-CN", "empty", nil)
	if a != b || a == "" {
		t.Fatalf("fallback %q vs %q", a, b)
	}
}

// TestLoadScriptReadsWhole: the load command's customer loads, each step a
// message or a press, and it ends on the ticket's number.
func TestLoadScriptReadsWhole(t *testing.T) {
	steps, err := LoadScript()
	if err != nil {
		t.Fatal(err)
	}
	if len(steps) < 2 || steps[len(steps)-1].Want != "FD-" {
		t.Fatalf("script %+v", steps)
	}
}
