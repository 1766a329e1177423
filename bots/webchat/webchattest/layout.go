package webchattest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/chromedp"
)

// Viewport sets the tab's size in CSS pixels: 1280×800 for a desktop,
// 390×844 for a phone.
func Viewport(ctx context.Context, width, height int64) error {
	ctx, cancel := context.WithTimeout(ctx, StepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(width, height)); err != nil {
		return fmt.Errorf("webchattest: viewport %dx%d: %w", width, height, err)
	}
	return nil
}

// lastHiddenFunc says how the newest entry is hidden, or "" when its whole
// box is inside the window and inside the transcript's visible part, and
// the page shows the entry itself (not a button or bar drawn over it) at
// the middle of each edge and at its centre.
const lastHiddenFunc = `() => {
	const all = document.querySelectorAll("#fd-log .fd-msg");
	if (!all.length) return "no entry";
	const m = all[all.length - 1];
	const r = m.getBoundingClientRect();
	const log = document.getElementById("fd-log").getBoundingClientRect();
	const w = window.innerWidth, h = window.innerHeight;
	if (r.top < 0 || r.left < 0 || r.bottom > h || r.right > w)
		return "outside the window: " + JSON.stringify(r) + " in " + w + "x" + h;
	if (r.top < log.top - 0.5 || r.bottom > log.bottom + 0.5)
		return "outside the transcript's view: " + JSON.stringify(r) + " in " + JSON.stringify(log);
	// Its edges' midpoints (a bubble's corners are rounded) and its centre.
	const cx = (r.left + r.right) / 2, cy = (r.top + r.bottom) / 2;
	const points = [[cx, r.top + 2], [cx, r.bottom - 2], [r.left + 2, cy], [r.right - 2, cy], [cx, cy]];
	for (const [x, y] of points) {
		const e = document.elementFromPoint(x, y);
		if (!e || !m.contains(e)) return "covered at " + x + "," + y + " by " + (e ? e.outerHTML.slice(0, 80) : "nothing");
	}
	return "";
}`

// LastEntryVisible fails unless the newest entry of the transcript is
// wholly visible: inside the window, not scrolled out of the transcript
// and not covered by the buttons, the notice or the compose box (at its
// edges' midpoints and centre). It waits for the page's sends to finish and
// then looks several times over a few hundred milliseconds: a page that
// shows the entry and then lets the buttons push it out of view fails.
func LastEntryVisible(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, StepTimeout)
	defer cancel()
	if _, err := chromedp.Run(ctx, chromedp.PollFunction[bool](idleFunc,
		chromedp.WithPollingInterval(pollEvery), chromedp.WithPollingTimeout(StepTimeout))); err != nil {
		return fmt.Errorf("webchattest: wait for the send to finish: %w", err)
	}
	for range 8 {
		why, err := chromedp.Run(ctx, chromedp.Evaluate[string]("("+lastHiddenFunc+")()"))
		if err != nil {
			return fmt.Errorf("webchattest: last entry: %w", err)
		}
		if why != "" {
			return errors.New("webchattest: the newest entry is hidden: " + why)
		}
		time.Sleep(pollEvery)
	}
	return nil
}

// idleFunc is true once no send is under way.
const idleFunc = `() => !document.getElementById("fd-form").hasAttribute("aria-busy")`

// Screenshot writes a PNG of the tab's window to path.
func Screenshot(ctx context.Context, path string) error {
	ctx, cancel := context.WithTimeout(ctx, StepTimeout)
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	if err != nil {
		return fmt.Errorf("webchattest: screenshot: %w", err)
	}
	return os.WriteFile(path, png, 0o644)
}

// Chrome is the page's own words as shown.
type Chrome struct {
	Lang, Title, Company, Tagline, Send, Placeholder string
}

// PageChrome reads the page's language, title, header and compose box.
func PageChrome(ctx context.Context) (Chrome, error) {
	ctx, cancel := context.WithTimeout(ctx, StepTimeout)
	defer cancel()
	c, err := chromedp.Run(ctx, chromedp.Evaluate[Chrome](`({
		Lang: document.documentElement.lang,
		Title: document.title,
		Company: document.getElementById("fd-company").textContent,
		Tagline: document.getElementById("fd-tagline").textContent,
		Send: document.getElementById("fd-send").textContent,
		Placeholder: document.getElementById("fd-input").placeholder,
	})`))
	if err != nil {
		return Chrome{}, fmt.Errorf("webchattest: chrome: %w", err)
	}
	return c, nil
}
