package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Conversation is the state of one chat (channel + chat id) between turns.
type Conversation struct {
	Channel      string            `json:"channel"`
	ChatID       string            `json:"chat_id"`
	Flow         string            `json:"flow,omitempty"`
	Step         string            `json:"step,omitempty"`
	Slots        map[string]string `json:"slots,omitempty"`
	Draft        map[string]string `json:"draft,omitempty"` // an unfinished report set aside by another request
	Locale       string            `json:"locale,omitempty"`
	TakenOver    bool              `json:"taken_over,omitempty"` // a person holds the conversation
	Agent        string            `json:"agent,omitempty"`      // who holds it
	NeedsStaff   bool              `json:"needs_staff,omitempty"`
	StaffReason  string            `json:"staff_reason,omitempty"`
	Misses       int               `json:"misses,omitempty"`  // messages not understood in a row
	Offered      []string          `json:"offered,omitempty"` // button payloads of the last reply
	Turns        int               `json:"turns"`
	LastActivity time.Time         `json:"last_activity"`
	LastSeq      int64             `json:"last_seq,omitempty"`     // the platform's update number last taken, for dedupe
	LastMsgID    string            `json:"last_msg_id,omitempty"`  // the platform's id of the last message taken
	LastSlot     string            `json:"last_slot,omitempty"`    // the report slot that message filled, for edits
	LastGroup    string            `json:"last_group,omitempty"`   // the last album (media group) acknowledged
	GroupWarned  bool              `json:"group_warned,omitempty"` // a group chat was told the bot serves private chats
	Nudged       bool              `json:"nudged,omitempty"`       // reminded once of the unfinished report
	Recent       []string          `json:"recent,omitempty"`       // the customer's last few messages, for a language model's context

	// Outgoing holds replies to queue for delivery: Update pushes them onto
	// the chat's outbound queue in the same script that saves the state, so
	// a turn and its replies are kept or lost together.
	Outgoing [][]byte `json:"-"`
	// CustomerTurn says the update is a customer's message, which lifts a
	// "blocked" mark (they wrote again); a staff takeover does not.
	CustomerTurn bool `json:"-"`
	// Idle holds changes to the idle tracker, made by the same script that
	// saves the state (a report left open is watched from this turn on).
	Idle []IdleMark `json:"-"`
	// Mirror holds what the customer said while a person holds the chat,
	// queued the same way for the staff desk (channel MirrorChannel, chat
	// MirrorID(channel, chat id)).
	Mirror [][]byte `json:"-"`
	// Claim, when replies are queued, asks the save to take the chat's send
	// lock as well (when no sender holds it and the chat is not blocked):
	// the channel's sender then starts from Claimed, without a claim of its
	// own. Claimed is set by the save when it took the lock.
	Claim   *ClaimSpec `json:"-"`
	Claimed *Claimed   `json:"-"`
}

// States keeps conversations in Redis, one JSON record per chat that expires
// after the idle time.
//
// Atomicity: a turn runs under a per-conversation lock (SET NX PX with a
// random token). A turn both reads and writes the state and may write SQL
// (a ticket), so an optimistic WATCH/MULTI retry could run those side effects
// twice; a lock instead serialises a chat's turns across goroutines and
// replicas while other chats proceed in parallel. Taking the lock and reading
// the state is one Lua script, and saving and releasing another, so a turn
// costs two round trips. The save checks the token: a turn that outlived its
// lock (a stalled process) cannot overwrite a newer turn's state. The lock
// is short (TurnLockTTL) and renewed while its turn runs, so a dead holder
// delays its chat by seconds only.
type States struct {
	rdb     redis.UniversalClient
	prefix  string
	idle    time.Duration
	lockTTL time.Duration
	// transcripts are the channels whose Outgoing are transcript entries,
	// appended to the chat's transcript (and published to its open pages)
	// by the save, instead of queued for a sender.
	transcripts map[string]*Transcripts
	idleTracker *Idle
}

// DeliverToTranscript makes channel's Outgoing transcript entries (Entry,
// as JSON) that the save appends to the chat's transcript in t: the turn,
// its replies and the pages that show them are kept or lost together. Call
// before serving.
func (s *States) DeliverToTranscript(channel string, t *Transcripts) { s.transcripts[channel] = t }

// ErrLockTimeout is returned when a conversation stays locked by other turns
// for longer than the caller's context allows.
var ErrLockTimeout = errors.New("conversation busy")

// NewStates returns a store whose keys start with prefix and whose records
// expire idle after their last turn.
func NewStates(rdb redis.UniversalClient, prefix string, idle time.Duration) *States {
	return &States{rdb: rdb, prefix: prefix, idle: idle, lockTTL: TurnLockTTL, transcripts: map[string]*Transcripts{},
		idleTracker: NewIdle(rdb, prefix)}
}

