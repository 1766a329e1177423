package main

import (
	"fmt"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/bots/telegram/telegramtest"
)

// BenchmarkTelegramWebhook measures updates end to end: a real-format
// update posted to the webhook, taken (deduplicated and ordered by the
// chat's state in Redis), its reply queued, sent by the delivery workers
// through the rate limiter to the fake Bot API on loopback. Each op is one
// update from a different chat, posted over 40 concurrent connections.
// TELEGRAM_RATE is raised so that the pipeline, not Telegram's 30 a second
// for a free bot, is what is measured. Reports updates/s and the p99 from
// the request to the Bot API call that delivers its reply.
func BenchmarkTelegramWebhook(b *testing.B) {
	getenv, fake := tgEnv(b)
	env := withEnv(getenv, "TELEGRAM_RATE", "100000")
	srv, _ := startApp(b, env)
	var next atomic.Int64
	starts := make([]time.Time, b.N)
	base := int64(1_000_000) + time.Now().UnixNano()%1_000_000*1000
	b.ResetTimer()
	var wg sync.WaitGroup
	for range 40 { // Telegram opens up to 40 webhook connections by default (max_connections)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= int64(b.N) {
					return
				}
				starts[i] = time.Now()
				if code := post(b, srv.URL, telegramtest.Text(base+i, base+i, "你好"), tgSecret); code != 200 {
					b.Errorf("update %d: %d", i, code)
					return
				}
			}
		}()
	}
	wg.Wait()
	deadline := time.Now().Add(2 * time.Minute)
	var calls []telegramtest.Call
	for len(calls) < b.N && time.Now().Before(deadline) {
		calls = fake.CallsTo("sendMessage")
		time.Sleep(5 * time.Millisecond)
	}
	b.StopTimer()
	if len(calls) < b.N {
		b.Fatalf("%d of %d replies sent", len(calls), b.N)
	}
	var lat []time.Duration
	for _, c := range calls {
		chat, _ := strconv.ParseInt(c.Fields["chat_id"], 10, 64)
		if i := chat - base; i >= 0 && i < int64(b.N) {
			lat = append(lat, c.At.Sub(starts[i]))
		}
	}
	if len(lat) != b.N {
		b.Fatal(fmt.Sprintf("matched %d latencies for %d updates", len(lat), b.N))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "updates/s")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
