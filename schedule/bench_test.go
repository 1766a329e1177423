package schedule

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

// BenchmarkTimersAndCallbacks schedules 10,000 service-level timers and
// 1,000 callbacks (their rows and River jobs) falling due over two
// seconds, with River running, and waits until every one has fired. It
// reports timers and callbacks scheduled per second, jobs fired per second
// (from the first firing to the last) and the delay between a job's due
// time and its firing at the 50th and 99th percentiles, on
// PostgreSQL when DATABASE_URL is set, else SQLite.
func BenchmarkTimersAndCallbacks(b *testing.B) {
	const tickets, timersPer = 1000, 10
	ctx := context.Background()
	db := storagetest.SQLite(b)
	if os.Getenv("DATABASE_URL") != "" {
		db = storagetest.Postgres(b)
	}
	clients, prefix := storagetest.Redis(b)
	texts, err := prompts.Load()
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := dialog.Config{Location: time.UTC}
	cfg.SLA.WorkStart, cfg.SLA.WorkEnd = 0, 24*time.Hour // callbacks may go out at any hour here
	cfg.SLA.Workdays = []time.Weekday{0, 1, 2, 3, 4, 5, 6}
	desk := dialog.New(db, storage.NewStates(clients["miniredis"], prefix, time.Hour), texts, nil, cfg, log, nil)
	s, err := New(ctx, db, desk, log, Options{})
	if err != nil {
		b.Fatal(err)
	}
	if err := s.Start(ctx); err != nil {
		b.Fatal(err)
	}
	defer s.Stop(ctx)
	ids := make([]int64, tickets)
	for i := range ids {
		tk := &domain.Ticket{ReportKey: fmt.Sprint("bench-", i), Channel: "webchat", ChatID: fmt.Sprint("b", i), Locale: "zh-CN",
			Product: "打印机", Fault: "卡纸", State: domain.StateClosed, CreatedAt: time.Now()}
		if _, err := db.CreateTicket(ctx, tk, "bot"); err != nil {
			b.Fatal(err)
		}
		ids[i] = tk.ID
	}
	var delays []time.Duration
	var fired int
	var firing, scheduling time.Duration
	b.ResetTimer()
	for n := range b.N {
		// Scheduling: the timers' and callbacks' rows, then their jobs.
		start := time.Now()
		var timers, callbacks []int64
		var plans []storage.TimerPlan
		for i, id := range ids {
			p := storage.TimerPlan{TicketID: id, EventID: int64(n*tickets + i), At: start}
			for k := range timersPer {
				p.Start = append(p.Start, domain.Timer{TicketID: id, Kind: fmt.Sprint("bench", k), StartEventID: p.EventID,
					StartedAt: start, WarnAt: start.Add(time.Hour), DueAt: start.Add(time.Hour)})
			}
			plans = append(plans, p)
		}
		started, err := s.db.ApplyTimers(ctx, plans)
		if err != nil {
			b.Fatal(err)
		}
		for _, ts := range started {
			for _, t := range ts {
				timers = append(timers, t.ID)
			}
		}
		for _, id := range ids {
			cb, err := s.db.ScheduleCallback(ctx, domain.Callback{TicketID: id, CloseEventID: int64(n + 1), Category: "sample",
				DueAt: start.Add(time.Hour), CreatedAt: start})
			if err != nil {
				b.Fatal(err)
			}
			callbacks = append(callbacks, cb.ID)
		}
		// All fall due over two seconds, from three seconds on.
		due := time.Now().Add(3 * time.Second)
		spread := func(i, of int) time.Time { return due.Add(time.Duration(i) * 2 * time.Second / time.Duration(of)) }
		var jobs []river.InsertManyParams
		for i, id := range timers {
			jobs = append(jobs, river.InsertManyParams{Args: timerArgs{TimerID: id, Breach: true}, InsertOpts: unique(spread(i, len(timers)))})
		}
		for i, id := range callbacks {
			jobs = append(jobs, river.InsertManyParams{Args: callbackArgs{CallbackID: id}, InsertOpts: unique(spread(i, len(callbacks)))})
		}
		for chunk := range slices.Chunk(jobs, 1000) {
			if _, err := s.jobs.InsertMany(ctx, chunk); err != nil {
				b.Fatal(err)
			}
		}
		scheduling += time.Since(start)
		if time.Now().After(due) {
			b.Fatalf("scheduling took %s, past the first due time", time.Since(start))
		}
		done := waitFired(b, s, len(jobs))
		for _, j := range done {
			delays = append(delays, j.FinalizedAt.Sub(j.ScheduledAt))
		}
		fired += len(done)
		first, last := finalSpan(done)
		firing += last.Sub(first)
	}
	b.StopTimer()
	slices.Sort(delays)
	b.ReportMetric(float64(fired)/scheduling.Seconds(), "scheduled/s")
	b.ReportMetric(float64(fired)/firing.Seconds(), "jobs/s")
	b.ReportMetric(float64(delays[len(delays)*99/100].Milliseconds()), "p99-delay-ms")
	b.ReportMetric(float64(delays[len(delays)/2].Milliseconds()), "p50-delay-ms")
}

