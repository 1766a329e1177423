package slacktest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"strconv"
	"testing"
	"time"
)

// Content types of the requests Slack sends.
const (
	ContentTypeJSON = "application/json"                  // Events API
	ContentTypeForm = "application/x-www-form-urlencoded" // interactivity, slash commands
)

// postTimeout bounds a request to the app under test, so a stuck handler fails the
// test instead of hanging it.
const postTimeout = 30 * time.Second

// Sign returns Slack's v0 request signature of body sent at ts (Unix seconds):
// "v0=" + hex(HMAC-SHA256(secret, "v0:{ts}:{body}")).
// See https://api.slack.com/authentication/verifying-requests-from-slack.
func Sign(secret string, ts int64, body []byte) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte("v0:" + strconv.FormatInt(ts, 10) + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// Post sends body to url as Slack would, signed with secret at the current time.
// headers are set last, so they may add to or override the signature headers.
// The caller closes the response body.
func Post(t testing.TB, url, secret string, body []byte, contentType string, headers map[string]string) *http.Response {
	t.Helper()
	return PostAt(t, url, secret, body, contentType, time.Now().Unix(), headers)
}

// PostAt is Post signed at ts (Unix seconds), for testing stale or future timestamps.
func PostAt(t testing.TB, url, secret string, body []byte, contentType string, ts int64, headers map[string]string) *http.Response {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		t.Fatalf("slacktest: post %s: %v", url, err)
	}
	req.Header.Set("Content-Type", contentType)
	req.Header.Set("X-Slack-Request-Timestamp", strconv.FormatInt(ts, 10))
	req.Header.Set("X-Slack-Signature", Sign(secret, ts, body))
	for k, v := range headers {
		req.Header.Set(k, v)
	}
	resp, err := (&http.Client{Timeout: postTimeout}).Do(req)
	if err != nil {
		t.Fatalf("slacktest: post %s: %v", url, err)
	}
	return resp
}
