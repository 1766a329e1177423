package storage

import "time"

// SettledRun exposes settledRun to the tests.
func SettledRun(after int64, n int, id func(int) int64, at func(int) time.Time, settled time.Time) int {
	return settledRun(after, n, id, at, settled)
}