// waitFired waits until n jobs are completed and returns them, deleting
// them so the next round counts afresh.
func waitFired(b *testing.B, s *Scheduler, n int) []*rivertype.JobRow {
	deadline := time.Now().Add(5 * time.Minute)
	for {
		done := completed(b, s)
		if len(done) >= n {
			for _, j := range done {
				if _, err := s.jobs.JobDelete(context.Background(), j.ID); err != nil {
					b.Fatal(err)
				}
			}
			return done
		}
		if time.Now().After(deadline) {
			b.Fatalf("%d of %d jobs fired after 5 minutes", len(done), n)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// completed lists every completed job, page by page.
func completed(b *testing.B, s *Scheduler) []*rivertype.JobRow {
	var out []*rivertype.JobRow
	p := river.NewJobListParams().States(rivertype.JobStateCompleted).First(5000)
	for {
		res, err := s.jobs.JobList(context.Background(), p)
		if err != nil {
			b.Fatal(err)
		}
		out = append(out, res.Jobs...)
		if len(res.Jobs) < 5000 {
			return out
		}
		p = p.After(res.LastCursor)
	}
}

// finalSpan returns when the first and the last of js finished.
func finalSpan(js []*rivertype.JobRow) (time.Time, time.Time) {
	var first, last time.Time
	for _, j := range js {
		if j.FinalizedAt == nil {
			continue
		}
		if first.IsZero() || j.FinalizedAt.Before(first) {
			first = *j.FinalizedAt
		}
		if j.FinalizedAt.After(last) {
			last = *j.FinalizedAt
		}
	}
	return first, last
}

// BenchmarkRelay measures the relay: 2,000 ticket events (reports, each
// starting two timers with their four River jobs) taken from the event log
// and scheduled, on PostgreSQL when DATABASE_URL is set, else SQLite.
func BenchmarkRelay(b *testing.B) {
	const events = 2000
	db := storagetest.SQLite(b)
	if os.Getenv("DATABASE_URL") != "" {
		db = storagetest.Postgres(b)
	}
	clients, prefix := storagetest.Redis(b)
	bn := newBench(b, db, storage.NewStates(clients["miniredis"], prefix, time.Hour))
	var took time.Duration
	for n := range b.N {
		for i := range events {
			bn.ticket(fmt.Sprint("relay-", n, "-", i), nil)
		}
		start := time.Now()
		got, err := bn.s.RelayOnce(context.Background())
		if err != nil || got != events {
			b.Fatalf("relayed %d of %d: %v", got, events, err)
		}
		took += time.Since(start)
	}
	b.ReportMetric(float64(events*b.N)/took.Seconds(), "events/s")
}
