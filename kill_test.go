package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/rivertype"

	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/staff"
	"github.com/frontdesk/frontdesk/storage"
)

// TestMain lets a test run the server as a child process (the test binary
// started again with FRONTDESK_TEST_SERVE=1), so that it can be killed.
func TestMain(m *testing.M) {
	if os.Getenv("FRONTDESK_TEST_SERVE") == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := run(ctx, nil, os.Getenv, os.Stdout, os.Stderr)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// childServer starts the server in a child process with getenv's settings.
func childServer(t *testing.T, getenv func(string) string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "FRONTDESK_TEST_SERVE=1")
	for _, k := range []string{"DATABASE_URL", "REDIS_URL", "REDIS_PREFIX", "FRONTDESK_ADDR", "FRONTDESK_CONFIG",
		"TELEGRAM_BOT_TOKEN", "TELEGRAM_API_URL", "TELEGRAM_WEBHOOK_SECRET",
		"FRONTDESK_CALLBACK_DELAY", "FRONTDESK_CALLBACK_SAMPLE",
		"OPENAI_API_KEY", "OPENAI_BASE_URL", "FRONTDESK_MODEL_TIMEOUT"} {
		cmd.Env = append(cmd.Env, k+"="+getenv(k))
	}
	if testing.Verbose() {
		cmd.Stderr = os.Stderr
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	return cmd
}

// A kill -9 of the server after a callback's job was enqueued and before
// it ran and its message was sent: the restarted server runs it, and the
// customer gets the callback once.
func TestCallbackSurvivesKillNine(t *testing.T) {
	t.Parallel() // mostly waiting on due times
	getenv, tg, _ := promisesEnv(t)
	getenv = withEnv(getenv, "FRONTDESK_CALLBACK_DELAY", "4s")
	ctx := context.Background()
	db, err := storage.Open(ctx, getenv("DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	jobs, closeJobs, err := db.OpenJobs(ctx, &river.Config{}) // insert-only: to look at the queue
	if err != nil {
		t.Fatal(err)
	}
	defer closeJobs()

	first := childServer(t, getenv)
	tg.WaitCalls(t, "setMyCommands", 2, 30*time.Second) // the server is up

	tk := &domain.Ticket{ReportKey: "kill-9", Channel: "telegram", ChatID: "7401", Locale: "zh-CN",
		ContactName: "赵", Phone: "13800138000", Product: "投影仪", Fault: "不亮", CreatedAt: time.Now()}
	if _, err := db.CreateTicket(ctx, tk, "customer:telegram:7401"); err != nil {
		t.Fatal(err)
	}
	staff := staff.NewStaff(db, dialog.Config{}, nil)
	for _, st := range []string{"repairing", "ready", "closed"} {
		if _, err := staff.SetStatus(ctx, tk.Number, "staff:li", st); err != nil {
			t.Fatal(err)
		}
	}
	// Wait for the relay to enqueue the callback job, then kill at once,
	// well before it falls due.
	var job *rivertype.JobRow
	for deadline := time.Now().Add(10 * time.Second); job == nil; time.Sleep(20 * time.Millisecond) {
		res, err := jobs.JobList(ctx, river.NewJobListParams().Kinds("callback"))
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Jobs) > 0 {
			job = res.Jobs[0]
		}
		if time.Now().After(deadline) {
			t.Fatal("the callback job was never enqueued")
		}
	}
	if err := first.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	first.Wait()
	res, err := jobs.JobList(ctx, river.NewJobListParams().Kinds("callback"))
	if err != nil || len(res.Jobs) != 1 {
		t.Fatalf("callback jobs after the kill: %v %v", res, err)
	}
	if st := res.Jobs[0].State; st != rivertype.JobStateScheduled && st != rivertype.JobStateAvailable {
		t.Fatalf("job was %s after the kill, want not yet run", st)
	}
	if n := countTexts(tg, 7401, "简短回访"); n != 0 {
		t.Fatalf("callback sent before the kill: %d", n)
	}

	second := childServer(t, getenv)
	c := &conversation{t: t, fake: tg, chat: 7401}
	waitText(t, c, "简短回访")
	time.Sleep(6 * time.Second) // a second run would have sent again by now
	if n := countTexts(tg, 7401, "简短回访"); n != 1 {
		t.Fatalf("%d callbacks after the restart, want 1", n)
	}
	done, err := jobs.JobList(ctx, river.NewJobListParams().Kinds("callback").States(rivertype.JobStateCompleted))
	if err != nil || len(done.Jobs) != 1 || done.Jobs[0].ID != job.ID {
		t.Fatalf("completed callback jobs: %v %v", done, err)
	}

	// Now a kill while the callback message is being sent: Telegram is
	// failing, the job has run and queued the message, the sender retries.
	tg.Fail("sendMessage", 1000, telegramtest.ServerError())
	tk2 := &domain.Ticket{ReportKey: "kill-9-b", Channel: "telegram", ChatID: "7402", Locale: "zh-CN",
		ContactName: "钱", Phone: "13800138001", Product: "投影仪", Fault: "不亮", CreatedAt: time.Now()}
	if _, err := db.CreateTicket(ctx, tk2, "customer:telegram:7402"); err != nil {
		t.Fatal(err)
	}
	for _, st := range []string{"repairing", "ready", "closed"} {
		if _, err := staff.SetStatus(ctx, tk2.Number, "staff:li", st); err != nil {
			t.Fatal(err)
		}
	}
	for deadline := time.Now().Add(30 * time.Second); !failedTo(tg, "7402", "简短回访"); time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the second callback was never tried")
		}
	}
	second.Process.Signal(syscall.SIGKILL)
	second.Wait()
	tg.Reset() // Telegram is back
	childServer(t, getenv)
	c2 := &conversation{t: t, fake: tg, chat: 7402}
	waitTextWithin(t, c2, "简短回访", time.Minute) // once the dead sender's lock expires
	time.Sleep(3 * time.Second)
	if n := countTexts(tg, 7402, "简短回访"); n != 1 {
		t.Fatalf("%d callbacks after a kill mid-send, want 1", n)
	}
}

// failedTo reports whether a sendMessage to chat containing text failed.
func failedTo(tg *telegramtest.Server, chat, text string) bool {
	for _, c := range tg.CallsTo("sendMessage") {
		if c.Failed && c.Fields["chat_id"] == chat && strings.Contains(c.Fields["text"], text) {
			return true
		}
	}
	return false
}
