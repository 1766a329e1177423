package storage

import "errors"

// Errors the store returns, wrapped with context; test them with errors.Is.
var (
	// ErrNotFound means the ticket, customer or record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict means a concurrent change won, or the change is not allowed
	// in the record's current state.
	ErrConflict = errors.New("conflict")
)
