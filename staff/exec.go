package staff

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/storage"
)

// Exec runs a parsed staff command as actor and writes its result for the
// staff member to w, labelled in the desk's default language. Customers hear
// of any change through the outbox.
func (s *Staff) Exec(ctx context.Context, actor string, c Command, w io.Writer) error {
	var tk *domain.Ticket
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
		return s.writeList(w, ts)
	case "feedback":
		fs, err := s.db.FeedbackList(ctx, 50)
		if err != nil {
			return err
		}
		var t prompts.Table
		t.Add(s.columns("cli.feedback_columns")...)
		for _, f := range fs {
			t.Add(f.CreatedAt.In(s.cfg.Location).Format("2006-01-02 15:04"), f.Kind, f.TicketNumber, f.Channel+":"+f.ChatID, f.Text)
		}
		return t.Write(w)
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
	done := s.Text("cli.done."+c.Verb, map[string]any{"Number": tk.Number, "StateLabel": s.stateLabel(tk.State), "Engineer": tk.Engineer})
	_, err = fmt.Fprintln(w, done)
	return err
}

// Text renders a staff-facing label (cli.*, slack.*) in the desk's default
// language; the catalog's keys and their data are checked when it loads, so
// a failure here is a fault in the code, shown as the key.
func (s *Staff) Text(key string, data any) string {
	out, err := s.texts.Render(s.cfg.DefaultLocale, key, data)
	if err != nil {
		return key
	}
	return out
}

// EventDetail is an event's detail as staff read it: the detail is stored
// as data (a duration, codes like working=no, a service level's timer=…
// due=…), and the kinds that need words have an event.<kind> label in
// prompts, rendered with it (a due time on the desk's clock). A detail
// that lacks what its label needs (written before) is shown as stored.
func (s *Staff) EventDetail(e domain.Event) string {
	if strings.ContainsFunc(e.Detail, func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
		return e.Detail // written in words before details were data (or a person's words)
	}
	data := map[string]any{"Detail": e.Detail}
	for _, f := range strings.Fields(e.Detail) {
		k, v, _ := strings.Cut(f, "=")
		switch k {
		case "timer": // a service level, by its name
			data["Level"] = s.Text("cli.level."+v, nil)
		case "due":
			if at, err := time.Parse(time.RFC3339, v); err == nil {
				data["When"] = at.In(s.cfg.Location)
			}
		}
	}
	out, err := s.texts.Render(s.cfg.DefaultLocale, "event."+e.Kind, data)
	if err != nil {
		return e.Detail
	}
	return out
}

// columns is a table's header, tab-separated in the catalog.
func (s *Staff) columns(key string) []string { return strings.Split(s.Text(key, nil), "\t") }

// stateLabel names a state for staff in the desk's language.
func (s *Staff) stateLabel(state string) string { return s.Text("cli.state."+state, nil) }

func (s *Staff) writeList(w io.Writer, ts []domain.Ticket) error {
	if len(ts) == 0 {
		_, err := fmt.Fprintln(w, s.Text("cli.none", nil))
		return err
	}
	var t prompts.Table
	t.Add(s.columns("cli.columns")...)
	for _, tk := range ts {
		t.Add(tk.Number, s.stateLabel(tk.State), s.customer(&tk), tk.Phone, prompts.Truncate(strings.TrimSpace(tk.Product+" "+tk.Model), 24),
			prompts.Truncate(tk.Fault, 30), tk.CreatedAt.In(s.cfg.Location).Format("2006-01-02 15:04"))
	}
	return t.Write(w)
}

// customer is the customer's name with the title they chose, as the desk
// addresses them.
func (s *Staff) customer(tk *domain.Ticket) string {
	return s.Text("cli.customer", map[string]any{"Name": tk.ContactName, "Salutation": tk.Salutation})
}

func (s *Staff) writeTicket(ctx context.Context, w io.Writer, t *domain.Ticket) error {
	loc := s.cfg.Location
	label := func(key string, data map[string]any) string { return s.Text(key, data) }
	fmt.Fprintln(w, s.Text("cli.ticket", map[string]any{
		"Number": t.Number, "StateLabel": s.stateLabel(t.State), "RepeatOf": t.RepeatOf,
		"ModeLabel":     label("cli.mode", map[string]any{"Mode": t.ServiceMode}),
		"WarrantyLabel": label("cli.warranty", map[string]any{"Warranty": t.Warranty}),
		"ProofLabel":    label("cli.proof", map[string]any{"Proof": t.WarrantyProof}),
		"Customer":      s.customer(t), "Phone": t.Phone, "Chat": t.Channel + ":" + t.ChatID, "Address": t.Address,
		"Product": t.Product, "Model": t.Model, "Serial": t.Serial, "Purchase": t.PurchaseDate,
		"Fault": t.Fault, "Time": t.PreferredTime, "Engineer": t.Engineer, "Diagnosis": t.Diagnosis,
		"Cents": t.QuoteCents, "Work": t.QuoteWork, "Days": t.QuoteDays, "Decision": t.Decision,
	}))
	es, err := s.db.Events(ctx, t.ID)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, s.Text("cli.events", nil))
	var et prompts.Table
	for _, e := range es {
		et.Add("  "+e.At.In(loc).Format("2006-01-02 15:04:05"), e.Kind, e.Actor, s.EventDetail(e))
	}
	if err := et.Write(w); err != nil {
		return err
	}
	ts, err := s.db.Timers(ctx, t.ID)
	if err != nil || len(ts) == 0 {
		return err
	}
	fmt.Fprintln(w, s.Text("cli.levels", nil))
	var tt prompts.Table
	for _, tm := range ts {
		line := s.Text("cli.timer", map[string]any{"Kind": s.Text("cli.level."+tm.Kind, nil), "Started": tm.StartedAt.In(loc).Format("01-02 15:04"),
			"Due": tm.DueAt.In(loc).Format("01-02 15:04"), "Outcome": tm.Outcome})
		cells := strings.Split(line, "\t")
		cells[0] = "  " + cells[0]
		tt.Add(cells...)
	}
	return tt.Write(w)
}
