package storage

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/jmoiron/sqlx"
)

// TimerPlan is what one ticket event does to its ticket's timers: the
// kinds it stops (met, unless already breached), ends without their event
// (not kept) or voids, and the timers it starts (TicketID, Kind, the
// event as StartEventID, and the times).
type TimerPlan struct {
	TicketID int64
	EventID  int64
	At       time.Time
	Stop     []string
	NotKept  []string
	Void     []string
	Start    []domain.Timer
}

// ApplyTimers applies plans in order, in one transaction of a few
// statements whatever their number (the running timers of their tickets
// read at once, the stops written, the new timers inserted in one
// statement), and returns each plan's started timers as stored, with their
// ids. A plan stops only timers that an earlier event started (so applying
// an event again, late, never stops what a later one started); a timer
// already breached, or stopped after its due time, is breached whatever
// the plan says. A timer of a kind being started that still runs is
// stopped first (met): a promise made again replaces the old one. Timers
// are kept once per (ticket, kind, start event), so applying an event
// twice, or two replicas applying it, starts each once and both get the
// stored row.
func (db *DB) ApplyTimers(ctx context.Context, plans []TimerPlan) ([][]domain.Timer, error) {
	out := make([][]domain.Timer, len(plans))
	err := db.inTx(ctx, func(tx *sqlx.Tx) error {
		if db.postgres {
			// Replicas apply batches one at a time: a batch reads the running
			// timers after the one before it committed, so a stop in it sees
			// a timer another replica's batch just started (read before that
			// commit, the stop would be lost). SQLite has one writer already.
			if _, err := tx.ExecContext(ctx, `SELECT pg_advisory_xact_lock($1)`, timersLock); err != nil {
				return err
			}
		}
		running, err := runningTimers(ctx, tx, db.forUpdate(), plans)
		if err != nil {
			return err
		}
		var made []*pendingTimer // the timers the plans start, in order
		for _, p := range plans {
			for _, t := range running[p.TicketID] {
				t.end(p)
			}
			for _, st := range p.Start {
				if again := sameStart(running[p.TicketID], st); again != nil {
					made = append(made, again) // the event applied before: kept as it is
					continue
				}
				t := &pendingTimer{Timer: st, fresh: true}
				running[p.TicketID] = append(running[p.TicketID], t)
				made = append(made, t)
			}
		}
		stored, err := writeTimers(ctx, tx, running, made)
		if err != nil {
			return err
		}
		byPlan := map[[2]int64]int{}
		for i, p := range plans {
			byPlan[[2]int64{p.TicketID, p.EventID}] = i
		}
		for _, t := range stored {
			i := byPlan[[2]int64{t.TicketID, t.StartEventID}]
			out[i] = append(out[i], t)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("storage: apply timers: %w", err)
	}
	return out, nil
}

// timersLock is the PostgreSQL advisory lock that serialises ApplyTimers
// across replicas.
const timersLock = 0x46_44_54_4d // "FDTM"

// pendingTimer is a timer as the plans leave it: one read running, or one
// they start (fresh), and whether a plan stopped it.
type pendingTimer struct {
	domain.Timer
	fresh   bool
	stopped bool
}

// end stops t if plan p ends it. The first of Stop, NotKept, Void and Start
// that names its kind decides (each stops what the ones before it left
// running).
func (t *pendingTimer) end(p TimerPlan) {
	if t.stopped || t.StartEventID >= p.EventID {
		return
	}
	outcome := ""
	for _, l := range []struct {
		kinds   []string
		outcome string
	}{{p.Stop, domain.OutcomeMet}, {p.NotKept, domain.OutcomeNotKept}, {p.Void, domain.OutcomeVoid}} {
		for _, k := range l.kinds {
			if outcome == "" && k == t.Kind {
				outcome = l.outcome
			}
		}
	}
	for _, st := range p.Start {
		if outcome == "" && st.Kind == t.Kind {
			outcome = domain.OutcomeMet
		}
	}
	if outcome == "" {
		return
	}
	if t.BreachedAt != nil || p.At.After(t.DueAt) {
		outcome = domain.OutcomeBreached
	}
	at := p.At.UTC()
	t.stopped, t.StoppedAt, t.Outcome = true, &at, outcome
}

// sameStart is the running timer st would start again, if there is one.
func sameStart(running []*pendingTimer, st domain.Timer) *pendingTimer {
	for _, t := range running {
		if t.Kind == st.Kind && t.StartEventID == st.StartEventID {
			return t
		}
	}
	return nil
}

// runningTimers reads the plans' tickets' running timers, by ticket; lock
// is " FOR UPDATE" on PostgreSQL, so a breach being fired and a stop wait
// for each other.
func runningTimers(ctx context.Context, tx *sqlx.Tx, lock string, plans []TimerPlan) (map[int64][]*pendingTimer, error) {
	running := map[int64][]*pendingTimer{}
	if len(plans) == 0 {
		return running, nil
	}
	var ids []int64
	for _, p := range plans {
		ids = append(ids, p.TicketID)
	}
	slices.Sort(ids)
	for chunk := range slices.Chunk(slices.Compact(ids), rowsPerStatement) {
		q, args, err := sqlx.In(`SELECT `+timerCols+` FROM sla_timers WHERE ticket_id IN (?) AND stopped_at IS NULL ORDER BY id`+lock, chunk)
		if err != nil {
			return nil, err
		}
		var ts []domain.Timer
		if err := tx.SelectContext(ctx, &ts, tx.Rebind(q), args...); err != nil {
			return nil, err
		}
		for _, t := range ts {
			running[t.TicketID] = append(running[t.TicketID], &pendingTimer{Timer: t})
		}
	}
	return running, nil
}

// writeTimers writes the stops of timers that were running and inserts the
// fresh ones (already stopped, when a later plan stopped them) in one
// statement, and returns made as stored.
func writeTimers(ctx context.Context, tx *sqlx.Tx, running map[int64][]*pendingTimer, made []*pendingTimer) ([]domain.Timer, error) {
	for _, ts := range running {
		for _, t := range ts {
			if t.fresh || !t.stopped {
				continue
			}
			if _, err := tx.ExecContext(ctx, tx.Rebind(`UPDATE sla_timers SET stopped_at = ?, outcome = ? WHERE id = ? AND stopped_at IS NULL`),
				t.StoppedAt, t.Outcome, t.ID); err != nil {
				return nil, err
			}
		}
	}
	var out []domain.Timer
	var fresh []*pendingTimer
	for _, t := range made {
		if t.fresh {
			fresh = append(fresh, t)
		} else {
			out = append(out, t.Timer)
		}
	}
	for chunk := range slices.Chunk(fresh, rowsPerStatement) {
		var rows []string
		var args []any
		for _, t := range chunk {
			rows = append(rows, "(?, ?, ?, ?, ?, ?, ?, ?)")
			args = append(args, t.TicketID, t.Kind, t.StartEventID, t.StartedAt.UTC(), t.WarnAt.UTC(), t.DueAt.UTC(), t.StoppedAt, t.Outcome)
		}
		// The no-op update makes RETURNING give the row that was there (the
		// event applied before, its timer since stopped).
		q := `INSERT INTO sla_timers (ticket_id, kind, start_event_id, started_at, warn_at, due_at, stopped_at, outcome)
			VALUES ` + strings.Join(rows, ", ") + `
			ON CONFLICT (ticket_id, kind, start_event_id) DO UPDATE SET outcome = sla_timers.outcome
			RETURNING ` + timerCols
		var stored []domain.Timer
		if err := tx.SelectContext(ctx, &stored, tx.Rebind(q), args...); err != nil {
			return nil, err
		}
		out = append(out, stored...)
	}
	return out, nil
}

// rowsPerStatement bounds the rows one statement writes or names, well
// within PostgreSQL's 65,535 parameters and SQLite's 32,766.
const rowsPerStatement = 1000
