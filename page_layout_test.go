package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/bots/webchat/webchattest"
)

// TestChatPageAtDesktopAndPhone opens the web chat as a newcomer's customer
// would, at desktop and at phone width, in each language: the header and
// title carry the shop's name and tagline, every word of the page is in the
// conversation's language (and follows it when the customer writes
// English), and after every reply the newest message is wholly visible,
// never under the quick-reply buttons. Screenshots of each size are written
// to $FRONTDESK_SCREENSHOTS when set, to look at by eye.
func TestChatPageAtDesktopAndPhone(t *testing.T) {
	shots := os.Getenv("FRONTDESK_SCREENSHOTS")
	for _, size := range []struct {
		name string
		w, h int64
	}{{"desktop", 1280, 800}, {"phone", 390, 844}} {
		t.Run(size.name, func(t *testing.T) {
			base := testEnv(t)
			getenv := func(k string) string {
				switch k {
				case "FRONTDESK_COMPANY":
					return "顺达家电售后服务中心"
				case "FRONTDESK_COMPANY_EN":
					return "Shunda Appliance Care"
				case "FRONTDESK_TAGLINE":
					return "全国联保 · 报修热线 400-800-8888"
				}
				return base(k)
			}
			srv, _ := startApp(t, getenv)
			ctx := webchattest.Browser(t)
			must := func(err error) {
				t.Helper()
				if err != nil {
					t.Fatal(err)
				}
			}
			must(webchattest.Viewport(ctx, size.w, size.h))
			must(webchattest.Open(ctx, srv.URL+"/"))
			// Before anyone writes, the page speaks the browser's language
			// (headless Chromium asks for en-US).
			chrome, err := webchattest.PageChrome(ctx)
			must(err)
			if chrome.Lang != "en" || chrome.Title != "Shunda Appliance Care · Online service" || chrome.Company != "Shunda Appliance Care" ||
				chrome.Tagline != "全国联保 · 报修热线 400-800-8888" || chrome.Send != "Send" {
				t.Errorf("first page chrome = %+v", chrome)
			}
			shot := func(name string) {
				if shots != "" {
					must(webchattest.Screenshot(ctx, filepath.Join(shots, size.name+"-"+name+".png")))
				}
			}
			step := func(send, wait string) {
				t.Helper()
				must(webchattest.Send(ctx, send))
				must(webchattest.WaitText(ctx, wait, 15*time.Second))
				must(webchattest.LastEntryVisible(ctx))
			}
			// A long report, then a question with buttons under it.
			step("你好", "欢迎联系顺达家电售后服务中心")
			// The customer writes Chinese, the desk answers in Chinese and the
			// page's own words follow it.
			chrome, err = webchattest.PageChrome(ctx)
			must(err)
			if chrome.Lang != "zh-CN" || chrome.Title != "顺达家电售后服务中心 · 在线客服" || chrome.Company != "顺达家电售后服务中心" ||
				chrome.Send != "发送" || chrome.Placeholder != "请输入消息…" {
				t.Errorf("Chinese page chrome = %+v", chrome)
			}
			step("家里的滚筒洗衣机脱水的时候声音特别大，整个机器都在晃，用了快三年了，型号好像是XQG80-B12，想请师傅上门看看", "贵姓")
			step("姓王", "称呼")
			shot("zh")

			// The customer writes English: the desk answers in English and
			// the page's own words follow.
			step("Sorry, can we continue in English please? My name is Wang, Mr Wang.", "mobile number")
			chrome, err = webchattest.PageChrome(ctx)
			must(err)
			if chrome.Lang != "en" || chrome.Company != "Shunda Appliance Care" || chrome.Send != "Send" ||
				!strings.Contains(chrome.Title, "Shunda Appliance Care") || chrome.Placeholder != "Type a message…" {
				t.Errorf("English page chrome = %+v", chrome)
			}
			shot("after-english")
		})
	}
}
