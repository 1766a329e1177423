package telegram

import (
	"crypto/subtle"
	"encoding/json"
	"errors"
	"net/http"
	"os"

	"github.com/go-telegram/bot/models"
)

// maxUpdate caps a webhook body. Updates carry file ids, not files, so
// real ones are a few kilobytes.
const maxUpdate = 1 << 20

// ServeHTTP is POST /telegram/webhook. The secret header is checked first,
// in constant time (401 when wrong or missing); then the body is read
// within its cap (413) and decoded (400). 200 is answered only once the
// update is taken: the turn saved and its replies queued in Redis. When
// that fails the answer is 500 and Telegram delivers the update again.
func (b *Bot) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	got := r.Header.Get("X-Telegram-Bot-Api-Secret-Token")
	if b.cfg.WebhookSecret == "" || subtle.ConstantTimeCompare([]byte(got), []byte(b.cfg.WebhookSecret)) != 1 {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	var u models.Update
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, maxUpdate))
	if err := dec.Decode(&u); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			http.Error(w, "update too large", http.StatusRequestEntityTooLarge)
			return
		}
		if errors.Is(err, os.ErrDeadlineExceeded) {
			http.Error(w, "update too slow", http.StatusRequestTimeout)
			return
		}
		http.Error(w, "malformed update", http.StatusBadRequest)
		return
	}
	if u.ID <= 0 {
		http.Error(w, "update without update_id", http.StatusBadRequest)
		return
	}
	if err := b.handle(r.Context(), &u); err != nil {
		b.log.ErrorContext(r.Context(), "telegram: update not taken; Telegram will retry", "update", u.ID, "err", err)
		http.Error(w, "try again", http.StatusInternalServerError)
		return
	}
	w.WriteHeader(http.StatusOK)
}
