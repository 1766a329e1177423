package telegram

import (
	"sync"
	"time"
)

// sentTTL is how long a reply's delivery is remembered, in this process and
// in Redis: far longer than any retry of the step after sending.
const sentTTL = 24 * time.Hour

// sentMax bounds the replies remembered in this process.
const sentMax = 100000

// sentSet remembers the replies this process has sent, by id, oldest first
// out. It answers when Redis does not (the record there is written after
// the send, and may fail with the step that pops the reply).
type sentSet struct {
	mu    sync.Mutex
	at    map[string]time.Time
	order []string
}

func (s *sentSet) add(id string, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.at == nil {
		s.at = map[string]time.Time{}
	}
	if _, ok := s.at[id]; ok {
		return
	}
	s.at[id] = now
	s.order = append(s.order, id)
	for len(s.order) > 0 && (len(s.order) > sentMax || now.Sub(s.at[s.order[0]]) > sentTTL) {
		delete(s.at, s.order[0])
		s.order = s.order[1:]
	}
}

func (s *sentSet) has(id string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.at[id]
	return ok
}

// sentPrefix starts the key under which a sent reply is recorded in Redis
// (by the step that pops it, Outbound.Advance), followed by its id.
const sentPrefix = "sent:" + Channel + ":"

// sentKey is where a sent reply is recorded in Redis ("" for none).
func sentKey(id string) string {
	if id == "" {
		return ""
	}
	return sentPrefix + id
}

// wasSent says the reply id was sent already, by this process or, as
// Redis recorded it, by another: headSent is what the claim found of the
// queue's head (Outbound.ClaimDone). A reply after the head was never
// handed to anyone.
func (b *Bot) wasSent(id string, headSent bool) bool {
	return id != "" && (headSent || b.sent.has(id))
}
