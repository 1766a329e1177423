package slacktest

import (
	"encoding/json"
	"fmt"
	"net/http"
)

// Failure is an error answer given instead of a method's result.
type Failure struct {
	Status     int    // HTTP status
	Error      string // the "error" field of the body
	RetryAfter int    // seconds, sent as the Retry-After header when positive
}

type failure struct {
	method string
	left   int
	f      Failure
}

// RateLimited is Slack's answer to a method called too often: HTTP 429 with Retry-After.
func RateLimited(retryAfterSeconds int) Failure {
	return Failure{Status: http.StatusTooManyRequests, Error: "ratelimited", RetryAfter: retryAfterSeconds}
}

// ServerError is an internal error on Slack's side (HTTP 500).
func ServerError() Failure {
	return Failure{Status: http.StatusInternalServerError, Error: "internal_error"}
}

// APIError is a method-level error such as "channel_not_found", which Slack
// answers with HTTP 200 and ok false.
func APIError(code string) Failure {
	return Failure{Status: http.StatusOK, Error: code}
}

func writeFailure(w http.ResponseWriter, f Failure) {
	if f.RetryAfter > 0 {
		w.Header().Set("Retry-After", fmt.Sprint(f.RetryAfter))
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(f.Status)
	// An encode error means the client went away; there is no one left to tell.
	json.NewEncoder(w).Encode(map[string]any{"ok": false, "error": f.Error})
}
