package handlers

import (
	"net/http"
	"time"
)

// Routes puts the health check and the channels' handlers on one mux:
// channels maps a pattern ("POST /telegram/webhook", "/" for the web chat)
// to its handler. Every request's body must arrive within body.
func Routes(health http.Handler, channels map[string]http.Handler, body time.Duration) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", health)
	for pattern, h := range channels {
		mux.Handle(pattern, h)
	}
	return Bounded(body, mux)
}
