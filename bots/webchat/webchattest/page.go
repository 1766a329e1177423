package webchattest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/chromedp/chromedp"
)

// StepTimeout bounds how long Open, Reload, Send and Press wait for the page.
const StepTimeout = 15 * time.Second

// pollEvery is how often the helpers look at the page; polling on animation
// frames is unreliable in a headless tab.
const pollEvery = 50 * time.Millisecond

// readyFunc is true once the page has drawn its history and opened its event
// stream.
const readyFunc = `() => document.body && document.body.dataset.fdReady === "1"`

// Line is one entry of the transcript as the page shows it.
type Line struct {
	From string // "customer" or "desk"
	Text string
}

// Open loads the chat page at url and waits until it is ready to chat.
func Open(ctx context.Context, url string) error {
	ctx, cancel := context.WithTimeout(ctx, StepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Navigate(url), waitReady()); err != nil {
		return fmt.Errorf("webchattest: open %s: %w", url, err)
	}
	return nil
}

// Reload reloads the page and waits until it is ready again.
func Reload(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, StepTimeout)
	defer cancel()
	if err := chromedp.Do(ctx, chromedp.Reload(), waitReady()); err != nil {
		return fmt.Errorf("webchattest: reload: %w", err)
	}
	return nil
}

func waitReady() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.PollFunction[bool](readyFunc,
			chromedp.WithPollingInterval(pollEvery), chromedp.WithPollingTimeout(StepTimeout))(ctx, t)
		return err
	})
}

// Send types text into the message box and presses the send button.
func Send(ctx context.Context, text string) error {
	ctx, cancel := context.WithTimeout(ctx, StepTimeout)
	defer cancel()
	err := chromedp.Do(ctx,
		chromedp.WaitEnabled(chromedp.ID("fd-input")),
		clearInput(),
		chromedp.SendKeys(chromedp.ID("fd-input"), text),
		chromedp.Click(chromedp.ID("fd-send")),
	)
	if err != nil {
		return fmt.Errorf("webchattest: send %q: %w", text, err)
	}
	return nil
}

// clearInput empties the message box, which may hold text the page gave
// back after a refused send.
func clearInput() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`(document.getElementById("fd-input").value = "") === ""`)(ctx, t)
		return err
	})
}

// pressFunc clicks the enabled chip labelled label, once it is there.
const pressFunc = `(label) => {
	const chip = [...document.querySelectorAll("#fd-chips .fd-chip")]
		.find((c) => c.textContent === label && !c.disabled);
	if (!chip) return false;
	chip.click();
	return true;
}`

// Press clicks the button chip labelled label, waiting for it to appear.
func Press(ctx context.Context, label string) error {
	ctx, cancel := context.WithTimeout(ctx, StepTimeout)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.PollFunction[bool](pressFunc,
		chromedp.WithPollingArgs(label),
		chromedp.WithPollingInterval(pollEvery), chromedp.WithPollingTimeout(StepTimeout)))
	if err != nil {
		return fmt.Errorf("webchattest: press %q: %w%s", label, err, shown(ctx))
	}
	return nil
}

// hasTextFunc is true when an entry of the transcript contains the text.
const hasTextFunc = `(s) => [...document.querySelectorAll("#fd-log .fd-msg .fd-text")]
	.some((e) => e.textContent.includes(s))`

// WaitText waits up to timeout for an entry of the transcript to contain
// substring. Its error lists what the transcript shows.
func WaitText(ctx context.Context, substring string, timeout time.Duration) error {
	tctx, cancel := context.WithTimeout(ctx, timeout+time.Second)
	defer cancel()
	_, err := chromedp.Run(tctx, chromedp.PollFunction[bool](hasTextFunc,
		chromedp.WithPollingArgs(substring),
		chromedp.WithPollingInterval(pollEvery), chromedp.WithPollingTimeout(timeout)))
	if err != nil {
		return fmt.Errorf("webchattest: wait for %q: %w%s", substring, err, shown(ctx))
	}
	return nil
}

// transcriptExpr lists the transcript's entries as the page shows them.
const transcriptExpr = `[...document.querySelectorAll("#fd-log .fd-msg")].map((m) => ({
	From: m.dataset.from,
	Text: m.querySelector(".fd-text").textContent,
}))`

// Transcript returns the entries the page shows, oldest first.
func Transcript(ctx context.Context) ([]Line, error) {
	ctx, cancel := context.WithTimeout(ctx, StepTimeout)
	defer cancel()
	lines, err := chromedp.Run(ctx, chromedp.Evaluate[[]Line](transcriptExpr))
	if err != nil {
		return nil, fmt.Errorf("webchattest: read transcript: %w", err)
	}
	return lines, nil
}

// shown describes the transcript for an error message.
func shown(ctx context.Context) string {
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 2*time.Second)
	defer cancel()
	lines, err := Transcript(ctx)
	if err != nil {
		return ""
	}
	var b strings.Builder
	b.WriteString("; the page shows:")
	for _, l := range lines {
		fmt.Fprintf(&b, "\n  %s: %q", l.From, l.Text)
	}
	return b.String()
}
