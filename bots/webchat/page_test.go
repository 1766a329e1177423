package webchat

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/alicebob/miniredis/v2"
	"github.com/frontdesk/frontdesk/dialog"
	"github.com/frontdesk/frontdesk/prompts"
	"github.com/frontdesk/frontdesk/storage"
	"github.com/redis/go-redis/v9"
)

// catalogDesk renders the real catalog and answers nothing.
type catalogDesk struct{ texts *prompts.Catalog }

func (d catalogDesk) Handle(context.Context, dialog.Message) ([]dialog.Reply, error) { return nil, nil }
func (d catalogDesk) Text(locale, key string, data any) (string, error) {
	return d.texts.Render(locale, key, data)
}

// TestPageSpeaksTheShopsName checks the page a newcomer opens: the shop's
// name and tagline in the header and the title, every word of the page in
// the visitor's language, the language the desk last used kept on reload,
// and a name with markup in it shown as text.
func TestPageSpeaksTheShopsName(t *testing.T) {
	texts, err := prompts.Load()
	if err != nil {
		t.Fatal(err)
	}
	mr := miniredis.RunT(t)
	rdb := redis.NewClient(&redis.Options{Addr: mr.Addr()})
	t.Cleanup(func() { rdb.Close() })
	tr := storage.NewTranscripts(rdb, "test:", time.Hour)
	chat := New(catalogDesk{texts}, tr, slog.New(slog.NewTextHandler(io.Discard, nil)))
	chat.SetPage([]string{"zh-CN", "en"}, map[string]Brand{
		"zh-CN": {Company: "顺达<b>家电</b>售后", Tagline: "报修热线 400-800-8888"},
		"en":    {Company: "Shunda Appliance Care", Tagline: "Repairs and service"},
	})
	get := func(lang, cookie string) (string, *http.Response) {
		t.Helper()
		r := httptest.NewRequest("GET", "/", nil)
		if lang != "" {
			r.Header.Set("Accept-Language", lang)
		}
		if cookie != "" {
			r.AddCookie(&http.Cookie{Name: CookieName, Value: cookie})
		}
		w := httptest.NewRecorder()
		chat.ServeHTTP(w, r)
		if w.Code != http.StatusOK {
			t.Fatalf("GET / (%s) = %d", lang, w.Code)
		}
		return w.Body.String(), w.Result()
	}
	has := func(page string, want ...string) {
		t.Helper()
		for _, s := range want {
			if !strings.Contains(page, s) {
				t.Errorf("page lacks %q", s)
			}
		}
	}
	// lacks looks at what the page shows: the words of every language the
	// script may switch to travel in the JSON block, which is not shown.
	lacks := func(page string, bad ...string) {
		t.Helper()
		if i, j := strings.Index(page, `<script id="fd-chrome"`), strings.Index(page, `</script>`); i >= 0 && j > i {
			page = page[:i] + page[j:]
		}
		for _, s := range bad {
			if strings.Contains(page, s) {
				t.Errorf("page holds %q", s)
			}
		}
	}

	zh, _ := get("zh-CN,zh;q=0.9", "")
	has(zh, `<html lang="zh-CN">`, "<title>顺达&lt;b&gt;家电&lt;/b&gt;售后 · 在线客服</title>",
		`<h1 id="fd-company">顺达&lt;b&gt;家电&lt;/b&gt;售后</h1>`, "报修热线 400-800-8888", ">发送</button>")
	lacks(zh, "<b>家电", "Frontdesk")

	en, res := get("en-GB,en;q=0.9,zh;q=0.5", "")
	has(en, `<html lang="en">`, "<title>Shunda Appliance Care · Online service</title>", ">Send</button>",
		`placeholder="Type a message…"`, "Repairs and service")
	lacks(en, "发送", "在线客服", "输入")

	// The script's words for every language parse as JSON, markup kept as
	// text and unable to close the block.
	const open = `<script id="fd-chrome" type="application/json">`
	i := strings.Index(zh, open)
	j := strings.Index(zh[i:], "</script>")
	if i < 0 || j < 0 {
		t.Fatal("no chrome block")
	}
	block := zh[i+len(open) : i+j]
	var chrome map[string]map[string]string
	if err := json.Unmarshal([]byte(block), &chrome); err != nil {
		t.Fatalf("chrome block %.120q: %v", block, err)
	}
	if chrome["en"]["send"] != "Send" || chrome["zh-CN"]["company"] != "顺达<b>家电</b>售后" || strings.Contains(block, "<b>") {
		t.Errorf("chrome block = %.300q", block)
	}
	for _, loc := range []string{"zh-CN", "en"} {
		for _, k := range chromeKeys {
			if chrome[loc][k] == "" {
				t.Errorf("chrome %s.%s is empty", loc, k)
			}
		}
	}

	// A browser asking for neither gets the default language.
	fr, _ := get("fr-FR", "")
	has(fr, `<html lang="zh-CN">`)

	// Once the desk has written English to this session, the page opens in
	// English whatever the browser asks for.
	session := res.Cookies()[0].Value
	if err := tr.Append(context.Background(), session, storage.Entry{From: storage.FromDesk, Text: "Hello", Lang: "en", At: time.Now()}); err != nil {
		t.Fatal(err)
	}
	again, _ := get("zh-CN", session)
	has(again, `<html lang="en">`, ">Send</button>")
}
