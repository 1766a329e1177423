package domain

import "time"

// Timer outcomes, recorded for reporting.
const (
	OutcomeMet      = "met"
	OutcomeBreached = "breached"
	// OutcomeNotKept: the ticket closed without the event that keeps the
	// promise (closed, never assigned an engineer): a failure, never "met".
	OutcomeNotKept = "not_kept"
	// OutcomeVoid: the job ended so that the promise no longer applies (a
	// report cancelled, a quote declined before an engineer was needed).
	OutcomeVoid = "not_applicable"
)

// Timer is one service-level promise on a ticket: started by an event,
// warning at WarnAt, due at DueAt, stopped by a later event.
type Timer struct {
	ID           int64      `db:"id"`
	TicketID     int64      `db:"ticket_id"`
	Kind         string     `db:"kind"`
	StartEventID int64      `db:"start_event_id"`
	StartedAt    time.Time  `db:"started_at"`
	WarnAt       time.Time  `db:"warn_at"`
	DueAt        time.Time  `db:"due_at"`
	StoppedAt    *time.Time `db:"stopped_at"`
	WarnedAt     *time.Time `db:"warned_at"`
	BreachedAt   *time.Time `db:"breached_at"`
	Outcome      string     `db:"outcome"`
}

// TimerDetail is what a service level's warning or breach records: the
// timer's kind and due time, as data ("timer=repair due=2026-03-02T06:00:00Z"),
// worded for staff when shown.
func TimerDetail(t Timer) string {
	return "timer=" + t.Kind + " due=" + t.DueAt.UTC().Format(time.RFC3339)
}
