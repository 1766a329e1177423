// Package llmtest is a fake OpenAI-compatible server for tests: POST
// /chat/completions answered from recorded replies, with the payloads the
// API documents (a chat.completion object; errors as {"error": {...}} with
// their HTTP status). Only the outside world is faked: the desk's client
// (go-openai) talks to it over loopback HTTP like to any server.
package llmtest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Key is the API key the fake server accepts.
const Key = "sk-test-frontdesk"

// Request is what the desk sent, as the fake server read it.
type Request struct {
	Model    string
	System   string // the system message
	User     string // the user message, as sent
	Customer string // the customer's words inside it
	Schema   bool   // a JSON schema was asked for
}

// Reply is one recorded answer. A zero Reply is a 200 with no commands.
type Reply struct {
	Status  int           // HTTP status; 0 is 200
	Content string        // the assistant message's content (the commands' JSON)
	Delay   time.Duration // before answering
	Tokens  int           // total tokens reported; 0 reports 50
}

// Commands returns a 200 reply whose content is the given commands' JSON,
// each a map of the command's fields (the others are filled empty, as a
// strict structured output has them).
func Commands(cmds ...map[string]any) Reply {
	var list []map[string]any
	for _, c := range cmds {
		full := map[string]any{"kind": "", "flow": "", "slot": "", "value": "", "topic": "", "options": []string{}}
		for k, v := range c {
			full[k] = v
		}
		list = append(list, full)
	}
	if list == nil {
		list = []map[string]any{}
	}
	b, _ := json.Marshal(map[string]any{"commands": list})
	return Reply{Content: string(b)}
}

// Server is the fake. Answer decides each reply; it is called for every
// request, concurrently.
type Server struct {
	*httptest.Server
	Answer func(Request) Reply
	calls  atomic.Int64
	mu     sync.Mutex
	seen   []Request
}

// New starts a fake server answering with answer (nil: no commands).
func New(answer func(Request) Reply) *Server {
	s := &Server{Answer: answer}
	s.Server = httptest.NewServer(http.HandlerFunc(s.serve))
	return s
}

// URL returns the base URL a client is pointed at (…/v1).
func (s *Server) URL() string { return s.Server.URL + "/v1" }

// Calls counts the requests served.
func (s *Server) Calls() int { return int(s.calls.Load()) }

// Seen returns the requests served so far.
func (s *Server) Seen() []Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Request(nil), s.seen...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
		apiError(w, http.StatusNotFound, "invalid_request_error", "Unknown request URL")
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+Key {
		apiError(w, http.StatusUnauthorized, "invalid_request_error", "Incorrect API key provided")
		return
	}
	var body struct {
		Model    string `json:"model"`
		Messages []struct {
			Role    string `json:"role"`
			Content string `json:"content"`
		} `json:"messages"`
		ResponseFormat *struct {
			Type string `json:"type"`
		} `json:"response_format"`
	}
	if err := json.NewDecoder(r.Body).Decode(&body); err != nil {
		apiError(w, http.StatusBadRequest, "invalid_request_error", "We could not parse the JSON body of your request.")
		return
	}
	s.calls.Add(1)
	req := Request{Model: body.Model, Schema: body.ResponseFormat != nil && body.ResponseFormat.Type == "json_schema"}
	for _, m := range body.Messages {
		switch m.Role {
		case "system":
			req.System = m.Content
		case "user":
			req.User = m.Content
			var in struct {
				CustomerMessage string `json:"customer_message"`
			}
			if json.Unmarshal([]byte(m.Content), &in) == nil {
				req.Customer = in.CustomerMessage
			}
		}
	}
	s.mu.Lock()
	s.seen = append(s.seen, req)
	s.mu.Unlock()
	rep := Reply{}
	if s.Answer != nil {
		rep = s.Answer(req)
	}
	if rep.Delay > 0 {
		select {
		case <-time.After(rep.Delay):
		case <-r.Context().Done():
			return
		}
	}
	switch {
	case rep.Status == http.StatusTooManyRequests:
		apiError(w, rep.Status, "requests", "Rate limit reached for requests")
		return
	case rep.Status >= 400:
		apiError(w, rep.Status, "server_error", "The server had an error while processing your request.")
		return
	}
	if rep.Content == "" {
		rep.Content = `{"commands": []}`
	}
	if rep.Tokens == 0 {
		rep.Tokens = 50
	}
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"id": fmt.Sprintf("chatcmpl-%d", s.calls.Load()), "object": "chat.completion", "created": time.Now().Unix(), "model": body.Model,
		"choices": []map[string]any{{"index": 0, "message": map[string]any{"role": "assistant", "content": rep.Content}, "finish_reason": "stop"}},
		"usage":   map[string]any{"prompt_tokens": rep.Tokens - 10, "completion_tokens": 10, "total_tokens": rep.Tokens},
	})
}

func apiError(w http.ResponseWriter, status int, typ, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"error": {"message": %q, "type": %q, "param": null, "code": %q}}`, msg, typ, strings.ReplaceAll(strings.ToLower(http.StatusText(status)), " ", "_"))
}
