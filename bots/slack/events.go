package slack

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strings"
	"time"

	"github.com/slack-go/slack/slackevents"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/storage"
)

// errMalformed marks a request that does not parse.
var errMalformed = errors.New("malformed request")

// handleEvents is POST /slack/events: see acceptEvent.
func (b *Bot) handleEvents(w http.ResponseWriter, r *http.Request) {
	body, ok := b.verified(w, r)
	if !ok {
		return
	}
	challenge, err := b.acceptEvent(r.Context(), body)
	switch {
	case errors.Is(err, errMalformed):
		http.Error(w, "malformed event", http.StatusBadRequest)
	case err != nil:
		http.Error(w, "try again", http.StatusInternalServerError) // Slack retries
	case challenge != "":
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte(challenge))
	default:
		w.WriteHeader(http.StatusOK)
	}
}

// acceptEvent takes one Events API body (from HTTP or Socket Mode): it
// returns url_verification's challenge; it queues a person's message in a
// ticket's thread for that thread's worker, so the request is acknowledged
// at once. Redeliveries (same event_id) and the bot's own messages are
// dropped. An error means nothing was queued and Slack should retry.
func (b *Bot) acceptEvent(ctx context.Context, body []byte) (string, error) {
	ev, err := slackevents.ParseEvent(json.RawMessage(body), slackevents.OptionNoVerifyToken())
	if err != nil {
		return "", errMalformed
	}
	switch ev.Type {
	case slackevents.URLVerification:
		var ch slackevents.ChallengeResponse
		json.Unmarshal(body, &ch)
		return ch.Challenge, nil
	case slackevents.CallbackEvent:
	default:
		return "", nil
	}
	msg, ok := ev.InnerEvent.Data.(*slackevents.MessageEvent)
	if !ok || msg.ThreadTimeStamp == "" || msg.BotID != "" || msg.User == "" || msg.User == b.botUser || !allowedSubtypes[msg.SubType] {
		return "", nil // not a person's reply in a thread
	}
	var envelope struct {
		EventID string `json:"event_id"`
	}
	json.Unmarshal(body, &envelope)
	if envelope.EventID == "" {
		envelope.EventID = msg.Channel + ":" + msg.TimeStamp // a message's ts is unique in its channel
	}
	first, err := b.out.Once(ctx, "slack-event:"+envelope.EventID, 24*time.Hour)
	if err != nil || !first {
		return "", err
	}
	job, _ := json.Marshal(threadJob{User: msg.User, Text: msg.Text, TS: msg.TimeStamp})
	if err := b.out.Push(ctx, jobsChannel, msg.ThreadTimeStamp, job); err != nil {
		b.out.Forget(context.WithoutCancel(ctx), "slack-event:"+envelope.EventID)
		return "", err
	}
	b.jobs.Kick(msg.ThreadTimeStamp)
	return "", nil
}

// threadJob is a staff member's message in a thread, queued for its worker.
type threadJob struct {
	User string `json:"user"`
	Text string `json:"text"`
	TS   string `json:"ts"`
}

// isNote says whether a thread message is meant for colleagues only: it
// starts with one of the note prefixes (prompts' slack.note_prefixes).
func (b *Bot) isNote(text string) bool {
	t := strings.ToLower(strings.TrimSpace(text))
	for _, p := range strings.Split(b.text("slack.note_prefixes", nil), "\t") {
		if p != "" && strings.HasPrefix(t, strings.ToLower(p)) {
			return true
		}
	}
	return false
}

// onThreadMessage handles a staff member's message in a ticket's thread: a
// command acts on the ticket; a note stays internal; a reply from the person
// holding the conversation (or from anyone, when no one holds it yet, which
// takes it over) goes to the customer, with a private word to the sender
// when it contains a phrase never said to customers.
func (b *Bot) onThreadMessage(ctx context.Context, threadTS string, job threadJob) error {
	th, err := b.thread(ctx, threadTS)
	if errors.Is(err, storage.ErrNotFound) {
		return nil // a thread that is not a ticket's
	}
	if err != nil {
		return err
	}
	text := strings.TrimSpace(job.Text)
	if text == "" || b.isNote(text) {
		return nil
	}
	if handled, err := b.threadCommand(ctx, th, job.User, text); handled || err != nil {
		return err
	}
	holder, err := b.desk.Holder(ctx, th.ConvChannel, th.ConvChatID)
	if err != nil {
		return err
	}
	switch {
	case holder == "":
		// A reply typed in the thread takes the conversation over, but is not
		// itself sent: it may have been meant for colleagues. The rule is
		// posted and its sender asked to write again for the customer.
		if err := b.takeOver(ctx, th, job.User); err != nil {
			return err
		}
		return b.ephemeral(ctx, job.User, threadTS, b.text("slack.took_over_unsent", nil))
	case holder != job.User:
		return b.ephemeral(ctx, job.User, threadTS, b.text("slack.not_holder", map[string]any{"Holder": holder}))
	}
	if b.cfg.HoldImpolite && len(prompts.Flag(b.neverSay, text)) > 0 {
		return b.hold(ctx, job.User, threadTS, text)
	}
	// A job retried after a failure further on must not relay twice.
	if first, err := b.out.Once(ctx, "slack-relay:"+threadTS+":"+job.TS, 24*time.Hour); err != nil || !first {
		return err
	}
	if err := b.desk.Relay(ctx, th.ConvChannel, th.ConvChatID, job.User, b.actor(ctx, job.User), text); err != nil {
		b.out.Forget(context.WithoutCancel(ctx), "slack-relay:"+threadTS+":"+job.TS)
		if errors.Is(err, dialog.ErrNotHolder) {
			return nil
		}
		return err
	}
	b.out.Idle().Touch(ctx, heldSet, threadTS, b.now())
	if err := b.guard(ctx, job.User, threadTS, text); err != nil {
		b.log.Warn("slack: courtesy note not shown", "err", err) // the reply went out; do not retry it
	}
	return nil
}

// allowedSubtypes are message subtypes that are still a person's reply.
var allowedSubtypes = map[string]bool{"": true, "file_share": true, "thread_broadcast": true}
