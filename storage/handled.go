package storage

import (
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// A queued item that leaves the system (a reply Telegram took, a message
// posted to Slack) cannot be taken back, so it must not be handed out
// twice when the step that pops it fails. Every queue consumer does the
// same three things for that: it remembers what it handled in the process
// (Handled), records it in Redis with the pop (AdvanceHandled's done key),
// and learns at its next claim whether the head was handled already
// (ClaimDone). An item is known by the "id" of its JSON (ItemID).

// HandledTTL is how long a handled item is remembered, in the process and
// in Redis: far longer than any retry of the step after handling it.
const HandledTTL = 24 * time.Hour

// handledMax bounds the items remembered in one process.
const handledMax = 100000

// Handled remembers the items this process has handled, by id, oldest
// first out. It answers when Redis does not (the record there is written
// with the pop, which may fail).
type Handled struct {
	mu    sync.Mutex
	at    map[string]time.Time
	order []string
}

// Add remembers id as handled at now.
func (h *Handled) Add(id string, now time.Time) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.at == nil {
		h.at = map[string]time.Time{}
	}
	if _, ok := h.at[id]; ok {
		return
	}
	h.at[id] = now
	h.order = append(h.order, id)
	for len(h.order) > 0 && (len(h.order) > handledMax || now.Sub(h.at[h.order[0]]) > HandledTTL) {
		delete(h.at, h.order[0])
		h.order = h.order[1:]
	}
}

// Has says id was handled by this process.
func (h *Handled) Has(id string) bool {
	h.mu.Lock()
	defer h.mu.Unlock()
	_, ok := h.at[id]
	return ok
}

// ItemID is the "id" field of a queued item's JSON ("" when it has none).
func ItemID(raw []byte) string {
	var it struct {
		ID string `json:"id"`
	}
	if json.Unmarshal(raw, &it) != nil {
		return ""
	}
	return it.ID
}

// advanceFor is how long a consumer keeps trying to pop an item it handled
// while Redis does not answer (a restart): it keeps the queue meanwhile, so
// the item is not handed out again.
const advanceFor = 2 * time.Minute

// advanceAtShutdown is how long that goes on once the process is stopping.
const advanceAtShutdown = 5 * time.Second

// AdvanceHandled pops head, which its consumer handled, recording it under
// doneKey for doneTTL in the same step ("" records nothing), and returns the
// next item as Advance does. It keeps trying while Redis fails, for up to
// two minutes (a few seconds once live ends): the item was handled, so it
// is popped even when the process is stopping.
func (o *Outbound) AdvanceHandled(live context.Context, channel, chatID, token string, head []byte, ttl time.Duration, doneKey string, doneTTL time.Duration, log *slog.Logger) ([]byte, error) {
	ctx := context.WithoutCancel(live)
	wait := 100 * time.Millisecond
	deadline := time.Now().Add(advanceFor)
	for {
		raw, err := o.Advance(ctx, channel, chatID, token, head, ttl, doneKey, doneTTL)
		if err == nil || errors.Is(err, ErrLocked) || time.Now().After(deadline) {
			return raw, err
		}
		if live.Err() != nil {
			if soon := time.Now().Add(advanceAtShutdown); soon.Before(deadline) {
				deadline = soon // shutting down: a few more seconds, not minutes
			}
		}
		log.Warn("advance queue, retrying", "queue", channel, "id", chatID, "err", err)
		time.Sleep(wait)
		wait = min(2*wait, 2*time.Second)
	}
}
