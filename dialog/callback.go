package dialog

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// flowCallback is an after-visit callback (回访) the customer is answering:
// Slots["ticket"] names the ticket, Step the question open.
const flowCallback = "callback"

// Callback answers.
const (
	answerGood = "good"
	answerFair = "fair"
	answerPoor = "poor"
)

// callbackButtons are the first question's answers, for the notice and
// for asking again.
func callbackButtons(number string) [][2]string {
	return [][2]string{{"btn.cb_working", "cb:" + number + ":working"}, {"btn.cb_not_working", "cb:" + number + ":not_working"},
		{"btn.cb_busy", "cb:" + number + ":busy"}, {"btn.cb_refuse", "cb:" + number + ":refuse"}}
}

// callbackPressed answers a press on a callback button: payload
// "cb:NUMBER:ANSWER". It is checked against the ticket's callback, not
// the last reply, because the first question comes as a notice.
func (m *Manager) callbackPressed(t *turn, arg string) error {
	number, answer, _ := strings.Cut(arg, ":")
	also := ""
	if answer == "noreason" {
		also = domain.CallbackRefused
	}
	tk, cb, err := m.openCallback(t, number, also)
	if err != nil || cb == nil {
		return err
	}
	c := t.c
	c.Flow, c.Slots = flowCallback, map[string]string{"ticket": tk.Number}
	switch answer {
	case "working":
		cb.Working = "yes"
		c.Step = "attitude"
		if err := m.answerCallback(t, tk, cb, domain.CallbackAsked, "callback_working", "yes"); err != nil {
			return err
		}
		m.askRating(t, tk, "callback.attitude", "att")
	case "not_working":
		cb.Working = "no"
		return m.callbackUnhappy(t, tk, cb, "working=no")
	case "att:" + answerGood, "att:" + answerFair, "att:" + answerPoor:
		cb.Attitude = strings.TrimPrefix(answer, "att:")
		c.Step = "quality"
		if err := m.answerCallback(t, tk, cb, domain.CallbackAsked, "callback_attitude", cb.Attitude); err != nil {
			return err
		}
		m.askRating(t, tk, "callback.quality", "qual")
	case "qual:" + answerGood, "qual:" + answerFair, "qual:" + answerPoor:
		cb.Quality = strings.TrimPrefix(answer, "qual:")
		if cb.Attitude == answerPoor || cb.Quality == answerPoor {
			return m.callbackUnhappy(t, tk, cb, "attitude="+cb.Attitude+" quality="+cb.Quality)
		}
		c.Step = "suggest"
		if err := m.answerCallback(t, tk, cb, domain.CallbackAsked, "callback_quality", cb.Quality); err != nil {
			return err
		}
		m.say(t, "callback.suggest", nil, m.button(t, "btn.cb_skip", "cb:"+tk.Number+":skip"))
	case "skip":
		return m.callbackFinish(t, tk, cb, "")
	case "busy":
		// Asked again the next working day unless they name a better time.
		at := m.cfg.SLA.NextOpening(m.cfg.SLA.NextWorkdayAt(t.now.In(m.cfg.Location), m.cfg.Promises.CallbackAt))
		if err := m.reschedule(t, cb, at); err != nil {
			return err
		}
		c.Step = "later"
		m.askLater(t, tk, "callback.when", at)
	case "later:2h", "later:tomorrow", "later:week":
		at, _ := m.laterTime(strings.TrimPrefix(answer, "later:"), t.now) // a button's choice always reads
		return m.callbackLater(t, cb, at)
	case "refuse":
		c.Step = "reason"
		if err := m.callbackRefuse(t, tk, cb, "(no reason given)"); err != nil {
			return err
		}
		m.say(t, "callback.refuse_reason", nil, m.button(t, "btn.cb_skip", "cb:"+tk.Number+":noreason"))
	case "noreason":
		m.reset(c)
		m.say(t, "callback.refused", nil)
	default:
		m.stale(t)
	}
	return nil
}