// Idle is the idle tracker over the same Redis and prefix.
func (s *States) Idle() *Idle { return s.idleTracker }

// WithLockTTL sets how long a turn's lock lives unless renewed (tests; the
// default is TurnLockTTL) and returns s.
func (s *States) WithLockTTL(d time.Duration) *States {
	s.lockTTL = d
	return s
}

// TurnLockTTL is how long a chat's turn lock lives unless renewed: a turn
// renews it every third of that while it runs (a language model's call
// included), so a replica killed in the middle of a turn holds its chat
// for at most this long before another takes it.
const TurnLockTTL = 5 * time.Second

var acquireScript = redis.NewScript(`
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local v = redis.call('GET', KEYS[2])
  if not v then v = '' end
  return {1, v}
end
return {0, ''}`)

// MirrorChannel is the outbound channel of mirrored customer messages.
const MirrorChannel = "mirror"

// MirrorID names a customer's chat in the mirror queues.
func MirrorID(channel, chatID string) string { return channel + ":" + chatID }

func (s *States) keys(channel, chatID string) []string {
	id := channel + ":" + chatID
	out := outboundKey(s.prefix, channel, chatID)
	if t := s.transcripts[channel]; t != nil {
		out = t.key(chatID)
	}
	return []string{s.prefix + "lock:" + id, s.prefix + "conv:" + id,
		out, pendingKey(s.prefix, channel), blockedKey(s.prefix, channel, chatID),
		outboundKey(s.prefix, MirrorChannel, MirrorID(channel, chatID)), pendingKey(s.prefix, MirrorChannel)}
}

// Update runs fn on the conversation of channel/chatID under its lock and
// saves the result. fn receives a fresh record for a new or expired chat. When
// fn fails nothing is saved and its error is returned. Update waits for the
// lock until ctx ends (ErrLockTimeout); it returns ErrConflict when the lock
// expired while fn ran, in which case the change was not saved.
func (s *States) Update(ctx context.Context, channel, chatID string, fn func(*Conversation) error) error {
	keys := s.keys(channel, chatID)
	token, raw, err := s.lock(ctx, keys)
	if err != nil {
		return err
	}
	c := &Conversation{Channel: channel, ChatID: chatID}
	if raw != "" {
		if err := json.Unmarshal([]byte(raw), c); err != nil {
			c = &Conversation{Channel: channel, ChatID: chatID} // unreadable: start afresh
		}
	}
	stop := hold(ctx, s.rdb, keys[0], token, s.lockTTL)
	err = fn(c)
	stop()
	if err != nil {
		s.finish(context.WithoutCancel(ctx), keys, channel, chatID, token, "", nil)
		return err
	}
	data, err := json.Marshal(c)
	if err != nil {
		s.finish(context.WithoutCancel(ctx), keys, channel, chatID, token, "", nil)
		return fmt.Errorf("storage: encode conversation: %w", err)
	}
	ok, err := s.finish(context.WithoutCancel(ctx), keys, channel, chatID, token, string(data), c)
	if err != nil {
		return err
	}
	if !ok {
		return fmt.Errorf("storage: conversation %s:%s: lock expired: %w", channel, chatID, ErrConflict)
	}
	return nil
}

func (s *States) lock(ctx context.Context, keys []string) (token, raw string, err error) {
	token = newToken()
	wait := 200 * time.Microsecond
	for {
		res, err := acquireScript.Run(ctx, s.rdb, keys, token, s.lockTTL.Milliseconds()).Slice()
		if err != nil {
			return "", "", fmt.Errorf("storage: lock conversation: %w", err)
		}
		if n, _ := res[0].(int64); n == 1 {
			raw, _ := res[1].(string)
			return token, raw, nil
		}
		// Another turn of this chat is running; turns take milliseconds, so
		// poll with a short, growing pause.
		select {
		case <-ctx.Done():
			return "", "", fmt.Errorf("storage: conversation %s: %w", keys[1], ErrLockTimeout)
		case <-time.After(wait):
		}
		if wait < 20*time.Millisecond {
			wait *= 2
		}
	}
}

// Get returns the saved conversation without locking, or ErrNotFound.
func (s *States) Get(ctx context.Context, channel, chatID string) (*Conversation, error) {
	raw, err := s.rdb.Get(ctx, s.keys(channel, chatID)[1]).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("storage: conversation: %w", ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("storage: conversation: %w", err)
	}
	var c Conversation
	if err := json.Unmarshal(raw, &c); err != nil {
		return nil, fmt.Errorf("storage: decode conversation: %w", err)
	}
	return &c, nil
}

func newToken() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
