package staff

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/storage"
)

// Staff runs the staff's operations on tickets, the one place the command
// line, the Slack desk and the scheduler's tests call them.
// Every change is one transaction: the ticket, its event with the staff
// member's name and exact time, and the notice that tells the customer.
type Staff struct {
	db    *storage.DB
	cfg   dialog.Config
	now   func() time.Time
	texts *prompts.Catalog // labels of what Exec prints, in cfg.DefaultLocale
}

// NewStaff returns the staff operations over db. What Exec prints is
// labelled in the desk's default language, from prompts' cli.* keys.
func NewStaff(db *storage.DB, cfg dialog.Config, now func() time.Time) *Staff {
	if now == nil {
		now = time.Now
	}
	return &Staff{db: db, cfg: cfg.WithDefaults(), now: now, texts: embeddedTexts()}
}

// embeddedTexts is the catalog built into the binary, loaded once.
var embeddedTexts = sync.OnceValue(func() *prompts.Catalog {
	c, err := prompts.Load()
	if err != nil {
		panic(err) // embedded data: every test loads it
	}
	return c
})

// NextStep says what happens next on tk and by when (see Config.NextStep).
func (s *Staff) NextStep(tk *domain.Ticket) (string, time.Time) { return s.cfg.NextStep(tk) }

// Diagnose records the engineer's diagnosis (the fault's cause) and tells
// the customer.
func (s *Staff) Diagnose(ctx context.Context, number, actor, diagnosis string) (*domain.Ticket, error) {
	diagnosis = strings.TrimSpace(diagnosis)
	if diagnosis == "" {
		return nil, errors.New("diagnose: the diagnosis is empty")
	}
	return s.db.UpdateTicket(ctx, number, actor, s.now(), func(tk *domain.Ticket) (storage.Change, error) {
		if tk.State != domain.StateNew && tk.State != domain.StateDiagnosed {
			return storage.Change{}, domain.NotAllowed(tk, "diagnose")
		}
		tk.Diagnosis, tk.State = diagnosis, domain.StateDiagnosed
		return storage.Change{Kind: "diagnosed", Detail: diagnosis, Notice: "diagnosed"}, nil
	})
}

// Quote posts a quote: price in fen, the work, repair days. The customer
// gets it at once with buttons to accept or decline. In-warranty repairs
// skip the quote.
func (s *Staff) Quote(ctx context.Context, number, actor string, cents int64, work string, days int) (*domain.Ticket, error) {
	if cents <= 0 || days <= 0 || strings.TrimSpace(work) == "" {
		return nil, errors.New("quote: needs a price above zero, the work and the repair days")
	}
	return s.db.UpdateTicket(ctx, number, actor, s.now(), func(tk *domain.Ticket) (storage.Change, error) {
		if tk.Warranty == "in" {
			return storage.Change{}, fmt.Errorf("quote: %s is in warranty, set it approved instead: %w", tk.Number, domain.ErrNotAllowed)
		}
		if !slices.Contains([]string{domain.StateNew, domain.StateDiagnosed, domain.StateQuoted}, tk.State) {
			return storage.Change{}, domain.NotAllowed(tk, "quote")
		}
		tk.QuoteCents, tk.QuoteWork, tk.QuoteDays = cents, strings.TrimSpace(work), days
		tk.State, tk.Decision, tk.DecidedAt = domain.StateQuoted, "", nil
		return storage.Change{Kind: "quoted", Detail: fmt.Sprintf("%d.%02d %s %dd", cents/100, cents%100, tk.QuoteWork, days), Notice: "quoted"}, nil
	})
}

// SetStatus moves a ticket to state, if the lifecycle allows it, and tells
// the customer.
func (s *Staff) SetStatus(ctx context.Context, number, actor, state string) (*domain.Ticket, error) {
	if !slices.Contains(domain.States, state) {
		return nil, fmt.Errorf("status: unknown state %q (one of %s)", state, strings.Join(domain.States, ", "))
	}
	return s.db.UpdateTicket(ctx, number, actor, s.now(), func(tk *domain.Ticket) (storage.Change, error) {
		if !slices.Contains(domain.StatusMoves[tk.State], state) {
			return storage.Change{}, domain.NotAllowed(tk, "status "+state)
		}
		from := tk.State
		tk.State = state
		return storage.Change{Kind: "status", Detail: from + " -> " + state, Notice: "status:" + state}, nil
	})
}

// Assign gives the ticket to an engineer and tells the customer who.
func (s *Staff) Assign(ctx context.Context, number, actor, engineer string) (*domain.Ticket, error) {
	engineer = strings.TrimSpace(strings.TrimPrefix(engineer, "@"))
	if engineer == "" {
		return nil, errors.New("assign: name the engineer")
	}
	return s.db.UpdateTicket(ctx, number, actor, s.now(), func(tk *domain.Ticket) (storage.Change, error) {
		if tk.State == domain.StateClosed || tk.State == domain.StateCancelled {
			return storage.Change{}, domain.NotAllowed(tk, "assign")
		}
		tk.Engineer = engineer
		return storage.Change{Kind: "assigned", Detail: engineer, Notice: "assigned"}, nil
	})
}

// Close closes the ticket (结单) and thanks the customer.
func (s *Staff) Close(ctx context.Context, number, actor string) (*domain.Ticket, error) {
	return s.SetStatus(ctx, number, actor, domain.StateClosed)
}

// Location is where the desk's times are told: staff see the same clock as
// the customers, whatever the server's zone.
func (s *Staff) Location() *time.Location { return s.cfg.Location }