// callbackAnswer takes free text inside a callback: a suggestion, a
// better time, a reason for refusing.
func (m *Manager) callbackAnswer(t *turn) error {
	c := t.c
	also := ""
	if c.Step == "reason" {
		also = domain.CallbackRefused // the refusal is kept at once; the reason follows
	}
	tk, cb, err := m.openCallback(t, c.Slots["ticket"], also)
	if err != nil || cb == nil {
		return err
	}
	switch c.Step {
	case "suggest":
		return m.callbackFinish(t, tk, cb, t.text)
	case "later":
		at, ok := m.laterTime(t.text, t.now)
		if !ok {
			return m.unclear(t, func() { m.askLater(t, tk, "callback.later_invalid", cb.DueAt) })
		}
		return m.callbackLater(t, cb, at)
	case "reason":
		if err := m.callbackRefuse(t, tk, cb, t.text); err != nil {
			return err
		}
		m.reset(c)
		m.say(t, "callback.refused", nil)
		return nil
	case "working":
		if answer := m.rules.CallbackAnswer(t.text); answer != "" {
			return m.callbackPressed(t, tk.Number+":"+answer)
		}
		return m.unclear(t, func() { m.askWorking(t, tk) })
	case "attitude", "quality":
		prefix := map[string]string{"attitude": "att", "quality": "qual"}[c.Step]
		return m.unclear(t, func() { m.askRating(t, tk, "callback."+c.Step, prefix) })
	}
	m.reset(c)
	return m.byIntent(t)
}

