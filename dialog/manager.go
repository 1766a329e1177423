package dialog

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/understand"
)

// maxText bounds one message: longer text is cut, never stored whole.
const maxText = 2000

// Manager runs customers' turns: it loads the chat's state under its lock,
// understands the message, steps the flow, writes tickets and saves the
// state.
type Manager struct {
	db       *storage.DB
	states   *storage.States
	texts    *prompts.Catalog
	nlu      Understander
	rules    *understand.Rules // the rules, for what only they read (callback answers)
	cfg      Config
	outlets  map[string]Outlet            // each channel's way to its customers (SetOutlet)
	onMirror func(channel, chatID string) // told after a turn mirrored a message to a held chat; nil for none
	log      *slog.Logger
	now      func() time.Time
	observe  func(channel, outcome string, took time.Duration) // metrics; nil when none
}

// SetObserver has f told of every customer message handled: its channel,
// outcome (ok, duplicate, error) and how long it took.
func (m *Manager) SetObserver(f func(channel, outcome string, took time.Duration)) { m.observe = f }

// New returns a Manager. nlu may be nil for the rules built from the
// embedded lexicon (understand.Default, which the tests check loads); now
// may be nil for time.Now.
func New(db *storage.DB, states *storage.States, texts *prompts.Catalog, nlu Understander, cfg Config, log *slog.Logger, now func() time.Time) *Manager {
	rules, err := understand.Default()
	if err != nil {
		panic(err) // embedded data: a fault here is caught by every test
	}
	if nlu == nil {
		nlu = Rules(rules)
	}
	if now == nil {
		now = time.Now
	}
	cfg = cfg.WithDefaults()
	return &Manager{db: db, states: states, texts: texts, nlu: nlu, rules: rules, cfg: cfg, log: log, now: now}
}

// turn is one message being handled: the state it may change and the
// replies it gathers.
type turn struct {
	ctx    context.Context
	c      *storage.Conversation
	in     Message
	text   string
	res    understand.Result // the commands the text yields
	intent Intent            // the request they add up to
	now    time.Time
	out    []Reply
	err    error
	ticket string // the ticket this turn registered, once it has
}

// about is the number of the ticket the turn is about, "" when none: the
// one it registered, or the one its flow is on (a quote, a status, a
// callback).
func (t *turn) about() string {
	if t.ticket != "" {
		return t.ticket
	}
	return t.c.Slots["ticket"]
}

// say appends the reply rendered from key, with buttons. A render failure is
// kept on the turn and fails it, so no half-said turn is saved.
func (m *Manager) say(t *turn, key string, data map[string]any, buttons ...Button) {
	text, err := m.texts.Render(t.c.Locale, key, data)
	if err != nil && t.err == nil {
		t.err = err
	}
	t.out = append(t.out, Reply{Key: key, Text: text, Buttons: buttons, Lang: t.c.Locale, Ticket: t.about()})
	for _, b := range buttons {
		t.c.Offered = append(t.c.Offered, b.Payload)
	}
}

// button makes a button whose label is the template key label.
func (m *Manager) button(t *turn, label, payload string) Button {
	text, err := m.texts.Render(t.c.Locale, label, nil)
	if err != nil && t.err == nil {
		t.err = err
	}
	return Button{Label: text, Payload: payload}
}

// Text renders a reply template by key in locale, for a channel's own
// messages (the web chat's request errors).
func (m *Manager) Text(locale, key string, data any) (string, error) {
	return m.texts.Render(locale, key, data)
}

// Handle runs one customer message and returns the replies (for channels
// that answer in the same request, like the web chat). Bad input gets a
// courteous reply, not an error; an error means the desk itself failed
// (storage down) and nothing of the turn was saved.
func (m *Manager) Handle(ctx context.Context, msg Message) ([]Reply, error) {
	var out []Reply
	_, err := m.turn(ctx, msg, func(c *storage.Conversation, rs []Reply) error {
		out = rs
		return nil
	})
	return out, err
}

// Answer runs one customer message, delivers its replies through the
// channel's outlet in the step that saves the chat's state (the web chat's
// transcript: a crash cannot keep the turn and lose its replies), and
// returns them too, for the request that asked.
func (m *Manager) Answer(ctx context.Context, msg Message) ([]Reply, error) {
	var out []Reply
	_, err := m.turn(ctx, msg, func(c *storage.Conversation, rs []Reply) error {
		out = rs
		return m.queue(c, rs)
	})
	return out, err
}

// Take runs one customer message and queues its replies through the
// channel's outlet in the same atomic step that saves the chat's state (for
// channels whose sending is slow or may fail, like Telegram). It returns
// false for a redelivered message (Seq not above the chat's last), which
// changes nothing and queues nothing.
func (m *Manager) Take(ctx context.Context, msg Message) (bool, error) {
	return m.turn(ctx, msg, func(c *storage.Conversation, rs []Reply) error {
		return m.queue(c, rs)
	})
}

