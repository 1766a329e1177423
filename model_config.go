package main

import (
	"fmt"
	"net/url"
	"strconv"
	"time"

	"github.com/frontdesk/frontdesk/llm"
)

// loadModelConfig reads the language model's settings: off unless
// OPENAI_API_KEY is set.
func loadModelConfig(get func(key, def string) string, company string) (llm.Config, error) {
	c := llm.Config{BaseURL: get("OPENAI_BASE_URL", ""), APIKey: get("OPENAI_API_KEY", ""), Model: get("OPENAI_MODEL", llm.DefaultModel), Company: company}
	if c.BaseURL != "" {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return c, fmt.Errorf("OPENAI_BASE_URL: %q is not an http(s) URL like https://api.deepseek.com/v1", c.BaseURL)
		}
	}
	v := get("FRONTDESK_MODEL_TIMEOUT", "3s")
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 || d > 10*time.Second {
		return c, fmt.Errorf("FRONTDESK_MODEL_TIMEOUT: %q is not a duration from 1ms to 10s (a turn waits for it inside the chat's lock)", v)
	}
	c.Timeout = d
	for _, n := range []struct {
		key, def string
		dst      *int
	}{
		{"FRONTDESK_MODEL_CHAT_TOKENS", strconv.Itoa(llm.DefaultChatTokens), &c.ChatTokens},
		{"FRONTDESK_MODEL_DAILY_TOKENS", strconv.Itoa(llm.DefaultDailyTokens), &c.DailyTokens},
	} {
		v := get(n.key, n.def)
		if *n.dst, err = strconv.Atoi(v); err != nil || *n.dst <= 0 {
			return c, fmt.Errorf("%s: %q is not a positive whole number of tokens", n.key, v)
		}
	}
	return c, nil
}
