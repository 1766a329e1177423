package handlers

import "net/http"

// Routes puts the health check and the channels' handlers on one mux:
// channels maps a pattern ("POST /telegram/webhook", "/" for the web chat)
// to its handler.
func Routes(health http.Handler, channels map[string]http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", health)
	for pattern, h := range channels {
		mux.Handle(pattern, h)
	}
	return mux
}
