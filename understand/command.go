// Package understand turns a customer's message into commands for the
// dialog's flows: start a flow, set or correct slots, cancel, clarify,
// answer from the knowledge file, hand over. The rules here are the
// zero-setup default and the floor under any language model; a model
// proposes the same commands, checked by the same validators.
//
// Everything here is pure: text, the conversation's context and the time in,
// commands out. Word lists are data, in prompts/lexicon.
package understand

// Kind is what a command asks the dialog to do.
type Kind string

// Command kinds, after Rasa CALM's command set.
const (
	StartFlow   Kind = "start_flow"   // Flow names the flow to start
	SetSlot     Kind = "set_slot"     // Slot takes Value
	CorrectSlot Kind = "correct_slot" // Slot, given before, now takes Value
	Skip        Kind = "skip"         // the customer does not know or has none
	Affirm      Kind = "affirm"       // yes to the question asked
	Deny        Kind = "deny"         // no to the question asked
	Cancel      Kind = "cancel"       // leave the open flow
	Clarify     Kind = "clarify"      // Options holds two readings; ask which
	Knowledge   Kind = "knowledge"    // answer Topic from the knowledge file
	OffTopic    Kind = "off_topic"    // not an after-sales matter
	HandOver    Kind = "hand_over"    // the customer asks for a person
)

// Flows a StartFlow may name.
const (
	FlowReport     = "report"
	FlowStatus     = "status"
	FlowQuote      = "quote"      // ask about, accept or decline a quote (slot decision)
	FlowComplaint  = "complaint"  //
	FlowSuggestion = "suggestion" //
	FlowPraise     = "praise"     //
	FlowConsult    = "consult"    // a question for an engineer, or Knowledge
	FlowManager    = "manager"    //
	FlowAbuse      = "abuse"      //
	FlowGreeting   = "greeting"   //
	FlowHelp       = "help"       //
	FlowCallback   = "callback"   // an answer to an after-visit callback
)

// Slots the rules extract. A report collects most of them; ticket and
// decision serve status and quote.
const (
	SlotName       = "name"
	SlotSalutation = "salutation" // mr, ms, or "" for none
	SlotPhone      = "phone"
	SlotAddress    = "address"
	SlotProduct    = "product"
	SlotBrand      = "brand"
	SlotModel      = "model"
	SlotSerial     = "serial"
	SlotPurchase   = "purchase" // 2025-05 or 2025-05-12
	SlotProof      = "proof"    // card, invoice, none
	SlotWarranty   = "warranty" // the customer's own word: in or out
	SlotMode       = "mode"     // on_site or carry_in
	SlotTime       = "time"     // preferred appointment, as said
	SlotFault      = "fault"
	SlotRepeat     = "repeat" // "1": the same fault came back after a repair
	SlotTrade      = "trade"  // the product's trade: tiles, office, appliance, sorter, telecom
	SlotTicket     = "ticket" // FD-1042
	SlotDecision   = "decision"
)

// Command is one thing a message asks for.
type Command struct {
	Kind    Kind     `json:"kind"`
	Flow    string   `json:"flow,omitempty"`
	Slot    string   `json:"slot,omitempty"`
	Value   string   `json:"value,omitempty"`
	Topic   string   `json:"topic,omitempty"`
	Options []string `json:"options,omitempty"`
}

// Context is what the message answers: the open flow and the question just
// asked (a slot name, or "confirm").
type Context struct {
	Flow  string
	Asked string
	// QuotePending says the customer has a quote waiting for their
	// decision: "just fix it" then accepts it rather than reporting.
	QuotePending bool
	// OpenJob says the customer has a job under way: 安排好了没有? then
	// asks after it.
	OpenJob bool
	// Chat identifies the conversation (for a language model's per-chat
	// budget) and Locale is its language; the rules read neither.
	Chat   string
	Locale string
	// Recent are the customer's messages before this one, oldest first
	// (a model's context; the rules read only the message).
	Recent []string
}

// Result is what was understood of one message.
type Result struct {
	Commands []Command
	// Locale is the language the message is clearly written in, or "" when
	// it does not say (a number, a model code, one Latin word).
	Locale string
	// Clear says the message is a whole sentence in Locale, enough to
	// switch a conversation's language.
	Clear bool
	// Text is the message normalised: simplified, half-width, clean.
	Text string
	// Unsure says the rules could not place the message with confidence:
	// nothing understood, two readings, the classifier's guess, or a long
	// report whose fault no extractor placed. A language model, when one is
	// configured, is asked only then.
	Unsure bool
}

// Has reports whether the result holds a command of kind k.
func (r Result) Has(k Kind) bool {
	for _, c := range r.Commands {
		if c.Kind == k {
			return true
		}
	}
	return false
}

// Flow returns the flow the result starts, or "".
func (r Result) Flow() string {
	for _, c := range r.Commands {
		if c.Kind == StartFlow {
			return c.Flow
		}
	}
	return ""
}

// Slots returns the values the result sets or corrects, by slot.
func (r Result) Slots() map[string]string {
	out := map[string]string{}
	for _, c := range r.Commands {
		if c.Kind == SetSlot || c.Kind == CorrectSlot {
			out[c.Slot] = c.Value
		}
	}
	return out
}