// openCallback returns the chat's ticket and its callback still being
// answered (or in state also); otherwise it answers that the callback is
// over (or the button stale) and returns a nil callback.
func (m *Manager) openCallback(t *turn, number, also string) (*domain.Ticket, *domain.Callback, error) {
	tk, err := m.db.TicketByNumber(t.ctx, number)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && !owns(t.c, tk)) {
		m.reset(t.c)
		m.stale(t)
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	cb, err := m.db.LatestCallback(t.ctx, tk.ID)
	if errors.Is(err, storage.ErrNotFound) {
		m.reset(t.c)
		m.stale(t)
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	if cb.State != domain.CallbackAsked && cb.State != domain.CallbackBusy && (also == "" || cb.State != also) {
		m.reset(t.c)
		m.say(t, "callback.over", nil)
		return nil, nil, nil
	}
	return tk, cb, nil
}

// unclear answers a message that is not an answer to the open callback
// question: a request of its own (a new report, a status question) leaves
// the callback for it; otherwise the question is asked again once, and
// then the desk says it did not understand. The buttons keep working.
func (m *Manager) unclear(t *turn, again func()) error {
	switch t.intent.Kind {
	case IntentReport, IntentStatus, IntentMyTickets, IntentQuote, IntentComplaint, IntentConsult, IntentManager, IntentAbuse, IntentHuman:
		m.reset(t.c)
		return m.byIntent(t)
	}
	if t.c.Slots["unclear"] != "" {
		m.reset(t.c)
		m.notUnderstood(t)
		return nil
	}
	t.c.Slots["unclear"] = "1"
	again()
	return nil
}

// askWorking asks the callback's first question again, with its buttons.
func (m *Manager) askWorking(t *turn, tk *domain.Ticket) {
	var bs []Button
	for _, b := range callbackButtons(tk.Number) {
		bs = append(bs, m.button(t, b[0], b[1]))
	}
	m.say(t, "callback.ask_again", nil, bs...)
}

// AwaitCallback puts the chat in the callback its first question just
// asked, so an answer typed instead of pressed is understood. A report in
// progress is set aside (and offered again after); a chat a person holds
// is left alone.
func (m *Manager) AwaitCallback(ctx context.Context, channel, chatID, number string) error {
	return m.states.Update(ctx, channel, chatID, func(c *storage.Conversation) error {
		if c.TakenOver {
			return nil
		}
		m.reset(c)
		c.Flow, c.Step, c.Slots = flowCallback, "working", map[string]string{"ticket": number}
		return nil
	})
}

func (m *Manager) askRating(t *turn, tk *domain.Ticket, key, prefix string) {
	p := "cb:" + tk.Number + ":" + prefix + ":"
	m.say(t, key, nil, m.button(t, "btn.cb_good", p+answerGood), m.button(t, "btn.cb_fair", p+answerFair), m.button(t, "btn.cb_poor", p+answerPoor))
}

func (m *Manager) askLater(t *turn, tk *domain.Ticket, key string, due time.Time) {
	p := "cb:" + tk.Number + ":later:"
	m.say(t, key, map[string]any{"When": due}, m.button(t, "btn.cb_later_2h", p+"2h"), m.button(t, "btn.cb_later_tomorrow", p+"tomorrow"), m.button(t, "btn.cb_later_week", p+"week"))
}

// answerCallback stores one answer and notes it on the ticket.
func (m *Manager) answerCallback(t *turn, tk *domain.Ticket, cb *domain.Callback, state, kind, detail string) error {
	cb.State = state
	return m.db.AnswerCallback(t.ctx, storage.CallbackAnswer{Callback: *cb,
		Events: []domain.Event{{Actor: actorCustomer(t.c), Kind: kind, Detail: detail}}}, t.now)
}

// callbackUnhappy reopens the ticket, alarms its thread and tells the
// customer who will come back to them and by when.
func (m *Manager) callbackUnhappy(t *turn, tk *domain.Ticket, cb *domain.Callback, why string) error {
	now := t.now.UTC()
	cb.State, cb.AnsweredAt = domain.CallbackAnswered, &now
	err := m.db.AnswerCallback(t.ctx, storage.CallbackAnswer{Callback: *cb, Reopen: true, Events: []domain.Event{
		{Actor: actorCustomer(t.c), Kind: "reopened", Detail: "callback " + why},
		{Actor: "bot", Kind: "callback_alarm", Detail: why}}}, t.now)
	if err != nil {
		return err
	}
	m.reset(t.c)
	m.say(t, "callback.reopened", map[string]any{"Number": tk.Number, "Mode": tk.ServiceMode, "When": t.now.In(m.cfg.Location).Add(m.cfg.Promises.Plan)})
	return nil
}

// callbackFinish stores the suggestion (maybe none) and thanks them.
func (m *Manager) callbackFinish(t *turn, tk *domain.Ticket, cb *domain.Callback, suggestion string) error {
	now := t.now.UTC()
	cb.Suggestion, cb.State, cb.AnsweredAt = suggestion, domain.CallbackAnswered, &now
	detail := "attitude " + cb.Attitude + ", quality " + cb.Quality
	if suggestion != "" {
		detail += ": " + suggestion
	}
	if err := m.answerCallback(t, tk, cb, domain.CallbackAnswered, "callback_answered", detail); err != nil {
		return err
	}
	m.reset(t.c)
	m.say(t, "callback.thanks", nil)
	return nil
}

// callbackRefuse puts the customer on the do-not-call list with reason.
func (m *Manager) callbackRefuse(t *turn, tk *domain.Ticket, cb *domain.Callback, reason string) error {
	cb.State = domain.CallbackRefused
	return m.db.AnswerCallback(t.ctx, storage.CallbackAnswer{Callback: *cb, DoNotCall: reason,
		Events: []domain.Event{{Actor: actorCustomer(t.c), Kind: "callback_refused", Detail: reason}}}, t.now)
}

// callbackLater reschedules the callback to the time the customer chose
// (read by laterTime) and confirms it.
func (m *Manager) callbackLater(t *turn, cb *domain.Callback, at time.Time) error {
	if err := m.reschedule(t, cb, at); err != nil {
		return err
	}
	m.reset(t.c)
	m.say(t, "callback.later_ok", map[string]any{"When": at})
	return nil
}

// reschedule moves the callback to a new round due at at. The
// "callback_later" event carries the round and time; the scheduler turns
// it into the job, and the earlier round's job finds itself replaced.
func (m *Manager) reschedule(t *turn, cb *domain.Callback, at time.Time) error {
	cb.Round++
	cb.State, cb.DueAt = domain.CallbackBusy, at
	return m.db.AnswerCallback(t.ctx, storage.CallbackAnswer{Callback: *cb, Events: []domain.Event{{Actor: actorCustomer(t.c),
		Kind: "callback_later", Detail: fmt.Sprintf("%d:%d:%s", cb.ID, cb.Round, at.UTC().Format(time.RFC3339))}}}, t.now)
}
