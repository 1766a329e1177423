package dialog_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/dialog"
)

func TestConcurrentConversations(t *testing.T) {
	for name, d := range allDesks(t) {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			send := func(chat, text, payload string) error {
				_, err := d.m.Handle(ctx, dialog.Message{Channel: "webchat", ChatID: chat, Text: text, Payload: payload})
				return err
			}
			// 50 goroutines on one conversation: every turn counted, none lost
			var wg sync.WaitGroup
			for i := 0; i < 50; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					if err := send("one", fmt.Sprintf("你好 %d", i), ""); err != nil {
						t.Error(err)
					}
				}()
			}
			wg.Wait()
			if c := conv(t, d, "one"); c.Turns != 50 {
				t.Fatalf("turns = %d, want 50", c.Turns)
			}
			// 200 conversations reporting at once; each confirms twice at the
			// same moment: exactly one ticket per report
			steps := []struct{ text, payload string }{{"打印机坏了", ""}, {"王先生", ""}, {"13800138000", ""},
				{"", "mode:carry_in"}, {"打印机", ""}, {"", "skip"}, {"", "skip"}, {"", "skip"}, {"", "proof:none"},
				{"卡纸", ""}, {"", "skip"}}
			for i := 0; i < 200; i++ {
				wg.Add(1)
				go func() {
					defer wg.Done()
					chat := fmt.Sprintf("chat-%d", i)
					for _, s := range steps {
						if err := send(chat, s.text, s.payload); err != nil {
							t.Error(err)
							return
						}
					}
					var inner sync.WaitGroup
					for j := 0; j < 2; j++ {
						inner.Add(1)
						go func() {
							defer inner.Done()
							if err := send(chat, "", "confirm:yes"); err != nil {
								t.Error(err)
							}
						}()
					}
					inner.Wait()
				}()
			}
			wg.Wait()
			if n := d.countTickets(); n != 200 {
				t.Fatalf("tickets = %d, want 200", n)
			}
			for i := 0; i < 200; i++ {
				if ts, _ := d.db.Tickets(ctx, storageFilter(fmt.Sprintf("chat-%d", i))); len(ts) != 1 {
					t.Fatalf("chat-%d has %d tickets", i, len(ts))
				}
			}
		})
	}
}
