package domain

import (
	"slices"
	"strings"
	"time"
)

// Promises holds the follow-ups the desk makes on its own: service-level
// timers beyond SLA's, quote follow-ups, callbacks and nudges.
type Promises struct {
	WarnAt        float64       // share of a timer's time after which staff are warned: 0.8
	OnSiteContact time.Duration // engineer contacts an on-site customer after dispatch: 10m
	Dispatch      time.Duration // an on-site report gets its engineer within (pre-processing 30m + dispatch 10m): 40m
	DispatchCarry time.Duration // a carry-in report gets its engineer within: 3h
	ConfirmClose  time.Duration // an on-site job fixed is confirmed and closed within: 20m
	Plan          time.Duration // a reopened ticket gets a solution plan within: 24h
	QuoteRemind   time.Duration // an undecided quote gets one reminder after: 48h
	QuoteAlarm    time.Duration // ...and alarms the supervisors after: 96h

	// Callbacks: the categories always called the next working day
	// (CallbackCategories, all four unless set), at CallbackAt of that day;
	// others sampled at CallbackSample (0 to 1) within CallbackWindow
	// working days. CallbackDelay, when set, makes every callback due that
	// long after closing instead (for trials). Engineers first assigned
	// within NewEngineer count as new; complaints within ComplaintWindow
	// count against an engineer.
	CallbackCategories []string
	CallbackAt         time.Duration // 10h
	CallbackSample     float64
	CallbackWindow     int // 5
	CallbackDelay      time.Duration
	NewEngineer        time.Duration // 90 days
	ComplaintWindow    time.Duration // 90 days

	Nudge time.Duration // an unfinished report is nudged once after: 10m
}

// Callback categories: the "four categories" always called, and the sample.
const (
	CategoryComplaint          = "complaint"
	CategoryPaid               = "paid"
	CategoryNewEngineer        = "new_engineer"
	CategoryEngineerComplained = "engineer_complained"
	CategorySample             = "sample"
	CategoryReopened           = "reopened" // reopened by a callback: called again when closed again, always
)

// Categories lists the four categories, in the order they are checked.
var Categories = []string{CategoryComplaint, CategoryPaid, CategoryNewEngineer, CategoryEngineerComplained}

// DefaultPromises returns the follow-ups' defaults: the one place they are
// written (the configuration table shows and applies them).
func DefaultPromises() Promises {
	return Promises{WarnAt: 0.8, OnSiteContact: 10 * time.Minute, Dispatch: 40 * time.Minute, DispatchCarry: 3 * time.Hour,
		ConfirmClose: 20 * time.Minute, Plan: 24 * time.Hour, QuoteRemind: 48 * time.Hour, QuoteAlarm: 96 * time.Hour,
		CallbackCategories: Categories, CallbackAt: 10 * time.Hour, CallbackSample: 0.3, CallbackWindow: 5,
		NewEngineer: 90 * 24 * time.Hour, ComplaintWindow: 90 * 24 * time.Hour, Nudge: 10 * time.Minute}
}

