package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/redis/go-redis/v9"
)

// transcriptBackends returns a Transcripts on miniredis and, when REDIS_URL
// is set, one on that real Redis under a random prefix removed at the end.
func transcriptBackends(t *testing.T) map[string]*Transcripts {
	t.Helper()
	mr := miniredis.RunT(t)
	mini := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { mini.Close() })
	backends := map[string]*Transcripts{
		"miniredis": NewTranscripts(mini, "test:", time.Hour),
	}
	url := os.Getenv("REDIS_URL")
	if url == "" {
		return backends
	}
	opt, err := redis.ParseURL(url)
	if err != nil {
		t.Fatalf("REDIS_URL: %v", err)
	}
	rdb := redis.NewClient(opt)
	var b [6]byte
	rand.Read(b[:])
	prefix := "fdtest-" + hex.EncodeToString(b[:]) + ":"
	t.Cleanup(func() {
		ctx := context.Background()
		keys, err := rdb.Keys(ctx, prefix+"*").Result()
		if err == nil && len(keys) > 0 {
			err = rdb.Del(ctx, keys...).Err()
		}
		if err != nil {
			t.Errorf("clean up %s*: %v", prefix, err)
		}
		rdb.Close()
	})
	backends["redis"] = NewTranscripts(rdb, prefix, time.Hour)
	return backends
}

func TestTranscriptAppendHistory(t *testing.T) {
	for name, tr := range transcriptBackends(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			at := time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)
			err := tr.Append(ctx, "s1",
				Entry{From: FromCustomer, Text: "打印机卡纸", At: at},
				Entry{From: FromDesk, Text: "请问型号?\n谢谢", Buttons: []EntryButton{{Label: "不知道", Payload: "model:unknown"}}},
			)
			if err != nil {
				t.Fatal(err)
			}
			got, err := tr.History(ctx, "s1")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 2 {
				t.Fatalf("got %d entries, want 2", len(got))
			}
			if got[0].Text != "打印机卡纸" || !got[0].At.Equal(at) || got[0].From != FromCustomer {
				t.Errorf("first entry = %+v", got[0])
			}
			if got[1].Text != "请问型号?\n谢谢" || len(got[1].Buttons) != 1 || got[1].Buttons[0].Payload != "model:unknown" {
				t.Errorf("second entry = %+v", got[1])
			}
			if got[0].ID == "" || got[0].ID == got[1].ID || got[1].At.IsZero() {
				t.Errorf("ids %q %q, at %v: want distinct ids and a time", got[0].ID, got[1].ID, got[1].At)
			}
			other, err := tr.History(ctx, "s2")
			if err != nil || len(other) != 0 {
				t.Errorf("other session: %v entries, err %v", len(other), err)
			}
		})
	}
}

func TestTranscriptKeepsLast200(t *testing.T) {
	for name, tr := range transcriptBackends(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			for i := range 205 {
				if err := tr.Append(ctx, "s", Entry{From: FromCustomer, Text: fmt.Sprint(i)}); err != nil {
					t.Fatal(err)
				}
			}
			got, err := tr.History(ctx, "s")
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 200 || got[0].Text != "5" || got[199].Text != "204" {
				t.Errorf("got %d entries from %q to %q, want 200 from 5 to 204", len(got), got[0].Text, got[len(got)-1].Text)
			}
		})
	}
}

func TestTranscriptExpires(t *testing.T) {
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { rdb.Close() })
	tr := NewTranscripts(rdb, "x:", time.Minute)
	ctx := context.Background()
	if err := tr.Append(ctx, "s", Entry{From: FromDesk, Text: "hi"}); err != nil {
		t.Fatal(err)
	}
	if ttl := mr.TTL("x:transcript:s"); ttl != time.Minute {
		t.Fatalf("ttl = %v, want 1m", ttl)
	}
	mr.FastForward(2 * time.Minute)
	got, err := tr.History(ctx, "s")
	if err != nil || len(got) != 0 {
		t.Errorf("after expiry: %d entries, err %v", len(got), err)
	}
}

func TestTranscriptSubscribe(t *testing.T) {
	for name, tr := range transcriptBackends(t) {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			ch, stop, err := tr.Subscribe(ctx, "s")
			if err != nil {
				t.Fatal(err)
			}
			defer stop()
			if err := tr.Append(ctx, "other", Entry{From: FromDesk, Text: "not for s"}); err != nil {
				t.Fatal(err)
			}
			if err := tr.Append(ctx, "s", Entry{From: FromDesk, Text: "报价已出"}, Entry{From: FromDesk, Text: "second"}); err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"报价已出", "second"} {
				select {
				case e := <-ch:
					if e.Text != want || e.ID == "" {
						t.Errorf("got %+v, want text %q with an id", e, want)
					}
				case <-ctx.Done():
					t.Fatalf("no entry %q: %v", want, ctx.Err())
				}
			}
			stop()
			stop() // idempotent
			if _, ok := <-ch; ok {
				t.Error("channel still open after stop")
			}
		})
	}
}

func TestTranscriptSubscribeEndsWithContext(t *testing.T) {
	tr := transcriptBackends(t)["miniredis"]
	ctx, cancel := context.WithCancel(context.Background())
	ch, stop, err := tr.Subscribe(ctx, "s")
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	cancel()
	select {
	case _, ok := <-ch:
		if ok {
			t.Error("got an entry, want a closed channel")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("channel not closed after the context ended")
	}
}

// TestTurnRepliesReachTheTranscriptWithTheSave: for a channel delivered to
// a transcript, the replies a turn leaves are in the transcript, and on the
// open page's stream, once the turn is saved; a turn that fails leaves
// none.
func TestTurnRepliesReachTheTranscriptWithTheSave(t *testing.T) {
	for name, tr := range transcriptBackends(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			states := NewStates(tr.rdb, tr.prefix, time.Hour)
			states.DeliverToTranscript("webchat", tr)
			stream, stop, err := tr.Subscribe(ctx, "s1")
			if err != nil {
				t.Fatal(err)
			}
			defer stop()
			items, err := EncodeEntries([]Entry{{From: FromDesk, Text: "您好"}, {From: FromDesk, Text: "请问是什么产品？"}})
			if err != nil {
				t.Fatal(err)
			}
			failed := fmt.Errorf("the turn failed")
			if err := states.Update(ctx, "webchat", "s1", func(c *Conversation) error { c.Outgoing = items; return failed }); err != failed {
				t.Fatalf("failed turn: %v", err)
			}
			if h, _ := tr.History(ctx, "s1"); len(h) != 0 {
				t.Fatalf("a failed turn left %d entries", len(h))
			}
			if err := states.Update(ctx, "webchat", "s1", func(c *Conversation) error { c.Outgoing = items; return nil }); err != nil {
				t.Fatal(err)
			}
			h, err := tr.History(ctx, "s1")
			if err != nil || len(h) != 2 || h[0].Text != "您好" || h[1].Text != "请问是什么产品？" || h[0].ID == "" {
				t.Fatalf("history after the turn: %+v %v", h, err)
			}
			for i := range 2 {
				select {
				case e := <-stream:
					if e.ID != h[i].ID {
						t.Fatalf("streamed %+v, want %+v", e, h[i])
					}
				case <-time.After(5 * time.Second):
					t.Fatalf("entry %d not streamed", i)
				}
			}
			if n, _ := tr.rdb.Exists(ctx, outboundKey(tr.prefix, "webchat", "s1")).Result(); n != 0 {
				t.Fatal("replies also queued for a sender")
			}
		})
	}
}
