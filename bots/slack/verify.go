package slack

import (
	"io"
	"net/http"

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
	if err != nil {
		http.Error(w, "request too large", http.StatusRequestEntityTooLarge)
		return nil, false
	}
	sv.Write(body)
	if err := sv.Ensure(); err != nil {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return nil, false
	}
	return body, true
}
