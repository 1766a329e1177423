package handlers

import (
	"net/http"
	"time"
)

// Routes puts the desk's own endpoints and the channels' handlers on one
// mux: each map takes a pattern ("POST /telegram/webhook", "/" for the web
// chat) to its handler. Every request's body must arrive within body; wrap
// (metrics) sees every request once the mux has matched its pattern.
func Routes(own, channels map[string]http.Handler, body time.Duration, wrap func(http.Handler) http.Handler) http.Handler {
	mux := http.NewServeMux()
	for _, m := range []map[string]http.Handler{own, channels} {
		for pattern, h := range m {
			mux.Handle(pattern, h)
		}
	}
	var h http.Handler = mux
	if wrap != nil {
		h = wrap(mux)
	}
	return Bounded(body, h)
}
