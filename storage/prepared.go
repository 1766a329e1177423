package storage

import (
	"io"
	"sync"
)

// prepared is a statement prepared on first use and kept; a failed
// preparation (the database away at that moment) is tried again at the
// next use instead of being kept.
type prepared[T io.Closer] struct {
	mu   sync.Mutex
	stmt T
	ok   bool
}

// get returns the statement, preparing it with prep if it is not yet.
func (p *prepared[T]) get(prep func() (T, error)) (T, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if !p.ok {
		s, err := prep()
		if err != nil {
			return s, err
		}
		p.stmt, p.ok = s, true
	}
	return p.stmt, nil
}

// close closes the statement if it was prepared.
func (p *prepared[T]) close() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.ok {
		p.stmt.Close()
		p.ok = false
	}
}
