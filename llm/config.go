// Package llm puts a language model, any OpenAI-compatible server reached
// through go-openai, behind the rules of package understand. The model is
// asked only when the rules are unsure of a message; it proposes the same
// commands as the rules, through a JSON schema, and every command is
// checked in code (understand.Rules.Check) before the flows see it. It
// never writes SQL, never changes a ticket and never states a price, a
// date, a warranty verdict or a diagnosis: there is no command for any of
// them. Any failure (timeout, error, budget, open breaker, unreadable
// output) leaves the rules' reading, with no word to the customer.
package llm

import "time"

// Config is the model's settings (OPENAI_* and FRONTDESK_MODEL_* in the
// environment). The model is off when APIKey is empty.
type Config struct {
	BaseURL string // OPENAI_BASE_URL: the server's /v1 address
	APIKey  string // OPENAI_API_KEY
	Model   string // OPENAI_MODEL
	// Timeout bounds one call; a failed call is tried once more, so a
	// turn waits at most about twice this, well inside the chat's lock.
	Timeout time.Duration
	// ChatTokens and DailyTokens cap the tokens spent per chat and in
	// all, per day (in the desk's time zone).
	ChatTokens, DailyTokens int
	// After BreakerFailures failed calls in a row the model is not called
	// for BreakerCooldown; then one call tries it again.
	BreakerFailures int
	BreakerCooldown time.Duration
	// Company names the desk in the prompt.
	Company string
}

// Defaults of the settings left zero.
const (
	DefaultModel           = "gpt-4o-mini"
	DefaultTimeout         = 3 * time.Second
	DefaultChatTokens      = 20000
	DefaultDailyTokens     = 1000000
	DefaultBreakerFailures = 3
	DefaultBreakerCooldown = 30 * time.Second
	// MaxText caps the customer's words sent to the model, in characters.
	MaxText = 500
)

// Enabled says a model is configured.
func (c Config) Enabled() bool { return c.APIKey != "" }

func (c Config) withDefaults() Config {
	if c.Model == "" {
		c.Model = DefaultModel
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.ChatTokens <= 0 {
		c.ChatTokens = DefaultChatTokens
	}
	if c.DailyTokens <= 0 {
		c.DailyTokens = DefaultDailyTokens
	}
	if c.BreakerFailures <= 0 {
		c.BreakerFailures = DefaultBreakerFailures
	}
	if c.BreakerCooldown <= 0 {
		c.BreakerCooldown = DefaultBreakerCooldown
	}
	return c
}
