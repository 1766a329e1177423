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
	job, _ := json.Marshal(threadJob{ID: envelope.EventID, User: msg.User, Text: msg.Text, TS: msg.TimeStamp})
	if err := b.out.Push(ctx, JobsChannel, msg.ThreadTimeStamp, job); err != nil {
		b.out.Forget(context.WithoutCancel(ctx), "slack-event:"+envelope.EventID)
		return "", err
	}
	b.jobs.Kick(msg.ThreadTimeStamp)
	return "", nil
}

// threadJob is a staff member's message in a thread, queued for its worker.
type threadJob struct {
	ID   string `json:"id"` // Slack's event id: the job is done once (storage.ItemID)
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
// command acts on the ticket; a note stays internal; anything else is words
// for the customer, which the desk's one rule of speaking decides on
// (dialog.Manager.Say): the first words in a chat no one holds take it over
// without being sent, only the holder speaks, and a phrase never said to
// customers is held back or pointed out to its writer, privately.
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
	// A job retried after a failure further on must not speak twice.
	once := "slack-relay:" + threadTS + ":" + job.TS
	if first, err := b.out.Once(ctx, once, 24*time.Hour); err != nil || !first {
		return err
	}
	who := dialog.Speaker{ID: job.User, Name: b.name(ctx, job.User), Actor: b.actor(ctx, job.User)}
	said, err := b.desk.Say(ctx, th.ConvChannel, th.ConvChatID, who, text, dialog.Speaking{ClaimFirst: true, HoldImpolite: b.cfg.HoldImpolite})
	if err != nil {
		b.out.Forget(context.WithoutCancel(ctx), once)
		return err
	}
	// What follows only tells staff: logged, never retried (the words are
	// sent or the chat is taken; doing either again would be wrong).
	switch {
	case said.Claimed:
		err = errors.Join(b.tookOver(ctx, th, job.User), b.ephemeral(ctx, job.User, threadTS, b.text("slack.took_over_unsent", nil)))
	case said.Holder != "":
		err = b.ephemeral(ctx, job.User, threadTS, b.text("slack.not_holder", map[string]any{"Holder": said.Holder}))
	case said.Held:
		err = b.hold(ctx, job.User, threadTS, text, said.Flagged)
	case said.Sent:
		err = b.guard(ctx, job.User, threadTS, said.Flagged)
	}
	if err != nil {
		b.log.Warn("slack: staff not told of their reply's outcome", "thread", threadTS, "err", err)
	}
	return nil
}

// allowedSubtypes are message subtypes that are still a person's reply.
var allowedSubtypes = map[string]bool{"": true, "file_share": true, "thread_broadcast": true}
