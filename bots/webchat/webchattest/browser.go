// Package webchattest drives the web chat page in a headless Chromium, for
// tests of the page itself and of the whole desk behind it. It finds the
// page's parts by the DOM ids listed at the top of
// bots/webchat/static/chat.html.
//
// It needs Debian's chromium package (apt-get install chromium). Without it
// Browser skips the test, or fails it when CI=true.
package webchattest

import (
	"context"
	"os"
	"testing"

	"github.com/chromedp/chromedp"
)

// ChromiumPath is where Debian's chromium package installs the browser.
const ChromiumPath = "/usr/bin/chromium"

// Browser starts a headless Chromium with a fresh profile and returns a
// context for one tab of it; chromedp and the helpers of this package run on
// that context. The browser is stopped and its profile removed when the test
// ends.
func Browser(t testing.TB) context.Context {
	t.Helper()
	if _, err := os.Stat(ChromiumPath); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("webchattest: no browser at %s (apt-get install chromium): %v", ChromiumPath, err)
		}
		t.Skipf("webchattest: no browser at %s (apt-get install chromium)", ChromiumPath)
	}
	// TempDir is removed after the cleanup below has stopped the browser:
	// cleanups run last registered first.
	profile := t.TempDir()
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(ChromiumPath),
		chromedp.UserDataDir(profile),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true), // tests run as root in containers
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		// /dev/shm is 64 MB in a default container; Chromium crashes when it
		// fills up.
		chromedp.Flag("disable-dev-shm-usage", true),
		// Tests talk to loopback only: nothing but localhost resolves, so the
		// browser cannot reach out even if something in it tries.
		chromedp.Flag("host-resolver-rules", "MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1 , EXCLUDE [::1]"),
		chromedp.WindowSize(412, 860), // a phone-sized window
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	t.Cleanup(func() {
		cancel()
		cancelAlloc() // waits for the browser process to exit
	})
	// The first run starts the browser; it must not carry a timeout, which
	// would stop the browser when it expires.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("webchattest: start %s: %v", ChromiumPath, err)
	}
	return ctx
}
