package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

// TestWaitWakesOnACommit: a reader waiting between passes (the notifier,
// the relay, the staff desk's feed) wakes when this process commits a
// write, long before its poll would have.
func TestWaitWakesOnACommit(t *testing.T) {
	for name, db := range storagetest.DBs(t) {
		t.Run(name, func(t *testing.T) {
			ctx := context.Background()
			woke := make(chan struct{})
			go func() {
				db.WaitFor(ctx, db.NextCommit(), time.Hour)
				close(woke)
			}()
			select {
			case <-woke:
				t.Fatal("the reader woke before anything was committed")
			case <-time.After(300 * time.Millisecond):
			}
			deadline := time.After(30 * time.Second)
			for {
				// a commit (again, in case the reader was not yet waiting)
				if err := db.AddFeedback(ctx, storage.Feedback{Channel: "webchat", ChatID: "w", Kind: "complaint", Text: "太慢", CreatedAt: time.Now()}); err != nil {
					t.Fatal(err)
				}
				select {
				case <-woke:
					return
				case <-time.After(500 * time.Millisecond):
				case <-deadline:
					t.Fatal("the reader slept through the commits (it would have waited its hour)")
				}
			}
		})
	}
}