// WithDefaults fills what is unset (zero) from DefaultPromises; a sample of
// 0 and no delay are settings, kept as they are.
func (p Promises) WithDefaults() Promises {
	d := DefaultPromises()
	if p.WarnAt <= 0 || p.WarnAt >= 1 {
		p.WarnAt = d.WarnAt
	}
	for _, f := range []struct{ v, def *time.Duration }{
		{&p.OnSiteContact, &d.OnSiteContact}, {&p.Plan, &d.Plan}, {&p.QuoteRemind, &d.QuoteRemind},
		{&p.Dispatch, &d.Dispatch}, {&p.DispatchCarry, &d.DispatchCarry}, {&p.ConfirmClose, &d.ConfirmClose},
		{&p.QuoteAlarm, &d.QuoteAlarm}, {&p.CallbackAt, &d.CallbackAt}, {&p.NewEngineer, &d.NewEngineer},
		{&p.ComplaintWindow, &d.ComplaintWindow}, {&p.Nudge, &d.Nudge},
	} {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	if p.CallbackWindow <= 0 {
		p.CallbackWindow = d.CallbackWindow
	}
	if p.CallbackCategories == nil {
		p.CallbackCategories = d.CallbackCategories
	}
	return p
}

// Timer kinds: one per service level the desk keeps watch on.
const (
	TimerFirstReply = "first_reply" // diagnosis or quote within 4 working hours
	TimerQuoteTell  = "quote_tell"  // quote told within 30 working minutes of diagnosis
	TimerRepair     = "repair"      // repaired within the working days promised
	TimerContact    = "contact"     // on-site customer contacted after dispatch
	TimerComplaint  = "complaint"   // a complaint answered with a resolution within 24 h
	TimerPlan       = "plan"        // a reopened ticket gets a plan within 24 h
	TimerDispatch   = "dispatch"    // an engineer assigned within 40 working minutes (carry-in: 3 hours)
	TimerClose      = "close"       // an on-site job fixed is confirmed and closed within 20 working minutes
)

// TimerStart is a service-level timer an event starts.
type TimerStart struct {
	Kind             string
	Start, Warn, Due time.Time
}

// Plan is what one ticket event does to the desk's promises.
type Plan struct {
	Stop     []string     // timer kinds stopped (met, unless already breached)
	NotKept  []string     // timer kinds ended by the ticket closing without their event (not kept)
	Void     []string     // timer kinds that no longer apply: the job ended otherwise (not applicable)
	Start    []TimerStart // timers started
	Quote    bool         // a quote was posted: its follow-ups are scheduled
	Callback bool         // the ticket closed after service: a callback may be due
}

var allTimers = []string{TimerFirstReply, TimerQuoteTell, TimerRepair, TimerContact, TimerComplaint, TimerPlan, TimerDispatch, TimerClose}

// TimerKinds lists every service-level timer kind.
func TimerKinds() []string { return slices.Clone(allTimers) }

// PlanFor maps a ticket event to the timers it starts and stops. tk is the
// ticket as it stands (for its warranty, quote and service mode); the
// event's own time is when the clock starts.
func PlanFor(sla SLA, promises Promises, loc *time.Location, e Event, tk *Ticket) Plan {
	at := e.At.In(loc)
	var p Plan
	working := func(kind string, due time.Time) {
		warn := sla.AddWork(at, time.Duration(float64(sla.WorkBetween(at, due))*promises.WarnAt))
		if sla.WorkBetween(at, due) == 0 {
			warn = at.Add(time.Duration(float64(due.Sub(at)) * promises.WarnAt))
		}
		p.Start = append(p.Start, TimerStart{Kind: kind, Start: at, Warn: warn, Due: due})
	}
	// A promise on the clock (24 hours) falls due when it can be kept: its
	// time, or the next opening after it (what the customer is told).
	wall := func(kind string, d time.Duration) {
		p.Start = append(p.Start, TimerStart{Kind: kind, Start: at, Warn: at.Add(time.Duration(float64(d) * promises.WarnAt)), Due: sla.ClockDue(at, d)})
	}
	staff := e.Actor != "bot" && !strings.HasPrefix(e.Actor, "customer:")
	if staff && e.Kind != "assigned" {
		p.Stop = append(p.Stop, TimerComplaint, TimerPlan, TimerContact)
	}
	switch e.Kind {
	case "created":
		working(TimerFirstReply, sla.FirstReplyDue(at))
		dispatch := promises.DispatchCarry
		if tk.ServiceMode == "on_site" {
			dispatch = promises.Dispatch
		}
		working(TimerDispatch, sla.AddWork(at, dispatch))
	case "diagnosed":
		p.Stop = append(p.Stop, TimerFirstReply)
		if tk.Warranty != "in" {
			working(TimerQuoteTell, sla.QuoteDue(at))
		}
	case "quoted":
		p.Stop = append(p.Stop, TimerFirstReply, TimerQuoteTell)
		p.Quote = true
	case "quote_accepted":
		working(TimerRepair, sla.RepairDue(at, tk.QuoteDays))
	case "quote_declined":
		// the job ends here (the machine goes back unrepaired): no engineer
		// is still owed to it, so dispatch stops with the rest
		p.Stop = append(p.Stop, TimerFirstReply, TimerQuoteTell)
		p.Void = append(p.Void, TimerRepair, TimerContact, TimerDispatch)
	case "assigned":
		p.Stop = append(p.Stop, TimerDispatch)
		if tk.ServiceMode == "on_site" {
			working(TimerContact, sla.AddWork(at, promises.OnSiteContact))
		}
	case "complaint":
		wall(TimerComplaint, sla.Complaint)
	case "reopened":
		wall(TimerPlan, promises.Plan)
	case "status":
		from, to, _ := strings.Cut(e.Detail, " -> ")
		if (from == StateNew || from == StateDiagnosed) && to != StateClosed && to != StateCancelled {
			p.Stop = append(p.Stop, TimerFirstReply, TimerQuoteTell) // moving the job on answers the customer
		}
		switch {
		case to == StateApproved,
			to == StateRepairing && (from == StateNew || from == StateDiagnosed):
			working(TimerRepair, sla.RepairDue(at, tk.QuoteDays))
		case to == StateReady:
			p.Stop = append(p.Stop, TimerRepair)
			if tk.ServiceMode == "on_site" {
				working(TimerClose, sla.AddWork(at, promises.ConfirmClose))
			}
		case to == StateClosed:
			// closing keeps the repair and the close-out; any other promise
			// still running was not kept (closed, never assigned: dispatch)
			p.Stop = append(p.Stop, TimerRepair, TimerClose)
			p.NotKept = append(p.NotKept, allTimers...)
			p.Callback = slices.Contains([]string{StateApproved,
				StateRepairing, StateWaitingParts, StateReady}, from)
		case to == StateCancelled:
			p.Void = append(p.Void, allTimers...)
		}
	}
	return p
}

// ValidCategory reports whether name is one of the four categories.
func ValidCategory(name string) bool { return slices.Contains(Categories, name) }
