package webchat

import (
	"embed"
	"net/http"
	"path"
)

// static holds the page: plain HTML, CSS and JavaScript, no build step and
// nothing loaded from elsewhere. The DOM ids the tests rely on are listed at
// the top of static/chat.html.
//
//go:embed static/chat.html static/chat.css static/chat.js
var static embed.FS

// pagePolicy allows only this origin's own script, style and requests: the
// page never needs inline code, so injected markup could not run either.
const pagePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func (c *Chat) handlePage(w http.ResponseWriter, r *http.Request) {
	ensureSession(w, r)
	h := w.Header()
	h.Set("Content-Security-Policy", pagePolicy)
	h.Set("Cache-Control", "no-store") // it may carry a Set-Cookie
	http.ServeFileFS(w, r, static, "static/chat.html")
}

func (c *Chat) handleStatic(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("file")
	if name != "chat.css" && name != "chat.js" {
		http.NotFound(w, r)
		return
	}
	// Embedded files have no modification time, so browsers cannot
	// revalidate; a fresh copy each load is a few kilobytes.
	w.Header().Set("Cache-Control", "no-cache")
	http.ServeFileFS(w, r, static, path.Join("static", name))
}
