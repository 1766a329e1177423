package storage_test

import (
	"context"
	"sync"
	"testing"

	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

// TestReplicasStartingTogetherMigrateOnce opens a fresh PostgreSQL database
// from four replicas at once: one migrates, the others wait, and all start.
func TestReplicasStartingTogetherMigrateOnce(t *testing.T) {
	u := storagetest.PostgresURL(t)
	if u == "" {
		t.Skip("DATABASE_URL is not a PostgreSQL URL (SQLite is one process's file)")
	}
	var wg sync.WaitGroup
	errs := make(chan error, 4)
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			db, err := storage.Open(context.Background(), u)
			if err != nil {
				errs <- err
				return
			}
			db.Close()
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}
