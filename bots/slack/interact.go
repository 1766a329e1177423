package slack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/slack-go/slack"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/staff"
	"github.com/frontdesk/frontdesk/storage"
)

// handleInteractions is POST /slack/interactions: see interact.
func (b *Bot) handleInteractions(w http.ResponseWriter, r *http.Request) {
	body, ok := b.verified(w, r)
	if !ok {
		return
	}
	form, err := url.ParseQuery(string(body))
	var cb slack.InteractionCallback
	if err != nil || json.Unmarshal([]byte(form.Get("payload")), &cb) != nil {
		http.Error(w, "malformed payload", http.StatusBadRequest)
		return
	}
	// The work runs to its end even if Slack hangs up or shutdown begins:
	// a takeover saved but not announced would leave the customer unanswered.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 25*time.Second)
	defer cancel()
	if resp := b.interact(ctx, &cb); resp != nil {
		writeJSON(w, resp)
		return
	}
	w.WriteHeader(http.StatusOK)
}

// interact handles the ticket message's buttons and menus and the quote
// modal's submission (from HTTP or Socket Mode). The work is a few
// milliseconds of Redis and SQL, done before answering within Slack's three
// seconds; a failure is told to the presser privately. The result, when not
// nil, is the response body (the modal's field errors).
func (b *Bot) interact(ctx context.Context, cb *slack.InteractionCallback) any {
	switch cb.Type {
	case slack.InteractionTypeBlockActions:
		if len(cb.ActionCallback.BlockActions) == 0 || cb.ActionCallback.BlockActions[0] == nil {
			return nil
		}
		if err := b.onAction(ctx, cb, cb.ActionCallback.BlockActions[0]); err != nil {
			b.log.Error("slack: action", "action", cb.ActionCallback.BlockActions[0].ActionID, "err", err)
			b.ephemeral(ctx, cb.User.ID, "", b.text("slack.failed", map[string]any{"Error": err.Error()}))
		}
	case slack.InteractionTypeViewSubmission:
		return b.onQuoteSubmit(ctx, cb)
	}
	return nil
}

// onAction handles a button or menu on a ticket's message.
func (b *Bot) onAction(ctx context.Context, cb *slack.InteractionCallback, a *slack.BlockAction) error {
	if a.ActionID == "send_held" {
		return b.sendHeld(ctx, cb.User.ID, a.Value)
	}
	ts := cb.Container.MessageTs
	if ts == "" {
		ts = cb.Message.Timestamp
	}
	th, err := b.thread(ctx, ts)
	if err != nil {
		return err
	}
	user := cb.User.ID
	switch a.ActionID {
	case "takeover":
		return b.takeOver(ctx, th, user)
	case "release":
		return b.release(ctx, th, user)
	}
	if th.TicketID == 0 {
		return b.ephemeral(ctx, user, ts, b.text("slack.no_ticket", nil))
	}
	tk, err := b.db.TicketByID(ctx, th.TicketID)
	if err != nil {
		return err
	}
	switch a.ActionID {
	case "close":
		return b.exec(ctx, user, ts, staff.Command{Verb: "close", Number: tk.Number})
	case "status":
		return b.exec(ctx, user, ts, staff.Command{Verb: "status", Number: tk.Number, Args: []string{a.SelectedOption.Value}})
	case "quote":
		// Not rate-limited: the trigger expires in three seconds.
		_, err := b.api.OpenViewContext(ctx, cb.TriggerID, quoteModal(b.text, tk))
		return err
	case "assign":
		return b.exec(ctx, user, ts, staff.Command{Verb: "assign", Number: tk.Number, Args: []string{b.name(ctx, a.SelectedUser)}})
	case "contact":
		// Revealed to the presser alone, and who looked is on the ticket's log.
		if err := b.db.AddEvent(ctx, domain.Event{TicketID: tk.ID, At: b.now().UTC(), Actor: b.actor(ctx, user), Kind: "contact_viewed"}); err != nil {
			return err
		}
		return b.ephemeral(ctx, user, ts, b.text("slack.contact", map[string]any{"Number": tk.Number, "Phone": tk.Phone, "Address": tk.Address,
			"Customer": b.text("cli.customer", map[string]any{"Name": tk.ContactName, "Salutation": tk.Salutation})}))
	}
	return nil
}

// onQuoteSubmit posts the quote from the modal, or returns what is wrong,
// to be shown in the modal itself.
func (b *Bot) onQuoteSubmit(ctx context.Context, cb *slack.InteractionCallback) any {
	if cb.View.CallbackID != "quote" {
		return nil
	}
	fieldError := func(field string, err error) any {
		return map[string]any{"response_action": "errors", "errors": map[string]string{field: err.Error()}}
	}
	v := func(block string) string {
		if cb.View.State == nil {
			return ""
		}
		return strings.TrimSpace(cb.View.State.Values[block][block].Value)
	}
	number := cb.View.PrivateMetadata
	cmd, err := staff.ParseCommand([]string{"quote", number, v("amount"), v("work"), v("days")})
	if err != nil {
		return fieldError("amount", err)
	}
	actor := b.actor(ctx, cb.User.ID)
	if cause := v("cause"); cause != "" {
		if _, err := b.staff.Diagnose(ctx, number, actor, cause); err != nil && !errors.Is(err, domain.ErrNotAllowed) {
			return fieldError("cause", err)
		}
	}
	var out bytes.Buffer
	if err := b.staff.Exec(ctx, actor, cmd, &out); err != nil {
		return fieldError("amount", err)
	}
	return nil
}

// handleCommand is POST /slack/commands: see command.
func (b *Bot) handleCommand(w http.ResponseWriter, r *http.Request) {
	body, ok := b.verified(w, r)
	if !ok {
		return
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	s, err := slack.SlashCommandParse(r)
	if err != nil {
		http.Error(w, "malformed command", http.StatusBadRequest)
		return
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), 25*time.Second)
	defer cancel()
	writeJSON(w, b.command(ctx, s))
}

// command runs /frontdesk with the staff command line's grammar (and
// "release FD-1042"); the answer, returned as the response body, is shown
// to the caller alone.
func (b *Bot) command(ctx context.Context, s slack.SlashCommand) any {
	reply := func(text string) any {
		return map[string]string{"response_type": "ephemeral", "text": "```" + text + "```"}
	}
	words := strings.Fields(s.Text)
	if len(words) == 2 && strings.EqualFold(words[0], "release") {
		number, _ := dialog.FindTicketNumber(words[1])
		tk, err := b.db.TicketByNumber(ctx, number)
		if err == nil {
			var th *storage.Thread
			if th, err = b.db.ThreadByTicket(ctx, tk.ID); err == nil {
				err = b.release(ctx, th, s.UserID)
			}
		}
		if err != nil {
			return reply(err.Error())
		}
		return reply(b.text("slack.released_number", map[string]any{"Number": number}))
	}
	cmd, err := staff.ParseCommandLine(s.Text)
	if err != nil {
		return reply(err.Error() + "\n" + b.text("help.grammar", nil))
	}
	var out bytes.Buffer
	if err := b.staff.Exec(ctx, b.actor(ctx, s.UserID), cmd, &out); err != nil {
		return reply(err.Error())
	}
	return reply(out.String())
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}
