package dialog

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/frontdesk/frontdesk/storage"
)

// Exec runs a parsed staff command as actor and writes its result for the
// staff member to w. Customers hear of any change through the outbox.
func (s *Staff) Exec(ctx context.Context, actor string, c Command, w io.Writer) error {
	var tk *storage.Ticket
	var err error
	switch c.Verb {
	case "list", "find":
		f := storage.TicketFilter{Limit: 100}
		if c.Verb == "find" {
			f.Phone = c.Args[0]
		} else if len(c.Args) == 1 {
			f.State = c.Args[0]
		}
		ts, err := s.db.Tickets(ctx, f)
		if err != nil {
			return err
		}
		return writeList(w, ts, s.cfg.Location)
	case "feedback":
		fs, err := s.db.FeedbackList(ctx, 50)
		if err != nil {
			return err
		}
		for _, f := range fs {
			fmt.Fprintf(w, "%s  %-10s %-8s %s  %s\n", f.CreatedAt.In(s.cfg.Location).Format("2006-01-02 15:04"), f.Kind, f.TicketNumber, f.Channel+":"+f.ChatID, f.Text)
		}
		return nil
	case "report":
		days, err := reportDays(c.Args)
		if err != nil {
			return err
		}
		return s.writeReport(ctx, w, days)
	case "show":
		if tk, err = s.db.TicketByNumber(ctx, c.Number); err != nil {
			return err
		}
		return s.writeTicket(ctx, w, tk)
	case "diagnose":
		tk, err = s.Diagnose(ctx, c.Number, actor, c.Args[0])
	case "quote":
		tk, err = s.Quote(ctx, c.Number, actor, c.Cents, c.Args[1], c.Days)
	case "status":
		tk, err = s.SetStatus(ctx, c.Number, actor, c.Args[0])
	case "assign":
		tk, err = s.Assign(ctx, c.Number, actor, c.Args[0])
	case "close":
		tk, err = s.Close(ctx, c.Number, actor)
	default:
		return usage("unknown command %q", c.Verb)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "%s %s: now %s; the customer is told.\n", tk.Number, c.Verb, tk.State)
	return nil
}

func writeList(w io.Writer, ts []storage.Ticket, loc *time.Location) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "NUMBER\tSTATE\tCUSTOMER\tPHONE\tPRODUCT\tFAULT\tCREATED")
	for _, t := range ts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", t.Number, t.State, t.ContactName, t.Phone,
			t.Product+" "+t.Model, short(t.Fault, 24), t.CreatedAt.In(loc).Format("2006-01-02 15:04"))
	}
	return tw.Flush()
}

func short(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

func (s *Staff) writeTicket(ctx context.Context, w io.Writer, t *storage.Ticket) error {
	loc := s.cfg.Location
	fmt.Fprintf(w, "%s  %s  (%s, warranty %s", t.Number, t.State, t.ServiceMode, t.Warranty)
	if t.RepeatOf != "" {
		fmt.Fprintf(w, ", REPEAT of %s", t.RepeatOf)
	}
	fmt.Fprintf(w, ")\ncustomer: %s %s  %s  via %s:%s\n", t.ContactName, t.Salutation, t.Phone, t.Channel, t.ChatID)
	if t.Address != "" {
		fmt.Fprintf(w, "address:  %s\n", t.Address)
	}
	fmt.Fprintf(w, "product:  %s %s  serial %s  bought %s (proof: %s)\n", t.Product, t.Model, t.Serial, t.PurchaseDate, t.WarrantyProof)
	fmt.Fprintf(w, "fault:    %s\npreferred time: %s\n", t.Fault, t.PreferredTime)
	if t.Engineer != "" {
		fmt.Fprintf(w, "engineer: %s\n", t.Engineer)
	}
	if t.Diagnosis != "" {
		fmt.Fprintf(w, "diagnosis: %s\n", t.Diagnosis)
	}
	if t.QuoteCents > 0 {
		fmt.Fprintf(w, "quote:    %d.%02d  %s  %d day(s)  decision: %s\n", t.QuoteCents/100, t.QuoteCents%100, t.QuoteWork, t.QuoteDays, t.Decision)
	}
	es, err := s.db.Events(ctx, t.ID)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "events:")
	for _, e := range es {
		fmt.Fprintf(w, "  %s  %-16s %-28s %s\n", e.At.In(loc).Format("2006-01-02 15:04:05"), e.Kind, e.Actor, e.Detail)
	}
	ts, err := s.db.Timers(ctx, t.ID)
	if err != nil || len(ts) == 0 {
		return err
	}
	fmt.Fprintln(w, "service levels:")
	for _, tm := range ts {
		outcome := tm.Outcome
		if outcome == "" {
			outcome = "running"
		}
		fmt.Fprintf(w, "  %-12s started %s  due %s  %s\n", tm.Kind, tm.StartedAt.In(loc).Format("01-02 15:04"), tm.DueAt.In(loc).Format("01-02 15:04"), outcome)
	}
	return nil
}
