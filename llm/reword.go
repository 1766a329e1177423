package llm

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	openai "github.com/sashabaranov/go-openai"
)

// rewordChat is the budget key of staff rewordings.
const rewordChat = "staff:reword"

var rewordSchema = json.RawMessage(`{
  "type": "object",
  "properties": {"text": {"type": "string"}},
  "required": ["text"],
  "additionalProperties": false
}`)

var errReworded = errors.New("llm: the rewording changed the facts")

// Reword asks the model for one politer wording of a staff reply the
// courtesy check stopped, in locale (the reply's own language when ""). A
// rewording that adds a number or a date the reply did not have, or that
// is empty or far longer, is refused: staff are then left with their own
// words and the check's advice, as without a model.
func (m *Model) Reword(ctx context.Context, text, locale string) (string, error) {
	now := time.Now()
	if locale == "" {
		locale, _ = m.rules.DetectLocale(text)
	}
	if !m.bud.allow(rewordChat, now) {
		m.n.budget.Add(1)
		return "", errBudget
	}
	system, err := m.prompt.Reword(locale, m.cfg.Company)
	if err != nil {
		return "", err
	}
	user, _ := json.Marshal(struct {
		StaffReply string `json:"staff_reply"`
	}{clean(text)})
	req := openai.ChatCompletionRequest{
		Model: m.cfg.Model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: string(user)},
		},
		MaxTokens: 600,
		ResponseFormat: &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{Name: "rewording", Schema: rewordSchema, Strict: true}},
	}
	if !m.brk.allow(now) {
		m.n.breaker.Add(1)
		return "", errOpen
	}
	content, err := m.complete(ctx, rewordChat, req, now)
	m.brk.done(err == nil || !errors.Is(err, errServer), time.Now())
	if err != nil {
		return "", err
	}
	var out struct {
		Text string `json:"text"`
	}
	if err := json.Unmarshal([]byte(strings.TrimSpace(content)), &out); err != nil {
		m.n.unreadable.Add(1)
		return "", errUnreadable
	}
	rw := strings.TrimSpace(out.Text)
	if rw == "" || utf8.RuneCountInString(rw) > 2*utf8.RuneCountInString(text)+200 || !sameNumbers(text, rw) {
		return "", errReworded
	}
	return rw, nil
}

// sameNumbers says b holds no digit run that a does not: a rewording keeps
// every number and date of the reply and adds none.
func sameNumbers(a, b string) bool {
	have := map[string]bool{}
	for _, n := range digitRuns(a) {
		have[n] = true
	}
	for _, n := range digitRuns(b) {
		if !have[n] {
			return false
		}
	}
	return true
}

func digitRuns(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsDigit(r) })
}
