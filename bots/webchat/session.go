package webchat

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"time"
)

// CookieName is the cookie that holds a browser's session id.
const CookieName = "fd_session"

// cookieMaxAge keeps the session across browser restarts, so a customer who
// comes back the next day still sees the quote the desk sent overnight (as
// long as the transcript has not expired in Redis).
const cookieMaxAge = 30 * 24 * time.Hour

// sessionIDLen is the length of a session id: 128 random bits in hex. The id
// is a bearer secret; it is also the chat id the desk sees.
const sessionIDLen = 32

func newSessionID() string {
	var b [sessionIDLen / 2]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// validSession reports whether id has the shape of an id this package
// issues; anything else is never used as a Redis key.
func validSession(id string) bool {
	if len(id) != sessionIDLen {
		return false
	}
	for i := range len(id) {
		ch := id[i]
		if (ch < '0' || ch > '9') && (ch < 'a' || ch > 'f') {
			return false
		}
	}
	return true
}

// sessionFrom returns the request's session id, if it carries a valid one.
func sessionFrom(r *http.Request) (string, bool) {
	ck, err := r.Cookie(CookieName)
	if err != nil || !validSession(ck.Value) {
		return "", false
	}
	return ck.Value, true
}

// ensureSession returns the request's session id, issuing a new one in the
// cookie when it has none.
func ensureSession(w http.ResponseWriter, r *http.Request) string {
	if id, ok := sessionFrom(r); ok {
		return id
	}
	id := newSessionID()
	http.SetCookie(w, &http.Cookie{
		Name:     CookieName,
		Value:    id,
		Path:     "/",
		MaxAge:   int(cookieMaxAge / time.Second),
		HttpOnly: true,
		// Lax: the cookie is not sent with cross-site POSTs or subresource
		// requests, so another site can neither post as the customer nor
		// read the stream.
		SameSite: http.SameSiteLaxMode,
		Secure:   r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https",
	})
	return id
}
