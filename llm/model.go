package llm

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"slices"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/understand"
)

// Model reads a message with the rules and, when they are unsure, asks the
// language model for commands, checks them and merges them with the rules'
// reading. It is safe for concurrent use: calls for different chats run at
// once, nothing is serialised across chats.
type Model struct {
	cfg     Config
	rules   *understand.Rules
	prompt  *prompts.ModelPrompt
	choices map[string][]string
	client  *openai.Client
	log     *slog.Logger
	brk     breaker
	bud     budget
	n       counters
}

// New returns a Model calling the server of cfg. rules are the floor under
// it; prompt is the checked model prompt (prompts.LoadModelPrompt).
func New(cfg Config, rules *understand.Rules, prompt *prompts.ModelPrompt, choices map[string]map[string][]string, log *slog.Logger) *Model {
	cfg = cfg.withDefaults()
	oc := openai.DefaultConfig(cfg.APIKey)
	if cfg.BaseURL != "" {
		oc.BaseURL = cfg.BaseURL
	}
	oc.HTTPClient = &http.Client{} // bounded by each call's context
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Model{cfg: cfg, rules: rules, prompt: prompt, choices: choiceCodes(choices), client: openai.NewClientWithConfig(oc), log: log,
		brk: breaker{n: cfg.BreakerFailures, cooldown: cfg.BreakerCooldown},
		bud: budget{chatMax: cfg.ChatTokens, dayMax: cfg.DailyTokens}}
}

// Stats returns what the model has done so far.
func (m *Model) Stats() Stats { return m.n.snapshot() }

// Understand reads text in context c: the rules' reading, improved by the
// model's checked commands when the rules were unsure.
func (m *Model) Understand(ctx context.Context, c understand.Context, text string, now time.Time) understand.Result {
	res := m.rules.Understand(c, text, now)
	if !res.Unsure || res.Text == "" {
		return res
	}
	if c.Locale == "" {
		c.Locale = res.Locale // a first message: the prompt in the language it is written in
	}
	cmds, err := m.ask(ctx, c, res.Text, now)
	if err != nil {
		m.n.fallbacks.Add(1)
		return res
	}
	checked := m.rules.Check(c, cmds, now)
	if len(checked) == 0 {
		m.n.fallbacks.Add(1)
		return res
	}
	m.n.understood.Add(1)
	res.Commands = merge(res.Commands, checked)
	res.Unsure = false
	return res
}

// ask calls the model, once more after a failure, within the budget and
// while the breaker is closed.
func (m *Model) ask(ctx context.Context, c understand.Context, text string, now time.Time) ([]understand.Command, error) {
	if !m.bud.allow(c.Chat, now) {
		m.n.budget.Add(1)
		return nil, errBudget
	}
	system, err := m.prompt.System(c.Locale, prompts.ModelData{Company: m.cfg.Company, Flow: c.Flow, Asked: c.Asked, Choices: m.choices})
	if err != nil {
		return nil, err
	}
	req := openai.ChatCompletionRequest{
		Model: m.cfg.Model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: userMessage(text, c.Recent)},
		},
		MaxTokens: 400,
		ResponseFormat: &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONSchema,
			JSONSchema: &openai.ChatCompletionResponseFormatJSONSchema{Name: "commands", Schema: schema, Strict: true}},
	}
	for attempt := 0; attempt < 2; attempt++ {
		if !m.brk.allow(time.Now()) {
			m.n.breaker.Add(1)
			return nil, errOpen
		}
		cmds, retry, err := m.call(ctx, c.Chat, req, now)
		m.brk.done(err == nil || !retry, time.Now())
		if err == nil || !retry || ctx.Err() != nil {
			return cmds, err
		}
	}
	return nil, errGaveUp
}

var (
	errBudget = errors.New("llm: token budget spent")
	errOpen   = errors.New("llm: breaker open")
	errGaveUp = errors.New("llm: failed twice")
)

// call makes one request for commands. retry says the failure is the
// server's (an error status, a timeout, no connection) and may pass.
func (m *Model) call(ctx context.Context, chat string, req openai.ChatCompletionRequest, now time.Time) (cmds []understand.Command, retry bool, err error) {
	content, err := m.complete(ctx, chat, req, now)
	if err != nil {
		return nil, errors.Is(err, errServer), err
	}
	if cmds, err = parse(content); err != nil {
		m.n.unreadable.Add(1)
		m.log.Warn("llm: unreadable reply")
		return nil, false, err
	}
	return cmds, false, nil
}

// errServer marks a failure that is the server's: an error status worth
// one more try (429, 5xx), a timeout, no connection.
var errServer = errors.New("llm: server failed")

// complete makes one request, bounded by the timeout, and returns the
// reply's content, counting the tokens against chat's budget.
func (m *Model) complete(ctx context.Context, chat string, req openai.ChatCompletionRequest, now time.Time) (string, error) {
	cctx, cancel := context.WithTimeout(ctx, m.cfg.Timeout)
	defer cancel()
	start := time.Now()
	m.n.calls.Add(1)
	resp, err := m.client.CreateChatCompletion(cctx, req)
	m.n.latency.Add(int64(time.Since(start)))
	if err != nil {
		m.n.failures.Add(1)
		status := 0
		var api *openai.APIError
		var reqErr *openai.RequestError
		switch {
		case errors.As(err, &api):
			status = api.HTTPStatusCode
		case errors.As(err, &reqErr):
			status = reqErr.HTTPStatusCode
		}
		// never the customer's words in the log
		m.log.Warn("llm: call failed", "status", status, "err", err, "took", time.Since(start).Round(time.Millisecond))
		if status == 0 || status == http.StatusTooManyRequests || status >= 500 {
			return "", fmt.Errorf("%w: %w", errServer, err)
		}
		return "", err
	}
	tokens := resp.Usage.TotalTokens
	if tokens <= 0 {
		tokens = (len(req.Messages[0].Content) + len(req.Messages[1].Content)) / 3 // the server did not say: a fair guess
	}
	m.n.tokens.Add(int64(tokens))
	m.bud.spend(chat, tokens, now)
	if len(resp.Choices) == 0 {
		m.n.unreadable.Add(1)
		return "", errUnreadable
	}
	return resp.Choices[0].Message.Content, nil
}

// merge joins the rules' reading and the model's checked commands: the
// model's reading of what the message asks (its flow, its answer) replaces
// the rules' unsure one; every value the rules extracted stays (it passed
// their validators), and the model's values fill the slots the rules left.
func merge(rules, model []understand.Command) []understand.Command {
	isSlot := func(c understand.Command) bool {
		return c.Kind == understand.SetSlot || c.Kind == understand.CorrectSlot
	}
	var out []understand.Command
	modelReads := false
	for _, c := range model {
		if !isSlot(c) {
			modelReads = true
			out = append(out, c)
		}
	}
	if !modelReads {
		for _, c := range rules {
			if !isSlot(c) {
				out = append(out, c)
			}
		}
	}
	flow := ""
	for _, c := range out {
		if c.Kind == understand.StartFlow {
			flow = c.Flow
			break
		}
	}
	have := map[string]bool{}
	for _, c := range rules {
		// a fact of the rules' reading that the model's flow does not collect stays out
		if isSlot(c) && (flow == "" || slices.Contains(understand.FlowSlots[flow], c.Slot)) {
			have[c.Slot] = true
			out = append(out, c)
		}
	}
	for _, c := range model {
		if isSlot(c) && !have[c.Slot] {
			out = append(out, c)
		}
	}
	return out
}
