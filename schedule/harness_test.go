package schedule

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/staff"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

var shanghai = time.FixedZone("CST", 8*3600)

// at reads a local time in Shanghai.
func at(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, shanghai)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// bench is a scheduler over real stores with a clock the test moves. River
// is opened but not started: the test lists the jobs the relay inserted
// and runs each one's worker at the moment it is due.
type bench struct {
	t     testing.TB
	db    *storage.DB
	s     *Scheduler
	staff *staff.Staff
	desk  *dialog.Manager // the customer's side (a quote's decision)
	mu    sync.Mutex
	now   time.Time
}

func (b *bench) clock() time.Time {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.now
}

func (b *bench) set(t time.Time) {
	b.mu.Lock()
	b.now = t
	b.mu.Unlock()
}

func newBench(t testing.TB, db *storage.DB, states *storage.States) *bench {
	t.Helper()
	texts, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	b := &bench{t: t, db: db, now: at(t, "2026-03-02 10:00")}
	cfg := dialog.Config{Location: shanghai}
	cfg.Promises.CallbackSample = 0
	desk := dialog.New(db, states, texts, nil, cfg, log, b.clock)
	b.staff, b.desk = staff.NewStaff(db, desk.Config(), b.clock), desk
	b.s, err = New(context.Background(), db, desk, log, Options{Now: b.clock})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.s.Stop(context.Background()) })
	return b
}

// benches returns a bench on SQLite with in-process Redis, and one on
// PostgreSQL with the real Redis when the environment has them.
func benches(t *testing.T) map[string]*bench {
	clients, prefix := storagetest.Redis(t)
	out := map[string]*bench{"sqlite": newBench(t, storagetest.SQLite(t), storage.NewStates(clients["miniredis"], prefix, time.Hour))}
	if pg := storagetest.Postgres(t); pg != nil {
		rdb, prefix := storagetest.RealRedis(t)
		out["postgres"] = newBench(t, pg, storage.NewStates(rdb, prefix, time.Hour))
	}
	return out
}

// ticket registers a carry-in ticket at the bench's time.
func (b *bench) ticket(chat string, mutate func(*domain.Ticket)) *domain.Ticket {
	b.t.Helper()
	tk := &domain.Ticket{ReportKey: chat, Channel: "telegram", ChatID: chat, Locale: "zh-CN", Product: "打印机",
		Fault: "卡纸", Warranty: "out", ServiceMode: "carry_in", CreatedAt: b.clock()}
	if mutate != nil {
		mutate(tk)
	}
	if _, err := b.db.CreateTicket(context.Background(), tk, "customer:telegram:"+chat); err != nil {
		b.t.Fatal(err)
	}
	return tk
}

// relay runs the relay over the events not yet taken.
func (b *bench) relay() {
	b.t.Helper()
	if _, err := b.s.RelayOnce(context.Background()); err != nil {
		b.t.Fatal(err)
	}
}

// jobs lists the jobs of kind River holds, oldest first.
func (b *bench) jobs(kind string) []*rivertype.JobRow {
	b.t.Helper()
	res, err := b.s.Jobs().JobList(context.Background(), river.NewJobListParams().Kinds(kind).First(10000).
		States(rivertype.JobStateScheduled, rivertype.JobStateAvailable, rivertype.JobStateCompleted, rivertype.JobStateCancelled))
	if err != nil {
		b.t.Fatal(err)
	}
	return res.Jobs
}

// due returns the job of kind due at when (local time), failing if none.
func (b *bench) due(kind, when string, match func(*rivertype.JobRow) bool) *rivertype.JobRow {
	b.t.Helper()
	want := at(b.t, when)
	for _, j := range b.jobs(kind) {
		if j.ScheduledAt.Equal(want) && (match == nil || match(j)) {
			return j
		}
	}
	var got []string
	for _, j := range b.jobs(kind) {
		got = append(got, j.ScheduledAt.In(shanghai).Format("01-02 15:04")+" "+string(j.EncodedArgs))
	}
	b.t.Fatalf("no %s job due %s; have %v", kind, when, got)
	return nil
}

// run works job with the clock at now, as River would once it is due.
func (b *bench) run(job *rivertype.JobRow, now time.Time) error {
	b.t.Helper()
	b.set(now)
	ctx := context.Background()
	switch job.Kind {
	case timerArgs{}.Kind():
		return (&timerWorker{s: b.s}).Work(ctx, &river.Job[timerArgs]{JobRow: job, Args: decode[timerArgs](b.t, job)})
	case quoteArgs{}.Kind():
		return (&quoteWorker{s: b.s}).Work(ctx, &river.Job[quoteArgs]{JobRow: job, Args: decode[quoteArgs](b.t, job)})
	case callbackArgs{}.Kind():
		return (&callbackWorker{s: b.s}).Work(ctx, &river.Job[callbackArgs]{JobRow: job, Args: decode[callbackArgs](b.t, job)})
	}
	b.t.Fatalf("no worker for %s", job.Kind)
	return nil
}

func decode[T any](t testing.TB, job *rivertype.JobRow) T {
	var v T
	if err := json.Unmarshal(job.EncodedArgs, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// cancelled reports whether err is River's job cancellation.
func cancelled(err error) bool {
	var ce *rivertype.JobCancelError
	return errors.As(err, &ce)
}

// snoozed returns how long err snoozes the job, or 0.
func snoozed(err error) time.Duration {
	var se *rivertype.JobSnoozeError
	if errors.As(err, &se) {
		return se.Duration
	}
	return 0
}

// events lists the ticket's event kinds, with details, after skip.
func (b *bench) events(tk *domain.Ticket) []domain.Event {
	b.t.Helper()
	es, err := b.db.Events(context.Background(), tk.ID)
	if err != nil {
		b.t.Fatal(err)
	}
	return es
}

func (b *bench) count(tk *domain.Ticket, kind string) int {
	n := 0
	for _, e := range b.events(tk) {
		if e.Kind == kind {
			n++
		}
	}
	return n
}

func (b *bench) timer(tk *domain.Ticket, kind string) domain.Timer {
	b.t.Helper()
	ts, err := b.db.Timers(context.Background(), tk.ID)
	if err != nil {
		b.t.Fatal(err)
	}
	for i := len(ts) - 1; i >= 0; i-- {
		if ts[i].Kind == kind {
			return ts[i]
		}
	}
	b.t.Fatalf("no %s timer on %s", kind, tk.Number)
	return domain.Timer{}
}
