package understand

import (
	"sync"
	"testing"
	"time"
)

var (
	testLexiconOnce sync.Once
	testLexiconVal  *Lexicon
	testLexiconErr  error
)

// testLexicon loads the shipped lexicon once for all tests.
func testLexicon(t testing.TB) *Lexicon {
	t.Helper()
	testLexiconOnce.Do(func() { testLexiconVal, testLexiconErr = LoadLexicon() })
	if testLexiconErr != nil {
		t.Fatal(testLexiconErr)
	}
	return testLexiconVal
}

// testNow is the desk's clock in the tests: Monday 2026-11-30 10:00 CST.
var testNow = time.Date(2026, 11, 30, 10, 0, 0, 0, time.FixedZone("CST", 8*3600))
