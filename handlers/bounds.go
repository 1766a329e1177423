package handlers

import (
	"net/http"
	"time"
)

// Limits of a connection's life (the server's, and every request's body).
const (
	// HeaderTimeout is the most a client may take to send a request's
	// headers; BodyTimeout the most it may take to send the body, from the
	// moment its handler starts. A request that stalls is cut off (408 or
	// a closed connection) and holds nothing after that.
	HeaderTimeout = 5 * time.Second
	BodyTimeout   = 5 * time.Second
	// RequestTimeout bounds reading a whole request at the server (a
	// backstop to the two above); WriteTimeout bounds writing an answer,
	// which may wait on a turn (a language model's call included). Event
	// streams (GET /chat/events) clear both: they are long on purpose and
	// keep alive with a heartbeat.
	RequestTimeout = 15 * time.Second
	WriteTimeout   = 60 * time.Second
	// IdleTimeout closes a kept-alive connection with no request.
	IdleTimeout = 2 * time.Minute
)

// Bounded cuts off a request whose body does not arrive within body: the
// connection's read deadline is set when the handler starts, so a body
// read that stalls fails after body and the handler answers or closes.
func Bounded(body time.Duration, h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Body != nil && r.Body != http.NoBody {
			_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(body)) // not supported: the server's own timeout
		}
		h.ServeHTTP(w, r)
	})
}
