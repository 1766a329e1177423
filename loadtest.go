package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
	"github.com/frontdesk/frontdesk/prompts"
)

const loadUsage = `usage: frontdesk loadtest [-conversations 600] [-read 3s] [-rate 1000]
    plays customers reporting a fault over the Telegram webhook against a fake Bot API on
    loopback, with a reading pause between answers, and reports updates/s, first-reply
    latency (p50/p90/p99), tickets/s and the desk's own CPU per update. The desk runs as a
    child process with this environment (DATABASE_URL, REDIS_URL: set them to PostgreSQL
    and Redis to measure production), so its CPU time is its own.
`

// The load test's Telegram settings: a fixed token and secret for the
// child desk and the fake Bot API it talks to.
const (
	loadToken  = "123456:LOAD-token_abcdefghijklmnopqrstuvwxyz"
	loadSecret = "load-webhook-secret"
)

// loadtest runs the load command.
func loadtest(ctx context.Context, args []string, getenv func(string) string, stdout io.Writer) error {
	fs := flag.NewFlagSet("loadtest", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	convs := fs.Int("conversations", 600, "customers chatting at once")
	read := fs.Duration("read", 3*time.Second, "reading pause before each answer")
	rate := fs.Int("rate", 1000, "TELEGRAM_RATE of the desk (Telegram's own is 30)")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, loadUsage)
			return nil
		}
		return usageError{fmt.Errorf("loadtest: %v", err)}
	}
	// The generator's garbage is short-lived and its heap small: collected
	// less often, it takes less of the machine it shares with the desk
	// (unless GOGC says otherwise).
	if getenv("GOGC") == "" {
		defer debug.SetGCPercent(debug.SetGCPercent(800))
	}
	script, err := prompts.LoadScript()
	if err != nil {
		return err
	}
	api := newFakeBotAPI()
	apiLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	apiSrv := &http.Server{Handler: api}
	go apiSrv.Serve(apiLn)
	defer apiSrv.Close()

	deskLn, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	deskAddr := deskLn.Addr().String()
	deskLn.Close()
	self, err := os.Executable()
	if err != nil {
		return err
	}
	if bin := getenv("FRONTDESK_LOADTEST_DESK"); bin != "" {
		self = bin // the desk to measure, when this binary is not it (a test)
	}
	child := exec.CommandContext(ctx, self)
	child.Env = append(os.Environ(), "FRONTDESK_ADDR="+deskAddr, "TELEGRAM_BOT_TOKEN="+loadToken,
		"TELEGRAM_WEBHOOK_SECRET="+loadSecret, "TELEGRAM_API_URL=http://"+apiLn.Addr().String(),
		"TELEGRAM_RATE="+strconv.Itoa(*rate), "FRONTDESK_LOG_LEVEL=error", "FRONTDESK_WEEKLY_REPORT=off",
		// its own keys in a shared Redis: the chats it plays are not anyone's
		"REDIS_PREFIX=frontdesk-load-"+strconv.Itoa(os.Getpid())+":")
	dbURL := getenv("DATABASE_URL")
	if dbURL == "" {
		dir, err := os.MkdirTemp("", "frontdesk-load-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(dir)
		dbURL = "sqlite:" + dir + "/load.db"
		child.Env = append(child.Env, "DATABASE_URL="+dbURL)
	}
	child.Stderr = os.Stderr
	if err := child.Start(); err != nil {
		return err
	}
	stopped := false
	defer func() {
		if !stopped {
			child.Process.Kill()
			child.Wait()
		}
	}()
	base := "http://" + deskAddr
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(100 * time.Millisecond) {
		if res, err := http.Get(base + "/readyz"); err == nil {
			res.Body.Close()
			if res.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			return errors.New("loadtest: the desk did not get ready in 30 s")
		}
	}

	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 40, MaxIdleConns: 40}, Timeout: time.Minute}
	conns := make(chan struct{}, 40) // Telegram opens up to 40 webhook connections
	var updateID atomic.Int64
	updateID.Store(time.Now().UnixNano() % 1_000_000_000)
	var lat latencies
	var failed, tickets, late atomic.Int64
	post := func(chat int64, body []byte) error {
		conns <- struct{}{}
		defer func() { <-conns }()
		req, _ := http.NewRequest(http.MethodPost, base+"/telegram/webhook", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Telegram-Bot-Api-Secret-Token", loadSecret)
		res, err := client.Do(req)
		if err != nil {
			return err
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK {
			return fmt.Errorf("webhook answered %d", res.StatusCode)
		}
		return nil
	}
	// say posts one update and waits for the desk's first reply to it: the
	// first text that holds what the step wants. With a reading pause near
	// Telegram's one message a second to a chat, the last message of the
	// step before may still be on its way when the customer answers; it is
	// counted, not taken for the answer's reply.
	say := func(chat int64, step int, body []byte, want string) bool {
		wait := api.expect(chat)
		defer api.done(chat)
		start := time.Now()
		if err := post(chat, body); err != nil {
			failed.Add(1)
			return false
		}
		timeout := time.After(30 * time.Second)
		for {
			select {
			case got := <-wait:
				if want != "" && !strings.Contains(got.text, want) {
					late.Add(1)
					continue
				}
				lat.add(step, got.at.Sub(start))
				return true
			case <-timeout:
				failed.Add(1)
				return false
			}
		}
	}
	cpuStart := childCPU(child.Process.Pid)
	began := time.Now()
	var wg sync.WaitGroup
	for i := range *convs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			chat := int64(7_000_000 + i)
			time.Sleep(time.Duration(i) * *read / time.Duration(*convs)) // arrivals spread over one reading pause
			for n, s := range script {
				if n > 0 {
					time.Sleep(*read)
				}
				// each customer has a phone of their own, as real ones do
				text := strings.ReplaceAll(s.Text, "{phone}", fmt.Sprintf("139-%04d-%04d", i/10000%10000, i%10000))
				body := telegramtest.Text(updateID.Add(1), chat, text)
				if s.Payload != "" {
					body = telegramtest.Callback(updateID.Add(1), chat, s.Payload, 1)
				}
				if !say(chat, n, body, s.Want) {
					return
				}
			}
			tickets.Add(1) // the last step's reply held what it must: the ticket's number
		}()
	}
	wg.Wait()
	took := time.Since(began)
	behind, untaken, err := settle(ctx, dbURL, time.Minute)
	if err != nil {
		return err
	}
	cpu := childCPU(child.Process.Pid) - cpuStart
	child.Process.Signal(os.Interrupt)
	child.Wait()
	stopped = true

	updates := lat.count()
	fmt.Fprintf(stdout, "%d conversations, %s reading pause, %d updates answered, %d failed, in %s\n",
		*convs, *read, updates, failed.Load(), took.Round(time.Millisecond))
	fmt.Fprintf(stdout, "updates/s %.0f  tickets/s %.1f  tickets %d\n", float64(updates)/took.Seconds(), float64(tickets.Load())/took.Seconds(), tickets.Load())
	lat.report(stdout)
	fmt.Fprintf(stdout, "scheduler took every ticket event %s after the last reply", behind.Round(time.Millisecond))
	if untaken > 0 {
		fmt.Fprintf(stdout, " (gave up: %d still untaken)", untaken)
	}
	fmt.Fprintln(stdout)
	if updates > 0 {
		fmt.Fprintf(stdout, "Bot API calls: %d sendMessage (%.2f an update), %d answerCallbackQuery\n",
			api.msgID.Load(), float64(api.msgID.Load())/float64(updates), api.answers.Load())
	}
	if late.Load() > 0 {
		fmt.Fprintf(stdout, "messages of a step before, sent after the customer's next answer: %d (not taken for its reply)\n", late.Load())
	}
	if updates > 0 && cpu > 0 {
		fmt.Fprintf(stdout, "desk CPU %s (replies and scheduler), %.3f ms per update\n", cpu.Round(time.Millisecond), float64(cpu.Microseconds())/1000/float64(updates))
	}
	if failed.Load() > 0 {
		return fmt.Errorf("loadtest: %d updates failed or went unanswered", failed.Load())
	}
	return nil
}

// childCPU is a process's user and system CPU time so far, from /proc.
func childCPU(pid int) time.Duration {
	raw, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return 0
	}
	s := string(raw)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+2:])
	if len(fields) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(fields[11], 10, 64)
	stime, _ := strconv.ParseInt(fields[12], 10, 64)
	return time.Duration(utime+stime) * time.Second / 100 // USER_HZ is 100 on Linux
}
