package storage

import (
	"context"
	"sync"
	"time"
)

// bell wakes this process's readers of the tables it writes (the outbox,
// the event log, the feedback) when a transaction commits, instead of
// leaving them to their next poll. They still poll, for what other
// processes write (the staff command line, another replica).
type bell struct {
	mu sync.Mutex
	ch chan struct{}
}

// ring wakes every waiter.
func (b *bell) ring() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ch != nil {
		close(b.ch)
		b.ch = nil
	}
}

// c is closed at the next ring.
func (b *bell) c() <-chan struct{} {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.ch == nil {
		b.ch = make(chan struct{})
	}
	return b.ch
}

// settle is how long a woken reader waits for the writes that come with
// the first (a busy desk commits hundreds a second): it reads them in one
// pass, at most a few passes a second more than its poll would make.
const settle = 100 * time.Millisecond

// NextCommit is closed at this process's next commit. A reader of the
// outbox or the event log takes it before a pass and waits on it after
// (WaitFor), so that a commit made during the pass is not slept through.
func (db *DB) NextCommit() <-chan struct{} { return db.written.c() }

// WaitFor returns after every, when ctx ends, or soon after commit (from
// NextCommit) is closed.
func (db *DB) WaitFor(ctx context.Context, commit <-chan struct{}, every time.Duration) {
	t := time.NewTimer(every)
	defer t.Stop()
	select {
	case <-ctx.Done():
	case <-t.C:
	case <-commit:
		s := time.NewTimer(min(settle, every))
		defer s.Stop()
		select {
		case <-ctx.Done():
		case <-s.C:
		}
	}
}
