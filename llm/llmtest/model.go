package llmtest

import (
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/llm"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/understand"
)

// Model returns a model in front of the embedded rules, calling srv with
// the given timeout per call; tune, when not nil, adjusts its settings.
func Model(t testing.TB, srv *Server, timeout time.Duration, tune func(*llm.Config)) *llm.Model {
	t.Helper()
	rules, err := understand.Default()
	if err != nil {
		t.Fatal(err)
	}
	k, err := prompts.LoadKnowledge()
	if err != nil {
		t.Fatal(err)
	}
	mp, err := prompts.LoadModelPrompt(k)
	if err != nil {
		t.Fatal(err)
	}
	cfg := llm.Config{BaseURL: srv.URL(), APIKey: Key, Model: "test-model", Timeout: timeout, Company: "Test After-Sales"}
	if tune != nil {
		tune(&cfg)
	}
	return llm.New(cfg, rules, mp, rules.Choices(), nil)
}
