package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/domain"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

// TestTailsTakeRowsByTheirOwnMarks: each reader of the event log and of the
// feedback takes rows by its own mark, so one reader's progress is not
// another's, and a row left behind a higher one already taken (a
// transaction that committed late) is still read.
func TestTailsTakeRowsByTheirOwnMarks(t *testing.T) {
	for name, db := range storagetest.DBs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
			tk := newTicket("tail", "tail")
			if _, err := db.CreateTicket(ctx, tk, "test"); err != nil {
				t.Fatal(err)
			}
			for _, kind := range []string{"note", "diagnosed"} {
				if err := db.AddEvent(ctx, domain.Event{TicketID: tk.ID, At: now, Actor: "staff:li", Kind: kind, Detail: "x"}); err != nil {
					t.Fatal(err)
				}
			}
			unread := func(tl storage.Tail) []string {
				es, err := db.UnreadEvents(ctx, tl, 10)
				if err != nil {
					t.Fatal(err)
				}
				var kinds []string
				for _, e := range es {
					if e.TicketID == tk.ID {
						kinds = append(kinds, e.Kind)
					}
				}
				return kinds
			}
			feed := unread(storage.FeedTail)
			if len(feed) != 3 || feed[0] != "created" || feed[2] != "diagnosed" {
				t.Fatalf("the feed reads %v, want created, note, diagnosed", feed)
			}
			es, _ := db.UnreadEvents(ctx, storage.FeedTail, 10)
			last := es[len(es)-1]
			if err := db.Taken(ctx, storage.FeedTail, now, last.ID); err != nil {
				t.Fatal(err)
			}
			if got := unread(storage.FeedTail); len(got) != 2 || got[1] != "note" {
				t.Errorf("after the newest was taken the feed reads %v, want the two older ones still", got)
			}
			if got := unread(storage.ScheduleTail); len(got) != 3 {
				t.Errorf("the scheduler reads %v: the feed's mark is not its own", got)
			}
			if err := db.AddFeedback(ctx, storage.Feedback{Channel: "webchat", ChatID: "tail", Kind: "complaint", Text: "太慢了", CreatedAt: now}); err != nil {
				t.Fatal(err)
			}
			fs, err := db.UnreadFeedback(ctx, 10)
			if err != nil || len(fs) == 0 || fs[len(fs)-1].Text != "太慢了" {
				t.Fatalf("feedback %+v %v", fs, err)
			}
			if err := db.Taken(ctx, storage.FeedbackTail, now, fs[len(fs)-1].ID); err != nil {
				t.Fatal(err)
			}
			if again, _ := db.UnreadFeedback(ctx, 10); len(again) != len(fs)-1 {
				t.Errorf("feedback after taking one: %d rows, want %d", len(again), len(fs)-1)
			}
		})
	}
}
