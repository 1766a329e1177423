package webchat

import (
	"bytes"
	"embed"
	"html/template"
	"net/http"
	"path"

	"golang.org/x/text/language"
)

// static holds the page: plain HTML, CSS and JavaScript, no build step and
// nothing loaded from elsewhere. The DOM ids the tests rely on are listed at
// the top of static/chat.html.
//
//go:embed static/chat.html static/chat.css static/chat.js
var static embed.FS

// pageTemplate is chat.html: the shop's name, tagline and the page's own
// words are filled in per language (html/template escapes them).
var pageTemplate = template.Must(template.ParseFS(static, "static/chat.html"))

// pagePolicy allows only this origin's own script, style and requests: the
// page never needs inline code, so injected markup could not run either.
// The chrome's words travel in a JSON data block, which is not run.
const pagePolicy = "default-src 'none'; script-src 'self'; style-src 'self'; " +
	"img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

// Brand is the shop as the page presents it in one language.
type Brand struct {
	Company string // in the header and the title
	Tagline string // the short line under the name
}

// chromeKeys are the page's own words, from prompts' webchat.page.* keys;
// the script switches to another language's set when the desk does.
var chromeKeys = []string{"title", "greeting", "placeholder", "send", "typing", "log", "chips", "input",
	"send_failed", "retry", "not_sent", "offline", "loading"}

// SetPage sets the languages the page is shown in (the first is the default
// for a visitor whose browser asks for none of them) and the shop's name
// and tagline in each. Call it before serving.
func (c *Chat) SetPage(locales []string, brands map[string]Brand) {
	c.locales = locales
	c.chrome = map[string]map[string]string{}
	tags := make([]language.Tag, 0, len(locales))
	for _, loc := range locales {
		tags = append(tags, language.Make(loc))
		b := brands[loc]
		words := map[string]string{"company": b.Company, "tagline": b.Tagline}
		for _, k := range chromeKeys {
			s, err := c.desk.Text(loc, "webchat.page."+k, map[string]any{"Company": b.Company})
			if err != nil {
				c.logger.Error("webchat: page text", "locale", loc, "key", k, "err", err)
				s = ""
			}
			words[k] = s
		}
		c.chrome[loc] = words
	}
	c.matcher = language.NewMatcher(tags)
}

// pageData fills chat.html.
type pageData struct {
	Lang   string
	Words  map[string]string            // this language's words, for the first paint
	Chrome map[string]map[string]string // every language's, for the script
}

func (c *Chat) handlePage(w http.ResponseWriter, r *http.Request) {
	old, _ := sessionFrom(r) // a new visitor has no transcript to look in
	ensureSession(w, r)
	lang := c.pageLocale(r, old)
	var b bytes.Buffer
	if err := pageTemplate.Execute(&b, pageData{Lang: lang, Words: c.chrome[lang], Chrome: c.chrome}); err != nil {
		c.logger.ErrorContext(r.Context(), "webchat: page", "err", err)
		http.Error(w, http.StatusText(http.StatusInternalServerError), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Security-Policy", pagePolicy)
	h.Set("Cache-Control", "no-store") // it may carry a Set-Cookie
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Language", lang)
	_, _ = w.Write(b.Bytes())
}

// pageLocale is the language the page opens in: the one the desk last wrote
// to this session in, else the browser's preferred one among the desk's,
// else the default.
func (c *Chat) pageLocale(r *http.Request, session string) string {
	if session != "" {
		if entries, err := c.tr.History(r.Context(), session); err == nil {
			for i := len(entries) - 1; i >= 0; i-- {
				if _, ok := c.chrome[entries[i].Lang]; ok {
					return entries[i].Lang
				}
			}
		}
	}
	if al := r.Header.Get("Accept-Language"); al != "" {
		if prefs, _, err := language.ParseAcceptLanguage(al); err == nil && len(prefs) > 0 {
			if _, i, conf := c.matcher.Match(prefs...); conf != language.No {
				return c.locales[i]
			}
		}
	}
	return c.locales[0]
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
