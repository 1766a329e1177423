// Package report computes the measures the trade watches (docs/TRADE.md, Measures:
// satisfaction, first-time fix 一次服务到位率, repeat repairs 多次维修率,
// service levels, complaints) for a period from the ticket log, and
// renders them as text, CSV rows and a chart. Computing is pure: rows and
// the working-hours calendar in, numbers out.
package report

import (
	"sort"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
)

// RepeatWindow is how long after a job is handed back a repeat repair of
// it still counts against its first-time fix. the trade names no period;
// 30 days is the trade's usual guarantee on a repair.
const RepeatWindow = 30 * 24 * time.Hour

// handoverWindow: a report registered within a day of its chat asking for
// a person was not handled by the bot alone.
const handoverWindow = 24 * time.Hour

// Group is one line of a measure broken down (an engineer, a product).
type Group struct {
	Name           string
	Registered     int // tickets registered in the period
	Closed         int // jobs handed back (closed after service) in the period
	FixedFirstTime int // of those, not reopened and not repeated within RepeatWindow
	Answered       int // callbacks answered in the period
	Satisfied      int // of those, attitude and quality both "good"
}

// Levels counts one service level's timers started in the period.
type Levels struct {
	Kind                                  string
	Met, Breached, NotKept, Void, Running int
}

// Share is the part of the level met, of those decided (met, breached, not
// kept); -1 when none is.
func (l Levels) Share() float64 {
	n := l.Met + l.Breached + l.NotKept
	if n == 0 {
		return -1
	}
	return float64(l.Met) / float64(n)
}

// Measures are the period's numbers.
type Measures struct {
	From, To time.Time

	Registered, Repeats int       // tickets registered, of which repeat repairs
	Overall             Group     // the period's totals
	CallbacksAsked      int       // callbacks asked in the period
	BotHandled          int       // registered with no request for a person from the chat in the day before
	Complaints          int       // complaints made in the period
	ComplaintHours      []float64 // working hours from each complaint to a person acting on it
	FirstReplyHours     []float64 // working hours from registration to the first reply with diagnosis or quote
	RepairHours         []float64 // working hours from approval to ready or closed
	Levels              []Levels
	ByEngineer          []Group
	ByProduct           []Group
}

// Rate is part/whole, -1 for no whole.
func Rate(part, whole int) float64 {
	if whole == 0 {
		return -1
	}
	return float64(part) / float64(whole)
}

