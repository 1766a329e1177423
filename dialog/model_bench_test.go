package dialog_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/llm/llmtest"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

// BenchmarkModelTurn measures turns that go through the language model: a
// message the rules cannot place, with a fake OpenAI-compatible server that
// answers after 300 ms. "one-at-a-time" is a lone chat's turn (the model's
// latency plus the desk's own few milliseconds); "64-chats" keeps 64 chats'
// turns in flight per core, so that turns/s shows whether calls for
// different chats wait on each other (they must not: 64 in flight at 300 ms
// is about 200 turns/s per core when nothing is serialised).
func BenchmarkModelTurn(b *testing.B) {
	rdb, prefix := storagetest.RealRedis(b)
	d := newDesk(b, storagetest.SQLite(b), storage.NewStates(rdb, prefix, time.Hour), storage.NewOutbound(rdb, prefix))
	texts, err := prompts.Load()
	if err != nil {
		b.Fatal(err)
	}
	model := fakeModelTimeout(b, func(llmtest.Request) llmtest.Reply {
		r := llmtest.Commands(map[string]any{"kind": "start_flow", "flow": "consult"})
		r.Delay = 300 * time.Millisecond
		return r
	}, 3*time.Second)
	d.m = dialog.New(d.db, d.states, texts, model, dialog.Config{Company: "测试售后", Location: shanghai}, nil, d.clock)
	ctx := context.Background()
	var n atomic.Int64
	turn := func(b *testing.B, lat *latencies) bool {
		chat := fmt.Sprintf("model-bench-%d", n.Add(1))
		start := time.Now()
		if _, err := d.m.Handle(ctx, dialog.Message{Channel: "webchat", ChatID: chat, Text: "so, about that thing from before"}); err != nil {
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
	b.Run("64-chats", func(b *testing.B) {
		var lat latencies
		b.SetParallelism(64)
		b.RunParallel(func(pb *testing.PB) {
			for pb.Next() && turn(b, &lat) {
			}
		})
		lat.report(b, "turns")
	})
	if s := model.Stats(); s.Understood == 0 || s.Failures > 0 {
		b.Fatalf("the model path was not taken: %+v", s)
	}
}
