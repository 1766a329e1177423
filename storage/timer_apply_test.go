package storage_test

import (
	"context"
	"database/sql"
	"fmt"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

// TestApplyTimersInOneBatchAsOneByOne: events of one ticket applied in one
// batch stop what the earlier ones in the batch started (breached when
// past due), start a promise again after it was kept, and applying the
// batch again changes nothing and returns the same timers.
func TestApplyTimersInOneBatchAsOneByOne(t *testing.T) {
	for name, db := range storagetest.DBs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			tk := newTicket("timers-1", "tc1")
			if _, err := db.CreateTicket(ctx, tk, "test"); err != nil {
				t.Fatal(err)
			}
			t0 := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
			timer := func(kind string, event int64, at time.Time, due time.Duration) domain.Timer {
				return domain.Timer{TicketID: tk.ID, Kind: kind, StartEventID: event, StartedAt: at, WarnAt: at.Add(due / 2), DueAt: at.Add(due)}
			}
			plans := []storage.TimerPlan{
				{TicketID: tk.ID, EventID: 10, At: t0, Start: []domain.Timer{timer("reply", 10, t0, time.Hour), timer("repair", 10, t0, time.Minute)}},
				// half an hour later: the reply is met in time, the repair is past due
				{TicketID: tk.ID, EventID: 11, At: t0.Add(30 * time.Minute), Stop: []string{"reply", "repair"}},
				{TicketID: tk.ID, EventID: 12, At: t0.Add(40 * time.Minute), Start: []domain.Timer{timer("reply", 12, t0.Add(40*time.Minute), time.Hour)}},
			}
			first, err := db.ApplyTimers(ctx, plans)
			if err != nil {
				t.Fatal(err)
			}
			if len(first[0]) != 2 || len(first[1]) != 0 || len(first[2]) != 1 {
				t.Fatalf("started per plan: %d %d %d", len(first[0]), len(first[1]), len(first[2]))
			}
			check := func() []domain.Timer {
				t.Helper()
				ts, err := db.Timers(ctx, tk.ID)
				if err != nil || len(ts) != 3 {
					t.Fatalf("timers %+v %v", ts, err)
				}
				outcome := map[string]string{}
				for _, tm := range ts {
					outcome[fmt.Sprint(tm.Kind, "@", tm.StartEventID)] = tm.Outcome
				}
				if outcome["reply@10"] != domain.OutcomeMet || outcome["repair@10"] != domain.OutcomeBreached || outcome["reply@12"] != "" {
					t.Fatalf("outcomes %v", outcome)
				}
				return ts
			}
			before := check()
			again, err := db.ApplyTimers(ctx, plans)
			if err != nil {
				t.Fatal(err)
			}
			after := check()
			for i := range before {
				if before[i].ID != after[i].ID || (before[i].StoppedAt == nil) != (after[i].StoppedAt == nil) {
					t.Fatalf("applying again changed %+v into %+v", before[i], after[i])
				}
			}
			if len(again[0]) != 2 || len(again[2]) != 1 || again[2][0].ID != first[2][0].ID {
				t.Fatalf("applying again returned %+v, first %+v", again, first)
			}
		})
	}
}

// TestReplicasApplyTimerBatchesOneAtATime: on PostgreSQL a batch of timers
// waits while another replica's batch is being applied (here: the lock
// held by another connection), so that it reads the running timers after
// that batch committed and its stops see the timers that batch started.
func TestReplicasApplyTimerBatchesOneAtATime(t *testing.T) {
	u := storagetest.PostgresURL(t)
	if u == "" {
		t.Skip("DATABASE_URL is not a PostgreSQL URL (SQLite has one writer)")
	}
	ctx := context.Background()
	db, err := storage.Open(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	tk := newTicket("timers-2", "tc2")
	if _, err := db.CreateTicket(ctx, tk, "test"); err != nil {
		t.Fatal(err)
	}
	other, err := sql.Open("pgx", u)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	conn, err := other.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_lock($1)`, storage.TimersLock); err != nil {
		t.Fatal(err)
	}
	at := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	plan := []storage.TimerPlan{{TicketID: tk.ID, EventID: 20, At: at,
		Start: []domain.Timer{{TicketID: tk.ID, Kind: "reply", StartEventID: 20, StartedAt: at, WarnAt: at.Add(time.Minute), DueAt: at.Add(time.Hour)}}}}
	short, cancel := context.WithTimeout(ctx, 300*time.Millisecond)
	defer cancel()
	if _, err := db.ApplyTimers(short, plan); err == nil {
		t.Fatal("a batch was applied while another replica's batch held the timers")
	}
	if _, err := conn.ExecContext(ctx, `SELECT pg_advisory_unlock($1)`, storage.TimersLock); err != nil {
		t.Fatal(err)
	}
	if started, err := db.ApplyTimers(ctx, plan); err != nil || len(started[0]) != 1 {
		t.Fatalf("after the other batch: %+v %v", started, err)
	}
}
