package dialog_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

// latencies collects per-op durations and reports their 99th percentile.
type latencies struct {
	mu sync.Mutex
	d  []time.Duration
}

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	l.d = append(l.d, d)
	l.mu.Unlock()
}

func (l *latencies) report(b *testing.B, unit string) {
	if len(l.d) == 0 {
		return
	}
	slices.Sort(l.d)
	p99 := l.d[len(l.d)*99/100]
	b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), unit+"/s")
}

// BenchmarkTurn measures one non-ticket dialog turn (a greeting answered
// with the menu): lock and load the state, understand, render, save. State
// lives in the Redis at REDIS_URL (in-process when unset); conversations
// rotate over 1,000 chats. "one-at-a-time" gives the latency of a lone turn;
// "16-per-core" keeps 16 turns in flight per core (turns wait on Redis round
// trips, not on the CPU), so its turns/s at -cpu 1 is the per-core
// throughput and its p99 the latency under that load.
func BenchmarkTurn(b *testing.B) {
	rdb, prefix := storagetest.RealRedis(b)
	d := newDesk(b, storagetest.SQLite(b), storage.NewStates(rdb, prefix, time.Hour), storage.NewOutbound(rdb, prefix))
	benchTurns(b, d, "你好", 1000, 16)
}

// benchTurns measures turns of text, one at a time and then with perCore
// in flight per core, over chats chats (0: a new chat each turn).
func benchTurns(b *testing.B, d *desk, text string, chats int64, perCore int) {
	ctx := context.Background()
	var n atomic.Int64
	turn := func(b *testing.B, lat *latencies) bool {
		id := n.Add(1)
		if chats > 0 {
			id %= chats
		}
		start := time.Now()
		if _, err := d.m.Handle(ctx, dialog.Message{Channel: "webchat", ChatID: fmt.Sprintf("bench-%d", id), Text: text}); err != nil {
			b.Error(err)
			return false
		}
		lat.add(time.Since(start))
		return true
	}
	b.Run("one-at-a-time", func(b *testing.B) {
		var lat latencies
		for i := 0; i < b.N && turn(b, &lat); i++ {
		}
		lat.report(b, "turns")
	})
	b.Run(fmt.Sprintf("%d-per-core", perCore), func(b *testing.B) {
		var lat latencies
		b.SetParallelism(perCore)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() && turn(b, &lat) {
			}
		})
		lat.report(b, "turns")
	})
}

// BenchmarkReport measures a whole report, 12 turns ending in a committed
// ticket, on SQLite and (with DATABASE_URL) PostgreSQL.
func BenchmarkReport(b *testing.B) {
	for name, d := range allDesks(b) {
		b.Run(name, func(b *testing.B) {
			ctx := context.Background()
			steps := []dialog.Message{{Text: "打印机坏了"}, {Text: "王先生"}, {Text: "13800138000"},
				{Payload: "mode:carry_in"}, {Text: "打印机"}, {Payload: "skip"}, {Payload: "skip"}, {Payload: "skip"},
				{Payload: "proof:none"}, {Text: "卡纸"}, {Payload: "skip"}, {Payload: "confirm:yes"}}
			var lat latencies
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				chat := fmt.Sprintf("report-%s-%d", b.Name(), i)
				start := time.Now()
				for _, s := range steps {
					s.Channel, s.ChatID = "webchat", chat
					if _, err := d.m.Handle(ctx, s); err != nil {
						b.Fatal(err)
					}
				}
				lat.add(time.Since(start))
			}
			lat.report(b, "reports")
		})
	}
}
