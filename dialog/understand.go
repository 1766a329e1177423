package dialog

import (
	"context"
	"time"

	"github.com/frontdesk/frontdesk/understand"
)

// Intent kinds: the request a message's commands add up to, for the flows
// that take one request at a time (status, quote, notes, callbacks). The
// report flow reads the commands themselves.
const (
	IntentNone       = ""
	IntentReport     = "report"
	IntentStatus     = "status"
	IntentMyTickets  = "my_tickets"
	IntentQuote      = "quote"
	IntentAccept     = "accept"
	IntentDecline    = "decline"
	IntentComplaint  = "complaint"
	IntentPraise     = "praise"
	IntentSuggestion = "suggestion"
	IntentConsult    = "consult"
	IntentHuman      = "human"
	IntentManager    = "manager"
	IntentAbuse      = "abuse"
	IntentCancel     = "cancel"
	IntentHelp       = "help"
	IntentGreeting   = "greeting"
	IntentYes        = "yes"
	IntentNo         = "no"
	IntentOffTopic   = "off_topic"
	IntentClarify    = "clarify"
)

// Intent is the request a message makes, derived from its commands.
type Intent struct {
	Kind    string
	Ticket  string   // a ticket number found in the text, FD-1042
	Phone   string   // a phone number found in the text, normalised
	Topic   string   // a knowledge topic the message asks about
	Options []string // the two readings of a clarify
}

// Understander reads a message in its context into commands. The rules
// (understand.Rules, through Rules) are the default; a language model
// (package llm) stands behind the same interface and yields the same
// commands. ctx bounds any call it makes.
type Understander interface {
	Understand(ctx context.Context, c understand.Context, text string, now time.Time) understand.Result
}

// Rules is the rules alone as an Understander.
func Rules(r *understand.Rules) Understander { return rulesOnly{r} }

type rulesOnly struct{ r *understand.Rules }

func (u rulesOnly) Understand(_ context.Context, c understand.Context, text string, now time.Time) understand.Result {
	return u.r.Understand(c, text, now)
}

// intentOf sums up a result's commands as one request.
func intentOf(r understand.Result) Intent {
	slots := r.Slots()
	in := Intent{Ticket: slots[understand.SlotTicket], Phone: slots[understand.SlotPhone]}
	byTopic := false // the kind so far only says "a question"
	set := func(k string) {
		if in.Kind == IntentNone || byTopic {
			in.Kind, byTopic = k, false
		}
	}
	for _, c := range r.Commands {
		switch c.Kind {
		case understand.Affirm:
			set(IntentYes)
		case understand.Deny:
			set(IntentNo)
		case understand.Cancel:
			set(IntentCancel)
		case understand.HandOver:
			set(IntentHuman)
		case understand.OffTopic:
			set(IntentOffTopic)
		case understand.Clarify:
			set(IntentClarify)
			in.Options = c.Options
		case understand.Knowledge:
			in.Topic = c.Topic
			if in.Kind == IntentNone {
				in.Kind, byTopic = IntentConsult, true
			}
		case understand.StartFlow:
			set(flowIntent(c.Flow, slots))
		}
	}
	return in
}

func flowIntent(flow string, slots map[string]string) string {
	switch flow {
	case understand.FlowQuote:
		switch slots[understand.SlotDecision] {
		case "accept":
			return IntentAccept
		case "decline":
			return IntentDecline
		}
		return IntentQuote
	case understand.FlowStatus:
		return IntentStatus
	}
	return flow // report, complaint, suggestion, praise, consult, manager, abuse, greeting, help
}