var errDuplicate = errors.New("duplicate")

func (m *Manager) turn(ctx context.Context, msg Message, done func(*storage.Conversation, []Reply) error) (taken bool, err error) {
	if msg.Channel == "" || msg.ChatID == "" {
		return false, errors.New("dialog: message without channel or chat")
	}
	if msg.At.IsZero() {
		msg.At = m.now()
	}
	ctx = WithLog(ctx, "channel", msg.Channel, "chat", m.LogChat(msg.Channel, msg.ChatID))
	var before string
	mirrored := false
	if m.observe != nil {
		start := time.Now()
		defer func() {
			outcome := "ok"
			switch {
			case err != nil:
				outcome = "error"
			case !taken:
				outcome = "duplicate"
			}
			m.observe(msg.Channel, outcome, time.Since(start))
		}()
	}
	err = m.update(ctx, msg.Channel, msg.ChatID, func(c *storage.Conversation) error {
		if msg.Seq != 0 && msg.Seq <= c.LastSeq {
			return errDuplicate
		}
		before = c.Flow
		c.CustomerTurn, c.Nudged = true, false
		t := &turn{ctx: ctx, c: c, in: msg, now: msg.At, text: cleanText(msg.Text, maxText)}
		if err := m.run(t); err != nil {
			return err
		}
		if t.err != nil {
			return t.err
		}
		if msg.Seq != 0 {
			c.LastSeq = msg.Seq
		}
		// The idle tracker changes with the save: a report left open is
		// watched for a nudge, and a held chat's customer keeps it held.
		c.Idle = reportMarks(msg, before, c.Flow)
		if mirrored = len(c.Mirror) > 0; mirrored {
			c.Idle = append(c.Idle, m.heldMark(msg.Channel, msg.ChatID))
		}
		return done(c, t.out)
	})
	if errors.Is(err, errDuplicate) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("dialog: %s:%s: %w", msg.Channel, msg.ChatID, err)
	}
	if mirrored && m.onMirror != nil {
		m.onMirror(msg.Channel, msg.ChatID)
	}
	return true, nil
}

// run runs the turn, then offers a report set aside, if any.
func (m *Manager) run(t *turn) error {
	if err := m.dispatch(t); err != nil {
		return err
	}
	m.offerDraft(t)
	return nil
}

// dispatch is the turn's dispatcher: locale, then a taken-over chat stays
// quiet, then button payloads, then global commands, then the open flow,
// then the understood intent.
func (m *Manager) dispatch(t *turn) error {
	c := t.c
	c.Turns++
	c.LastActivity = t.now
	if t.text != "" {
		uc, err := m.context(t)
		if err != nil {
			return err
		}
		t.res = m.nlu.Understand(t.ctx, uc, t.text, t.now.In(m.cfg.Location))
		if _, rulesOnly := m.nlu.(rulesOnly); !rulesOnly {
			remember(c, t.text) // kept only for a model's context
		}
		t.intent = intentOf(t.res)
		m.setLocale(t)
	}
	if c.Locale == "" {
		c.Locale = m.cfg.DefaultLocale
	}
	offered := c.Offered
	c.Offered = nil
	if t.in.Group {
		if !c.GroupWarned {
			c.GroupWarned = true
			m.say(t, "group.private_only", m.companyData(t.c.Locale))
		}
		return nil
	}
	if c.TakenOver {
		return m.mirror(t) // a person holds the chat: the bot keeps quiet, the words go to them
	}
	if t.in.Edited {
		return m.onEdit(t)
	}
	lastSlot := c.LastSlot
	c.LastMsgID, c.LastSlot = t.in.MessageID, ""
	switch {
	case t.in.Payload != "":
		return m.onPayload(t, offered)
	case len(t.in.Attachments) > 0:
		return m.onFiles(t)
	case t.in.Location != nil:
		return m.onLocation(t)
	case t.in.ForeignContact:
		m.say(t, "invalid.foreign_contact", nil)
		if c.Flow == flowReport {
			return m.askNext(t)
		}
		return nil
	case t.text == "" && t.in.Phone == "":
		c.LastSlot = lastSlot
		m.say(t, "empty", nil)
		return nil
	}
	if m.global(t) {
		return nil
	}
	switch c.Flow {
	case flowReport:
		return m.reportAnswer(t)
	case flowStatus:
		return m.statusAnswer(t)
	case flowQuote:
		return m.quoteAnswer(t)
	case flowComplaint, flowConsult, flowSuggestion:
		return m.noteAnswer(t)
	case flowManager:
		return m.managerAnswer(t)
	case flowCallback:
		return m.callbackAnswer(t)
	}
	return m.byIntent(t)
}

// Config returns the desk's settings, defaults filled in.
func (m *Manager) Config() Config { return m.cfg }
