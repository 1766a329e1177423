package slack

import (
	"errors"
	"io"
	"net/http"
	"os"

	"github.com/slack-go/slack"
)

// maxBody caps what Slack may send in one request.
const maxBody = 1 << 20

// verified reads the request body after checking its signature (v0,
// HMAC-SHA256 over v0:timestamp:body, at most five minutes off, compared in
// constant time by slack-go's SecretsVerifier). It answers 401 or 413 itself
// and returns ok false then.
func (b *Bot) verified(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	sv, err := slack.NewSecretsVerifier(r.Header, b.cfg.SigningSecret)
	if err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return nil, false
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	var tooBig *http.MaxBytesError
	switch {
	case errors.As(err, &tooBig):
		http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
		return nil, false
	case errors.Is(err, os.ErrDeadlineExceeded):
		http.Error(w, "request body too slow", http.StatusRequestTimeout)
		return nil, false
	case err != nil:
		http.Error(w, "bad request", http.StatusBadRequest)
		return nil, false
	}
	sv.Write(body)
	if err := sv.Ensure(); err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}
