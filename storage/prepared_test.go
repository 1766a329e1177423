package storage

import (
	"errors"
	"testing"
)

type fakeStmt struct{ closed *int }

func (f fakeStmt) Close() error { *f.closed++; return nil }

// TestPreparedTriesAgainAfterAFailure: a statement whose preparation
// failed (the database away at that moment) is prepared again at its next
// use, not failed for good; once prepared it is kept and closed once.
func TestPreparedTriesAgainAfterAFailure(t *testing.T) {
	var p prepared[fakeStmt]
	closed, calls := 0, 0
	prep := func() (fakeStmt, error) {
		calls++
		if calls == 1 {
			return fakeStmt{}, errors.New("connection refused")
		}
		return fakeStmt{&closed}, nil
	}
	if _, err := p.get(prep); err == nil {
		t.Fatal("the first preparation's failure was not returned")
	}
	for range 3 {
		if _, err := p.get(prep); err != nil {
			t.Fatalf("after the database came back: %v", err)
		}
	}
	if calls != 2 {
		t.Fatalf("prepared %d times, want 2 (one failure, then kept)", calls)
	}
	p.close()
	p.close()
	if closed != 1 {
		t.Fatalf("closed %d times", closed)
	}
}
