package dialog

import (
	"context"
	"log/slog"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/storage"
)

// Notifier delivers the outbox: every ticket change the customer should know
// about, written by the server or by the staff CLI in another process, is
// rendered in the customer's language and sent on their channel. A notice is
// marked delivered only after its channel took it; one whose delivery fails
// is offered again when its lease ends, so a crash or an outage loses none.
type Notifier struct {
	db       *storage.DB
	texts    *prompts.Catalog
	cfg      Config
	send     func(ctx context.Context, channel, chatID string, rs []Reply) error
	log      *slog.Logger
	now      func() time.Time
	interval time.Duration
	lease    time.Duration
}

// noticeWait bounds how long one notice waits for its chat's lock.
const noticeWait = 10 * time.Second

// maxAttempts bounds how often one notice is tried before it is given up and
// logged on its ticket as undelivered. Each failed try doubles the wait
// before the next (from 30 s up to an hour), so 40 tries span about a day
// and a half: an outage of a channel loses nothing.
const maxAttempts = 40

// NewNotifier returns a Notifier polling the outbox every interval and
// delivering through the desk's outlets (Manager.Send): onto each chat's one
// queue, in order with its turns.
func NewNotifier(db *storage.DB, texts *prompts.Catalog, cfg Config, desk *Manager, log *slog.Logger, interval time.Duration) *Notifier {
	return &Notifier{db: db, texts: texts, cfg: cfg.WithDefaults(), send: desk.Send, log: log,
		now: time.Now, interval: interval, lease: 30 * time.Second}
}

// Run delivers notices until ctx ends.
func (n *Notifier) Run(ctx context.Context) {
	for ctx.Err() == nil {
		commit := n.db.NextCommit() // a notice this process writes wakes it at once
		if _, err := n.DeliverOnce(ctx); err != nil && ctx.Err() == nil {
			n.log.Error("deliver notices", "err", err)
		}
		n.db.WaitFor(ctx, commit, n.interval)
	}
}

// DeliverOnce claims the pending notices and delivers them, returning how
// many reached their channel.
func (n *Notifier) DeliverOnce(ctx context.Context) (int, error) {
	ns, err := n.db.ClaimNotices(ctx, n.now(), n.lease, 100)
	if err != nil {
		return 0, err
	}
	sent := 0
	for _, no := range ns {
		if err := n.deliver(ctx, no); err != nil {
			n.log.Warn("notice not delivered", "notice", no.ID, "ticket", no.TicketID, "attempt", no.Attempts, "err", err)
			if no.Attempts >= maxAttempts {
				n.giveUp(ctx, no, err)
				continue
			}
			wait := min(n.lease<<min(no.Attempts-1, 10), time.Hour)
			if err := n.db.DeferNotice(ctx, no.ID, n.now().Add(wait)); err != nil {
				n.log.Error("defer notice", "notice", no.ID, "err", err)
			}
			continue
		}
		sent++
	}
	return sent, nil
}

func (n *Notifier) deliver(ctx context.Context, no storage.Notice) error {
	tk, err := n.db.TicketByID(ctx, no.TicketID)
	if err != nil {
		return err
	}
	replies, err := n.Render(tk, no.Kind)
	if err != nil {
		return err
	}
	for i := range replies {
		replies[i].Ticket = tk.Number
	}
	// A chat busy with a long turn (a language model's) holds its own
	// notice back, not every notice after it: the notice is offered again.
	sctx, cancel := context.WithTimeout(ctx, noticeWait)
	defer cancel()
	if err := n.send(sctx, tk.Channel, tk.ChatID, replies); err != nil {
		return err
	}
	return n.db.MarkDelivered(ctx, no.ID, n.now())
}

func (n *Notifier) giveUp(ctx context.Context, no storage.Notice, cause error) {
	n.log.Error("notice given up", "notice", no.ID, "ticket", no.TicketID, "err", cause)
	if err := n.db.MarkDelivered(ctx, no.ID, n.now()); err != nil {
		n.log.Error("give up notice", "err", err)
	}
	if err := n.db.AddEvent(ctx, domain.Event{TicketID: no.TicketID, At: n.now().UTC(), Actor: "bot",
		Kind: "notice_undelivered", Detail: no.Kind + ": " + cause.Error()}); err != nil {
		n.log.Error("record undelivered notice", "err", err)
	}
}

// Render turns a notice about tk into replies in the ticket's language.
func (n *Notifier) Render(tk *domain.Ticket, kind string) ([]Reply, error) {
	loc := tk.Locale
	r := func(key string, data any) (string, error) { return n.texts.Render(loc, key, data) }
	data := map[string]any{"Number": tk.Number, "Product": tk.Product, "Engineer": tk.Engineer,
		"Cause": tk.Diagnosis, "Mode": tk.ServiceMode, "When": time.Time{}}
	key := "notice." + kind
	switch {
	case kind == "diagnosed":
		data["When"] = n.cfg.SLA.QuoteDue(tk.UpdatedAt.In(n.cfg.Location))
	case kind == "quoted" || kind == "quote_reminder":
		key = "quote.show"
		if kind == "quote_reminder" {
			key = "notice.quote_reminder"
		}
		return n.withButtons(loc, key, quoteData(tk), [][2]string{{"btn.accept", "quote:accept:" + tk.Number}, {"btn.decline", "quote:decline:" + tk.Number}})
	case kind == "callback":
		data["Company"] = n.cfg.CompanyName(n.texts, loc)
		return n.withButtons(loc, key, data, callbackButtons(tk.Number))
	case strings.HasPrefix(kind, "status:"):
		key = "notice.status." + strings.TrimPrefix(kind, "status:")
		if tk.State == domain.StateApproved || tk.State == domain.StateRepairing {
			data["When"] = n.cfg.SLA.RepairDue(tk.UpdatedAt.In(n.cfg.Location), tk.QuoteDays)
		}
	}
	text, err := r(key, data)
	if err != nil {
		return nil, err
	}
	return []Reply{{Key: key, Text: text, Lang: loc}}, nil
}

// withButtons renders the template key with buttons given as label key
// and payload.
func (n *Notifier) withButtons(loc, key string, data any, buttons [][2]string) ([]Reply, error) {
	text, err := n.texts.Render(loc, key, data)
	if err != nil {
		return nil, err
	}
	rep := Reply{Key: key, Text: text, Lang: loc}
	for _, b := range buttons {
		label, err := n.texts.Render(loc, b[0], nil)
		if err != nil {
			return nil, err
		}
		rep.Buttons = append(rep.Buttons, Button{Label: label, Payload: b[1]})
	}
	return []Reply{rep}, nil
}
