package dialog_test

import (
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
// latency plus the desk's own few milliseconds); "64-per-core" keeps 64 chats'
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
	benchTurns(b, d, "so, about that thing from before", 0, 64)
	if s := model.Stats(); s.Understood == 0 || s.Failures > 0 {
		b.Fatalf("the model path was not taken: %+v", s)
	}
}
