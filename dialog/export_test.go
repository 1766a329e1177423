package dialog

import (
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/understand"
)

// WorkingAnswer reads a typed callback answer with the default rules.
func WorkingAnswer(text string) string {
	r, err := understand.Default()
	if err != nil {
		panic(err)
	}
	return r.CallbackAnswer(text)
}

// IntentOf is the request text adds up to with no question pending, read
// by the default rules.
func IntentOf(t testing.TB, text string) Intent {
	t.Helper()
	r, err := understand.Default()
	if err != nil {
		t.Fatal(err)
	}
	return intentOf(r.Understand(understand.Context{}, text, time.Now()))
}