// Compute computes the measures of [from, to) from rows, counting working
// hours on sla's calendar.
func Compute(rows storage.PeriodRows, from, to time.Time, sla domain.SLA) Measures {
	m := Measures{From: from, To: to, Overall: Group{Name: "all"}}
	in := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
	byID := map[int64]*domain.Ticket{}
	for i := range rows.Tickets {
		byID[rows.Tickets[i].ID] = &rows.Tickets[i]
	}
	eng, prod := map[string]*Group{}, map[string]*Group{}
	group := func(set map[string]*Group, name string) *Group {
		if name == "" {
			name = "-"
		}
		if set[name] == nil {
			set[name] = &Group{Name: name}
		}
		return set[name]
	}
	each := func(tk *domain.Ticket, f func(*Group)) {
		f(&m.Overall)
		f(group(eng, tk.Engineer))
		f(group(prod, productLine(tk.Product)))
	}
	// Registered, repeats, bot-handled.
	for i := range rows.Tickets {
		tk := &rows.Tickets[i]
		if !in(tk.CreatedAt) {
			continue
		}
		m.Registered++
		if tk.RepeatOf != "" {
			m.Repeats++
		}
		each(tk, func(g *Group) { g.Registered++ })
		if !askedForPerson(rows.Handovers, tk) {
			m.BotHandled++
		}
	}
	// Events: jobs handed back, reopenings, complaints.
	reopened := map[int64]bool{}
	for _, e := range rows.Events {
		if e.Kind == "reopened" {
			reopened[e.TicketID] = true
		}
	}
	repeatedOf := map[string][]time.Time{}
	for _, r := range rows.Repeats {
		repeatedOf[r.RepeatOf] = append(repeatedOf[r.RepeatOf], r.CreatedAt)
	}
	for _, e := range rows.Events {
		tk := byID[e.TicketID]
		if tk == nil || !in(e.At) {
			continue
		}
		switch {
		case e.Kind == "status" && handedBack(e.Detail):
			fixed := !reopened[tk.ID]
			for _, at := range repeatedOf[tk.Number] {
				if at.After(e.At) && at.Sub(e.At) <= RepeatWindow {
					fixed = false
				}
			}
			each(tk, func(g *Group) {
				g.Closed++
				if fixed {
					g.FixedFirstTime++
				}
			})
		case e.Kind == "complaint":
			m.Complaints++
		}
	}
	// Callbacks.
	for _, cb := range rows.Callbacks {
		tk := byID[cb.TicketID]
		if tk == nil {
			continue
		}
		if cb.AskedAt != nil && in(*cb.AskedAt) {
			m.CallbacksAsked++
		}
		if cb.State == domain.CallbackAnswered && cb.AnsweredAt != nil && in(*cb.AnsweredAt) {
			good := cb.Attitude == "good" && cb.Quality == "good"
			each(tk, func(g *Group) {
				g.Answered++
				if good {
					g.Satisfied++
				}
			})
		}
	}
	// Service levels and times, in working hours.
	lv := map[string]*Levels{}
	for _, tm := range rows.Timers {
		if !in(tm.StartedAt) {
			continue
		}
		l := lv[tm.Kind]
		if l == nil {
			l = &Levels{Kind: tm.Kind}
			lv[tm.Kind] = l
		}
		switch tm.Outcome {
		case domain.OutcomeMet:
			l.Met++
		case domain.OutcomeBreached:
			l.Breached++
		case domain.OutcomeNotKept:
			l.NotKept++
		case domain.OutcomeVoid:
			l.Void++
		default:
			l.Running++
		}
		if tm.StoppedAt == nil || tm.Outcome == domain.OutcomeVoid || tm.Outcome == domain.OutcomeNotKept {
			continue // not done: no time to measure
		}
		hours := sla.WorkBetween(tm.StartedAt, *tm.StoppedAt).Hours()
		switch tm.Kind {
		case domain.TimerFirstReply:
			m.FirstReplyHours = append(m.FirstReplyHours, hours)
		case domain.TimerRepair:
			m.RepairHours = append(m.RepairHours, hours)
		case domain.TimerComplaint:
			m.ComplaintHours = append(m.ComplaintHours, hours)
		}
	}
	for _, l := range lv {
		m.Levels = append(m.Levels, *l)
	}
	sort.Slice(m.Levels, func(i, j int) bool { return m.Levels[i].Kind < m.Levels[j].Kind })
	m.ByEngineer, m.ByProduct = sorted(eng), sorted(prod)
	return m
}

// handedBack reports whether a status change "a -> closed" ends a job after
// service (not a report closed or cancelled before any work).
func handedBack(detail string) bool {
	from, to, ok := strings.Cut(detail, " -> ")
	if !ok || to != domain.StateClosed {
		return false
	}
	switch from {
	case domain.StateApproved, domain.StateRepairing, domain.StateWaitingParts, domain.StateReady:
		return true
	}
	return false
}

// askedForPerson reports whether tk's chat asked for a person in the day
// before it was registered.
func askedForPerson(handovers []storage.Feedback, tk *domain.Ticket) bool {
	for _, h := range handovers {
		if h.Channel == tk.Channel && h.ChatID == tk.ChatID && !h.CreatedAt.After(tk.CreatedAt) &&
			tk.CreatedAt.Sub(h.CreatedAt) <= handoverWindow {
			return true
		}
	}
	return false
}

// productLine is the product line a ticket counts under: its product as
// registered (brand and model are kept apart on the ticket).
func productLine(p string) string { return strings.TrimSpace(p) }

func sorted(set map[string]*Group) []Group {
	out := make([]Group, 0, len(set))
	for _, g := range set {
		out = append(out, *g)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Registered+out[i].Closed != out[j].Registered+out[j].Closed {
			return out[i].Registered+out[i].Closed > out[j].Registered+out[j].Closed
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// Median is the middle of xs, -1 for none.
func Median(xs []float64) float64 {
	if len(xs) == 0 {
		return -1
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}
