package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/redis/go-redis/v9"
)

// Who wrote a transcript entry.
const (
	// FromCustomer marks what the customer typed or pressed.
	FromCustomer = "customer"
	// FromDesk marks a reply or notice from the desk.
	FromDesk = "desk"
)

// transcriptMax is how many entries a session keeps: enough to scroll back
// through a whole repair job, small enough to send in one history response.
const transcriptMax = 200

// Entry is one line of a web-chat transcript.
type Entry struct {
	// ID is unique within the session; Append assigns it when empty. Pages
	// use it to draw an entry once when it arrives by history and by stream.
	ID      string        `json:"id"`
	From    string        `json:"from"` // FromCustomer or FromDesk
	Text    string        `json:"text"`
	Buttons []EntryButton `json:"buttons,omitempty"`
	At      time.Time     `json:"at"`
	Lang    string        `json:"lang,omitempty"` // a desk entry's language, for the page's own words
}

// EntryButton is a choice offered with a desk entry.
type EntryButton struct {
	Label   string `json:"label"`
	Payload string `json:"payload"`
}

// Transcripts keeps each web-chat session's recent entries in a Redis list
// and announces new ones on a per-session pub/sub channel, so every replica
// serving that session's open pages sees them.
type Transcripts struct {
	rdb    redis.UniversalClient
	prefix string
	ttl    time.Duration
}

// NewTranscripts returns a store whose keys start with prefix and whose
// transcripts expire ttl after their last entry.
func NewTranscripts(rdb redis.UniversalClient, prefix string, ttl time.Duration) *Transcripts {
	return &Transcripts{rdb: rdb, prefix: prefix, ttl: ttl}
}

// key names both the list and the pub/sub channel of a session: Redis keeps
// keys and channels in separate namespaces.
func (t *Transcripts) key(session string) string {
	return t.prefix + "transcript:" + session
}

// Append adds entries to the end of the session's transcript, keeps the last
// 200, renews the expiry and publishes each entry to the session's
// subscribers. Entries with no ID get a random one and a zero At becomes now.
func (t *Transcripts) Append(ctx context.Context, session string, entries ...Entry) error {
	if session == "" {
		return errors.New("storage: append transcript: empty session")
	}
	if len(entries) == 0 {
		return nil
	}
	key := t.key(session)
	items, err := EncodeEntries(entries)
	if err != nil {
		return err
	}
	encoded := make([]any, len(items))
	for i, data := range items {
		encoded[i] = data
	}
	// One MULTI so a reader never sees the list without its expiry, and
	// publishing after the push means a page that reads history after
	// subscribing cannot miss an entry.
	_, err = t.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.RPush(ctx, key, encoded...)
		p.LTrim(ctx, key, -transcriptMax, -1)
		p.PExpire(ctx, key, t.ttl)
		for _, data := range encoded {
			p.Publish(ctx, key, data)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("storage: append transcript: %w", err)
	}
	return nil
}

// appendOnceScript pushes an entry unless one with the same id is already
// in the list (a customer's message sent again after a failure), then trims,
// renews the expiry and publishes it, as Append does. The id is the
// entry's first JSON field, so a prefix match finds it.
var appendOnceScript = redis.NewScript(`
local prefix = ARGV[1]
for _, v in ipairs(redis.call('LRANGE', KEYS[1], 0, -1)) do
  if string.sub(v, 1, #prefix) == prefix then return 0 end
end
redis.call('RPUSH', KEYS[1], ARGV[2])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[3]), -1)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
redis.call('PUBLISH', KEYS[1], ARGV[2])
return 1`)

// AppendOnce appends e, which must have an ID, unless the transcript
// already holds an entry with that ID; it reports whether it appended.
func (t *Transcripts) AppendOnce(ctx context.Context, session string, e Entry) (bool, error) {
	if session == "" || e.ID == "" {
		return false, errors.New("storage: append transcript once: empty session or id")
	}
	if e.At.IsZero() {
		e.At = time.Now().UTC()
	}
	data, err := json.Marshal(e)
	if err != nil {
		return false, fmt.Errorf("storage: encode transcript entry: %w", err)
	}
	idJSON, _ := json.Marshal(e.ID)
	n, err := appendOnceScript.Run(ctx, t.rdb, []string{t.key(session)}, `{"id":`+string(idJSON)+`,`, data,
		transcriptMax, t.ttl.Milliseconds()).Int()
	if err != nil {
		return false, fmt.Errorf("storage: append transcript: %w", err)
	}
	return n == 1, nil
}

