package slacktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/gorilla/websocket"
)

// AppToken is the app-level token the fake accepts for Socket Mode
// (apps.connections.open).
const AppToken = "xapp-test-token"

// socket is the fake's Socket Mode side: envelopes queued for the app and
// the acknowledgements it sent back.
type socket struct {
	mu    sync.Mutex
	queue chan []byte
	acks  map[string]json.RawMessage
	seq   int
}

// upgrader accepts any origin: the app dials it as Slack's socket.
var upgrader = websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}

func (s *Server) sock() *socket {
	s.sockOnce.Do(func() { s.socket = &socket{queue: make(chan []byte, 100), acks: map[string]json.RawMessage{}} })
	return s.socket
}

// serveSocket is the WebSocket Slack's apps.connections.open points at: it
// says hello, sends queued envelopes and records acknowledgements.
func (s *Server) serveSocket(w http.ResponseWriter, r *http.Request) {
	conn, err := upgrader.Upgrade(w, r, nil)
	if err != nil {
		return
	}
	defer conn.Close()
	sk := s.sock()
	conn.WriteJSON(map[string]any{"type": "hello", "num_connections": 1,
		"connection_info": map[string]string{"app_id": AppID}, "debug_info": map[string]any{"host": "fake"}})
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			var ack struct {
				EnvelopeID string          `json:"envelope_id"`
				Payload    json.RawMessage `json:"payload"`
			}
			if err := conn.ReadJSON(&ack); err != nil {
				return
			}
			sk.mu.Lock()
			sk.acks[ack.EnvelopeID] = ack.Payload
			sk.mu.Unlock()
		}
	}()
	for {
		select {
		case env := <-sk.queue:
			if err := conn.WriteMessage(websocket.TextMessage, env); err != nil {
				return
			}
		case <-done:
			return
		case <-r.Context().Done():
			return
		}
	}
}

// PushSocket sends the app a Socket Mode envelope of kind ("events_api",
// "interactive" or "slash_commands") carrying payload (the same JSON the
// HTTP endpoints would get; for slash_commands, the command's fields as a
// JSON object), and returns its envelope id.
func (s *Server) PushSocket(kind string, payload []byte) string {
	sk := s.sock()
	sk.mu.Lock()
	sk.seq++
	id := fmt.Sprintf("env-%04d", sk.seq)
	sk.mu.Unlock()
	env, _ := json.Marshal(map[string]any{"envelope_id": id, "type": kind, "payload": json.RawMessage(payload),
		"accepts_response_payload": kind != "events_api", "retry_attempt": 0, "retry_reason": ""})
	sk.queue <- env
	return id
}

// WaitAck waits for the app's acknowledgement of an envelope and returns its
// payload (null when none).
func (s *Server) WaitAck(t testing.TB, id string, timeout time.Duration) json.RawMessage {
	t.Helper()
	sk := s.sock()
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		sk.mu.Lock()
		p, ok := sk.acks[id]
		sk.mu.Unlock()
		if ok {
			return p
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("slacktest: envelope %s not acknowledged within %s", id, timeout)
	return nil
}
