// Package handlers serves Frontdesk's own HTTP endpoints and puts the
// channels' handlers on one mux.
package handlers

import (
	"context"
	"encoding/json"
	"net/http"
	"time"
)

// Pinger is a dependency that can say whether it answers.
type Pinger interface {
	Ping(ctx context.Context) error
}

// PingFunc adapts a function to Pinger.
type PingFunc func(ctx context.Context) error

// Ping calls f.
func (f PingFunc) Ping(ctx context.Context) error { return f(ctx) }

// Live answers GET /healthz, the liveness probe: the process answers. It
// checks nothing else, so an orchestrator does not restart a healthy
// process because the database is briefly away.
func Live() http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`{"status":"ok"}` + "\n"))
	})
}

// Ready answers GET /readyz, the readiness probe: 200 while every
// dependency (SQL, Redis) answers within a second, 503 naming the ones that
// do not, so a load balancer sends customers elsewhere meanwhile.
func Ready(deps map[string]Pinger) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), time.Second)
		defer cancel()
		status := map[string]string{}
		code := http.StatusOK
		for name, d := range deps {
			status[name] = "ok"
			if err := d.Ping(ctx); err != nil {
				status[name] = "down"
				code = http.StatusServiceUnavailable
			}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(status)
	})
}
