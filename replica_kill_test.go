package main

import (
	"bytes"
	"net"
	"net/http"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
	"github.com/frontdesk/frontdesk/llm/llmtest"
	"github.com/frontdesk/frontdesk/storage"
)

// freeAddr is a loopback address nothing listens on.
func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestKilledReplicaFreesItsChatsInSeconds runs two replicas on one Redis and
// one database. Replica A is held in the middle of turns for eight chats (a
// language model that does not answer), then killed with kill -9; replica B
// takes those chats' next messages within a few seconds, not after the
// half minute a long lock would hold them.
func TestKilledReplicaFreesItsChatsInSeconds(t *testing.T) {
	rs := newRedisServer(t)
	const vague = "so, about that thing from before"
	model := llmtest.New(func(r llmtest.Request) llmtest.Reply {
		if r.Customer == vague {
			return llmtest.Reply{Delay: 30 * time.Second}
		}
		return llmtest.Reply{}
	})
	t.Cleanup(model.Close)
	getenv, _ := tgEnv(t)
	env := withEnv(withEnv(withEnv(withEnv(getenv, "REDIS_URL", rs.url()), "OPENAI_API_KEY", llmtest.Key),
		"OPENAI_BASE_URL", model.URL()), "FRONTDESK_MODEL_TIMEOUT", "10s")
	addrA, addrB := freeAddr(t), freeAddr(t)
	up := func(addr string) {
		for i := 0; ; i++ {
			if res, err := http.Get("http://" + addr + "/healthz"); err == nil {
				res.Body.Close()
				return
			}
			if i > 600 {
				t.Fatalf("replica %s never came up", addr)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	// one after the other: the first migrates the database
	a := childServer(t, withEnv(env, "FRONTDESK_ADDR", addrA))
	up(addrA)
	childServer(t, withEnv(env, "FRONTDESK_ADDR", addrB))
	up(addrB)
	const chats = 8
	for i := 0; i < chats; i++ {
		go func() { // hangs: A dies in the turn
			req, _ := http.NewRequest(http.MethodPost, "http://"+addrA+"/telegram/webhook", bytes.NewReader(telegramtest.Text(int64(400000+i), int64(40000+i), vague)))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", tgSecret)
			if res, err := http.DefaultClient.Do(req); err == nil {
				res.Body.Close()
			}
		}()
	}
	for deadline := time.Now().Add(20 * time.Second); model.Calls() < chats; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("only %d of %d turns reached the model", model.Calls(), chats)
		}
	}
	if err := a.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	a.Wait()
	killed := time.Now()
	var mu sync.Mutex
	var worst time.Duration
	var wg sync.WaitGroup
	for i := 0; i < chats; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for try := 0; post(t, "http://"+addrB, telegramtest.Text(int64(400100+i), int64(40000+i), "你好"), tgSecret) != http.StatusOK; try++ {
				if try > 100 {
					t.Errorf("chat %d never taken by the live replica", 40000+i)
					return
				}
				time.Sleep(100 * time.Millisecond)
			}
			mu.Lock()
			worst = max(worst, time.Since(killed))
			mu.Unlock()
		}()
	}
	wg.Wait()
	t.Logf("the live replica took all %d chats within %s of the kill (turn lock %s)", chats, worst.Round(10*time.Millisecond), storage.TurnLockTTL)
	if worst > storage.TurnLockTTL+3*time.Second {
		t.Fatalf("chats waited %s for a dead replica", worst)
	}
}
