package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/cookiejar"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestServeShutsDownGracefully starts the real server, opens a live event
// stream and posts a turn, then stops the server as SIGTERM would: the turn
// is answered, the stream is closed and serve returns without error.
func TestServeShutsDownGracefully(t *testing.T) {
	getenv := testEnv(t)
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	logR, logW := io.Pipe()
	served := make(chan error, 1)
	go func() { served <- run(ctx, nil, getenv, io.Discard, logW); logW.Close() }()
	lines := bufio.NewScanner(logR)
	var base string
	for base == "" && lines.Scan() {
		if m := regexp.MustCompile(`url=(http://\S+)`).FindStringSubmatch(lines.Text()); m != nil {
			base = m[1]
		}
	}
	if base == "" {
		t.Fatalf("server did not start: %v", <-served)
	}
	go io.Copy(io.Discard, logR)

	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	res, err := client.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	stream, err := client.Get(base + "/chat/events")
	if err != nil || stream.StatusCode != http.StatusOK {
		t.Fatalf("events: %v %v", stream, err)
	}
	defer stream.Body.Close()
	res, err = client.Post(base+"/chat/send", "application/json", strings.NewReader(`{"text":"你好"}`))
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("send: %v %v", res, err)
	}
	res.Body.Close()

	stop()
	select {
	case err := <-served:
		if err != nil {
			t.Fatalf("serve returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("server did not shut down with an event stream open")
	}
	if _, err := io.ReadAll(stream.Body); err != nil && !strings.Contains(err.Error(), "EOF") {
		t.Logf("stream ended with %v", err)
	}
}

func TestUnknownCommandAndBadSettingStopTheStart(t *testing.T) {
	err := run(context.Background(), []string{"frobnicate"}, envOf(nil), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "unknown command") {
		t.Fatalf("unknown command: %v", err)
	}
	err = run(context.Background(), nil, envOf(map[string]string{"FRONTDESK_LOCALE": "de"}), io.Discard, io.Discard)
	if err == nil || !strings.Contains(err.Error(), "FRONTDESK_LOCALE") {
		t.Fatalf("bad locale: %v", err)
	}
	err = run(context.Background(), []string{"ticket", "quote", "FD-1"}, envOf(nil), io.Discard, io.Discard)
	var ue usageError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "ticket help") {
		t.Fatalf("bad staff command: %v", err)
	}
}
