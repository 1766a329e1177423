package dialog

import (
	"context"
	"encoding/json"
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
	db      *storage.DB
	states  *storage.States
	texts   *prompts.Catalog
	nlu     Understander
	cfg     Config
	staff   *Staff
	senders Senders
	log     *slog.Logger
	now     func() time.Time
}

// New returns a Manager. nlu may be nil for the rules built from the
// embedded lexicon (understand.Default, which the tests check loads); now
// may be nil for time.Now.
func New(db *storage.DB, states *storage.States, texts *prompts.Catalog, nlu Understander, cfg Config, log *slog.Logger, now func() time.Time) *Manager {
	if nlu == nil {
		rules, err := understand.Default()
		if err != nil {
			panic(err) // embedded data: a fault here is caught by every test
		}
		nlu = rules
	}
	if now == nil {
		now = time.Now
	}
	cfg = cfg.withDefaults()
	return &Manager{db: db, states: states, texts: texts, nlu: nlu, cfg: cfg, log: log, now: now,
		staff: NewStaff(db, cfg, now)}
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
}

// say appends the reply rendered from key, with buttons. A render failure is
// kept on the turn and fails it, so no half-said turn is saved.
func (m *Manager) say(t *turn, key string, data map[string]any, buttons ...Button) {
	text, err := m.texts.Render(t.c.Locale, key, data)
	if err != nil && t.err == nil {
		t.err = err
	}
	t.out = append(t.out, Reply{Key: key, Text: text, Buttons: buttons})
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

// Take runs one customer message and queues its replies on the chat's
// outbound queue in the same atomic step that saves the chat's state (for
// channels whose sending is slow or may fail, like Telegram). It returns
// false for a redelivered message (Seq not above the chat's last), which
// changes nothing and queues nothing.
func (m *Manager) Take(ctx context.Context, msg Message) (bool, error) {
	return m.turn(ctx, msg, func(c *storage.Conversation, rs []Reply) error {
		for _, r := range rs {
			b, err := json.Marshal(r)
			if err != nil {
				return err
			}
			c.Outgoing = append(c.Outgoing, b)
		}
		return nil
	})
}

var errDuplicate = errors.New("duplicate")

func (m *Manager) turn(ctx context.Context, msg Message, done func(*storage.Conversation, []Reply) error) (bool, error) {
	if msg.Channel == "" || msg.ChatID == "" {
		return false, errors.New("dialog: message without channel or chat")
	}
	if msg.At.IsZero() {
		msg.At = m.now()
	}
	var before, after string
	err := m.states.Update(ctx, msg.Channel, msg.ChatID, func(c *storage.Conversation) error {
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
		after = c.Flow
		return done(c, t.out)
	})
	if errors.Is(err, errDuplicate) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("dialog: %s:%s: %w", msg.Channel, msg.ChatID, err)
	}
	m.watchReport(ctx, msg, before, after)
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
		t.res = m.nlu.Understand(m.context(c), t.text, t.now.In(m.cfg.Location))
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
			m.say(t, "group.private_only", m.companyData())
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

// global handles what interrupts any flow: cancel, help and asking for a
// person. Other intents wait until the flow's question is answered, so a
// fault description that says "投诉" is still the fault.
func (m *Manager) global(t *turn) bool {
	// Inside a flow the message is most likely its answer ("取消打印后卡住"
	// is a fault), so only a short message counts as a command.
	if t.c.Flow == flowReport {
		return false // the report reads interruptions from the commands
	}
	if t.c.Flow != "" && !command(t.text) {
		return false
	}
	switch t.intent.Kind {
	case IntentCancel:
		m.cancel(t)
	case IntentHelp:
		m.reset(t.c)
		m.menu(t, "help")
	case IntentHuman:
		m.handover(t, "human")
	default:
		return false
	}
	return true
}

func (m *Manager) byIntent(t *turn) error {
	switch t.intent.Kind {
	case IntentReport:
		return m.startReport(t)
	case IntentStatus, IntentMyTickets:
		return m.status(t)
	case IntentQuote, IntentAccept, IntentDecline:
		return m.quoteByText(t)
	case IntentComplaint:
		return m.startNote(t, flowComplaint)
	case IntentSuggestion:
		return m.startNote(t, flowSuggestion)
	case IntentConsult:
		if t.intent.Topic != "" {
			t.c.Misses = 0
			m.reset(t.c)
			m.knowledge(t, t.intent.Topic)
			return nil
		}
		return m.startNote(t, flowConsult)
	case IntentManager:
		return m.manager(t)
	case IntentAbuse:
		return m.abuse(t)
	case IntentPraise:
		t.c.Misses = 0
		m.say(t, "praise", nil)
		return nil
	case IntentGreeting:
		t.c.Misses = 0
		m.menu(t, "greeting")
		return nil
	case IntentOffTopic:
		t.c.Misses = 0
		m.say(t, "off_topic", m.companyData(), m.button(t, "btn.report", "menu:report"), m.button(t, "btn.status", "menu:status"))
		return nil
	case IntentClarify:
		return m.clarify(t)
	case IntentCancel:
		m.cancel(t)
		return nil
	case IntentHuman:
		m.handover(t, "human")
		return nil
	case IntentHelp:
		m.reset(t.c)
		m.menu(t, "help")
		return nil
	case IntentYes, IntentNo:
		return m.bareAnswer(t)
	}
	m.notUnderstood(t)
	return nil
}

// Config returns the desk's settings, defaults filled in.
func (m *Manager) Config() Config { return m.cfg }

// clarify asks which of two readings was meant, in one question with a
// button for each.
func (m *Manager) clarify(t *turn) error {
	t.c.Misses = 0
	o := t.intent.Options
	m.say(t, "clarify", map[string]any{"First": o[0], "Second": o[1]},
		m.button(t, "btn.clarify."+o[0], "clarify:"+o[0]), m.button(t, "btn.clarify."+o[1], "clarify:"+o[1]))
	return nil
}

// bareAnswer takes a yes or no sent with no question open: it answers the
// report set aside ("继续吧"), else the chat's open quote, which is then
// confirmed like a pressed button; otherwise it is not understood.
func (m *Manager) bareAnswer(t *turn) error {
	yes := t.intent.Kind == IntentYes
	if t.c.Draft != nil {
		if yes {
			return m.startReport(t)
		}
		t.c.Draft = nil
		m.menu(t, "report.dropped")
		return nil
	}
	open, err := m.db.Tickets(t.ctx, storage.TicketFilter{Channel: t.c.Channel, ChatID: t.c.ChatID, State: storage.StateQuoted})
	if err != nil {
		return err
	}
	if len(open) == 1 {
		if yes {
			return m.quotePressed(t, open[0].Number, "accept")
		}
		return m.quotePressed(t, open[0].Number, "decline")
	}
	m.notUnderstood(t)
	return nil
}
