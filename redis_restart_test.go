package main

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
	"github.com/frontdesk/frontdesk/storage"
)

// redisServer is a Redis of the test's own, on its own port, keeping its
// data in an append-only file so that it comes back after a kill as a
// production Redis with persistence does.
type redisServer struct {
	t    *testing.T
	bin  string
	dir  string
	port int
	cmd  *exec.Cmd
}

func newRedisServer(t *testing.T) *redisServer {
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("redis-server is not installed (.ci/run installs it)")
		}
		t.Skip("redis-server is not installed")
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	r := &redisServer{t: t, bin: bin, dir: t.TempDir(), port: port}
	r.start()
	t.Cleanup(func() { r.kill() })
	return r
}

func (r *redisServer) url() string { return fmt.Sprintf("redis://127.0.0.1:%d/0", r.port) }

func (r *redisServer) start() {
	r.cmd = exec.Command(r.bin, "--port", strconv.Itoa(r.port), "--bind", "127.0.0.1", "--dir", r.dir,
		"--appendonly", "yes", "--appendfsync", "always", "--save", "")
	if err := r.cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	c := redis.NewClient(&redis.Options{Addr: fmt.Sprintf("127.0.0.1:%d", r.port)})
	defer c.Close()
	for i := 0; c.Ping(context.Background()).Err() != nil; i++ {
		if i > 100 {
			r.t.Fatal("redis-server did not start")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func (r *redisServer) kill() {
	if r.cmd != nil && r.cmd.ProcessState == nil {
		r.cmd.Process.Kill() // kill -9: no shutdown, no final save
		r.cmd.Wait()
	}
}

// TestRedisRestartSendsEachReplyOnce kills Redis (with append-only
// persistence) while replies to many Telegram chats are being sent, and
// starts it again: every customer gets each reply once and in order, goes on
// answering, and every ticket holds what its customer said.
func TestRedisRestartSendsEachReplyOnce(t *testing.T) {
	rs := newRedisServer(t)
	getenv, fake := tgEnv(t)
	env := withEnv(withEnv(getenv, "REDIS_URL", rs.url()), "TELEGRAM_RATE", "10000")
	fake.Slow("sendMessage", 150*time.Millisecond) // sends in flight when Redis dies
	srv, _ := startApp(t, env)

	type step struct{ text, data, want string }
	steps := []step{{"打印机坏了", "", "贵姓"}, {"王先生", "", "手机号码"}, {"13800138000", "", "上门维修"},
		{"", "mode:carry_in", "什么时候买的"}, {"记不清了，没有发票", "", "请您核对"}, {"", "confirm:yes", "工单号是"}}
	const chats = 16
	var wg sync.WaitGroup
	restarted := make(chan struct{})
	go func() {
		defer close(restarted)
		// in the middle of the sending: a few dozen replies out, many in flight
		for len(fake.CallsTo("sendMessage")) < 40 {
			time.Sleep(5 * time.Millisecond)
		}
		rs.kill()
		time.Sleep(4 * time.Second) // longer than the client's own retries
		rs.start()
	}()
	for i := 0; i < chats; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			chat := int64(30000 + i)
			c := &conversation{t: t, fake: fake, chat: chat}
			for s, st := range steps {
				id := int64(300000 + i*100 + s)
				raw := telegramtest.Text(id, chat, st.text)
				if st.data != "" {
					raw = telegramtest.Callback(id, chat, st.data, 1)
				}
				// Telegram delivers an update again until it is answered 200.
				for try := 0; post(t, srv.URL, raw, tgSecret) != http.StatusOK; try++ {
					if try > 200 {
						t.Errorf("chat %d step %d never taken", chat, s)
						return
					}
					time.Sleep(100 * time.Millisecond)
				}
				c.waitFor(1, st.want)
			}
		}()
	}
	wg.Wait()
	<-restarted
	time.Sleep(500 * time.Millisecond) // anything sent twice would be sent by now
	for i := 0; i < chats; i++ {
		chat := int64(30000 + i)
		seen := map[string]int{}
		if os.Getenv("FRONTDESK_TEST_LOG") != "" {
			for _, c := range sent(fake, chat) {
				t.Logf("chat %d %s %.30s", chat, c.At.Format("05.000"), c.Fields["text"])
			}
		}
		for _, c := range sent(fake, chat) {
			if seen[c.Fields["text"]]++; seen[c.Fields["text"]] > 1 {
				t.Errorf("chat %d got a reply twice: %s", chat, c.Fields["text"])
			}
		}
	}
	db, err := storage.Open(context.Background(), env("DATABASE_URL"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i := 0; i < chats; i++ {
		chat := strconv.Itoa(30000 + i)
		ts, err := db.Tickets(context.Background(), storage.TicketFilter{Channel: "telegram", ChatID: chat})
		if err != nil || len(ts) != 1 {
			t.Fatalf("chat %s: %d tickets (%v)", chat, len(ts), err)
		}
		if tk := ts[0]; tk.ContactName != "王" || tk.Salutation != "mr" || tk.Phone != "13800138000" || tk.ServiceMode != "carry_in" || tk.Product != "打印机" {
			t.Errorf("chat %s: ticket holds %+v", chat, tk)
		}
	}
}
