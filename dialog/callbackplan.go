package dialog

import (
	"context"
	"hash/fnv"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// CallbackFor decides whether tk, closed after service at closed, gets an
// after-visit callback, why (its category) and when. The four categories
// are always called, the next working day; other tickets are sampled at
// the configured rate, and a sampled one is called on one of the next
// working days of the window. The sample is decided by the ticket number's
// hash, so every replica and every rerun decides the same.
func (c Config) CallbackFor(ctx context.Context, db *storage.DB, tk *domain.Ticket, closed time.Time) (string, time.Time, bool, error) {
	c = c.WithDefaults()
	p, sla := c.Promises, c.SLA
	closed = closed.In(c.Location)
	category, err := c.category(ctx, db, tk, closed)
	if err != nil {
		return "", time.Time{}, false, err
	}
	h := fnv.New32a()
	h.Write([]byte(tk.Number))
	sum := h.Sum32()
	days := 1
	if category == "" {
		if float64(sum%10000) >= p.CallbackSample*10000 {
			return "", time.Time{}, false, nil
		}
		category, days = domain.CategorySample, 1+int(sum/10000)%p.CallbackWindow
	}
	if p.CallbackDelay > 0 {
		return category, sla.NextOpening(closed.Add(p.CallbackDelay)), true, nil
	}
	due := closed
	for range days {
		due = sla.NextWorkdayAt(due, p.CallbackAt)
	}
	return category, sla.NextOpening(due), true, nil
}

// category returns why tk is always called back: reopened by an earlier
// callback ("until the customer is satisfied"), or the first of the
// configured four categories it falls in; "" if none.
func (c Config) category(ctx context.Context, db *storage.DB, tk *domain.Ticket, closed time.Time) (string, error) {
	if n, err := db.EventCount(ctx, tk.ID, "reopened"); err != nil || n > 0 {
		return domain.CategoryReopened, err
	}
	p := c.Promises
	for _, cat := range p.CallbackCategories {
		switch cat {
		case domain.CategoryComplaint:
			n, err := db.EventCount(ctx, tk.ID, "complaint")
			if err != nil || n > 0 {
				return cat, err
			}
		case domain.CategoryPaid:
			if tk.QuoteCents > 0 && tk.Decision == DecisionAccepted {
				return cat, nil
			}
		case domain.CategoryNewEngineer, domain.CategoryEngineerComplained:
			if tk.Engineer == "" {
				continue
			}
			first, complaints, err := db.EngineerRecord(ctx, tk.Engineer, closed.Add(-p.ComplaintWindow))
			if err != nil {
				return "", err
			}
			if cat == domain.CategoryNewEngineer && !first.IsZero() && closed.Sub(first) <= p.NewEngineer {
				return cat, nil
			}
			if cat == domain.CategoryEngineerComplained && complaints > 0 {
				return cat, nil
			}
		}
	}
	return "", nil
}
