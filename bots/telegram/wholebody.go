package telegram

import (
	"bytes"
	"io"
	"net/http"
)

// wholeBody sends a request body of unknown length in one piece. The
// Telegram library streams each call's multipart form through a pipe, so
// net/http sends it chunked and flushes every chunk: a write, and a system
// call, for each field of the form. Read whole first (a message is a few
// kilobytes), it leaves with its length in one write.
type wholeBody struct{ next http.RoundTripper }

// RoundTrip implements http.RoundTripper.
func (w wholeBody) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body == nil || r.Body == http.NoBody || r.ContentLength > 0 {
		return w.next.RoundTrip(r)
	}
	b, err := io.ReadAll(r.Body)
	r.Body.Close()
	if err != nil {
		return nil, err
	}
	r = r.Clone(r.Context()) // a RoundTripper leaves its request as it was given
	r.ContentLength = int64(len(b))
	r.Body = io.NopCloser(bytes.NewReader(b))
	r.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(b)), nil }
	return w.next.RoundTrip(r)
}
