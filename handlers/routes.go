package handlers

import "net/http"

// Routes puts the health check and the channels on one mux. chat serves the
// web chat page and its API at the root.
func Routes(health http.Handler, chat http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("GET /healthz", health)
	mux.Handle("/", chat)
	return mux
}