// MarkTaken records that the customer's message id of session was handled
// whole, for ttl; it returns false when it already was (the page sent it
// again after losing the answer).
func (t *Transcripts) MarkTaken(ctx context.Context, session, id string, ttl time.Duration) error {
	if err := t.rdb.Set(ctx, t.prefix+"taken:"+session+":"+id, "1", ttl).Err(); err != nil {
		return fmt.Errorf("storage: mark message taken: %w", err)
	}
	return nil
}

// Taken reports whether MarkTaken recorded id for session.
func (t *Transcripts) Taken(ctx context.Context, session, id string) (bool, error) {
	n, err := t.rdb.Exists(ctx, t.prefix+"taken:"+session+":"+id).Result()
	if err != nil {
		return false, fmt.Errorf("storage: message taken: %w", err)
	}
	return n == 1, nil
}

// History returns the session's kept entries, oldest first; an unknown or
// expired session has none.
func (t *Transcripts) History(ctx context.Context, session string) ([]Entry, error) {
	raw, err := t.rdb.LRange(ctx, t.key(session), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("storage: transcript history: %w", err)
	}
	entries := make([]Entry, 0, len(raw))
	for _, r := range raw {
		var e Entry
		if err := json.Unmarshal([]byte(r), &e); err != nil {
			return nil, fmt.Errorf("storage: decode transcript entry: %w", err)
		}
		entries = append(entries, e)
	}
	return entries, nil
}

// Subscribe returns the entries appended to the session from now on. The
// subscription is active when Subscribe returns, so History read afterwards
// plus the channel cover every entry. The channel closes, and the
// subscription's connection is released, when ctx ends or stop is called;
// stop is safe to call more than once and waits for that. (go-redis
// re-subscribes by itself after a dropped connection.) An entry that does not decode is dropped: it cannot be shown.
func (t *Transcripts) Subscribe(ctx context.Context, session string) (<-chan Entry, func(), error) {
	ps := t.rdb.Subscribe(ctx, t.key(session))
	// Wait for the confirmation, otherwise entries published in the next
	// moments could be lost.
	if _, err := ps.Receive(ctx); err != nil {
		ps.Close()
		return nil, nil, fmt.Errorf("storage: subscribe transcript: %w", err)
	}
	out := make(chan Entry, 16)
	done := make(chan struct{})
	finished := make(chan struct{})
	msgs := ps.Channel()
	go func() {
		defer close(finished)
		defer close(out)
		defer ps.Close()
		for {
			select {
			case <-ctx.Done():
				return
			case <-done:
				return
			case m, ok := <-msgs:
				if !ok {
					return
				}
				var e Entry
				if err := json.Unmarshal([]byte(m.Payload), &e); err != nil {
					continue
				}
				select {
				case out <- e:
				case <-ctx.Done():
					return
				case <-done:
					return
				}
			}
		}
	}()
	var once sync.Once
	stop := func() {
		once.Do(func() { close(done) })
		<-finished
	}
	return out, stop, nil
}

// newEntryID returns 64 random bits in hex: unique enough among a session's
// 200 entries.
// EncodeEntries writes entries as a transcript holds them, giving each an
// id and a time when it has none: for Append, and for a turn whose replies
// the save delivers (States.DeliverToTranscript).
func EncodeEntries(entries []Entry) ([][]byte, error) {
	out := make([][]byte, 0, len(entries))
	for _, e := range entries {
		if e.ID == "" {
			e.ID = newEntryID()
		}
		if e.At.IsZero() {
			e.At = time.Now().UTC()
		}
		data, err := json.Marshal(e)
		if err != nil {
			return nil, fmt.Errorf("storage: encode transcript entry: %w", err)
		}
		out = append(out, data)
	}
	return out, nil
}

func newEntryID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// Forget deletes a session's transcript and the marks of its messages
// taken. A customer's data erased.
func (t *Transcripts) Forget(ctx context.Context, session string) error {
	keys := []string{t.key(session)}
	iter := t.rdb.Scan(ctx, 0, t.prefix+"taken:"+session+":*", 200).Iterator()
	for iter.Next(ctx) {
		keys = append(keys, iter.Val())
	}
	if err := iter.Err(); err != nil {
		return fmt.Errorf("storage: forget transcript: %w", err)
	}
	if err := t.rdb.Del(ctx, keys...).Err(); err != nil {
		return fmt.Errorf("storage: forget transcript: %w", err)
	}
	return nil
}
