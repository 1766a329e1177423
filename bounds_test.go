package main

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/frontdesk/frontdesk/handlers"
)

// TestStalledBodiesAreCutOff opens, on every public endpoint that takes a
// body, a request whose body stops halfway (with the headers a real client
// would send: a made-up web-chat session, a correct Telegram secret, fresh
// Slack signature headers). Each is answered 408, or its connection
// closed, within the documented body timeout (Slack's endpoints may answer
// 401: the signature cannot match a body cut short), and the desk keeps
// answering others meanwhile.
func TestStalledBodiesAreCutOff(t *testing.T) {
	getenv, _ := slackEnv(t)
	tg, _ := tgEnv(t)
	env := func(k string) string {
		if strings.HasPrefix(k, "TELEGRAM_") {
			return tg(k)
		}
		return getenv(k)
	}
	srv, _ := startApp(t, env)
	u, _ := url.Parse(srv.URL)
	now := strconv.FormatInt(time.Now().Unix(), 10)
	for _, c := range []struct{ path, headers string }{
		{"/chat/send", "Content-Type: application/json\r\nCookie: fd_session=0123456789abcdef0123456789abcdef\r\n"},
		{"/telegram/webhook", "Content-Type: application/json\r\nX-Telegram-Bot-Api-Secret-Token: " + tgSecret + "\r\n"},
		{"/slack/events", "Content-Type: application/json\r\nX-Slack-Request-Timestamp: " + now + "\r\nX-Slack-Signature: v0=00\r\n"},
		{"/slack/interactions", "Content-Type: application/x-www-form-urlencoded\r\nX-Slack-Request-Timestamp: " + now + "\r\nX-Slack-Signature: v0=00\r\n"},
		{"/slack/commands", "Content-Type: application/x-www-form-urlencoded\r\nX-Slack-Request-Timestamp: " + now + "\r\nX-Slack-Signature: v0=00\r\n"},
	} {
		t.Run(c.path, func(t *testing.T) {
			t.Parallel()
			conn, err := net.Dial("tcp", u.Host)
			if err != nil {
				t.Fatal(err)
			}
			defer conn.Close()
			start := time.Now()
			fmt.Fprintf(conn, "POST %s HTTP/1.1\r\nHost: %s\r\n%sContent-Length: 400\r\n\r\n{\"text\": \"half a bo", c.path, u.Host, c.headers)
			// meanwhile, the desk answers others
			res, err := http.Get(srv.URL + "/healthz")
			if err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("healthz while a body stalls: %v %v", res, err)
			}
			res.Body.Close()
			conn.SetReadDeadline(time.Now().Add(handlers.BodyTimeout + 5*time.Second))
			line, err := bufio.NewReader(conn).ReadString('\n')
			took := time.Since(start)
			if took > handlers.BodyTimeout+2*time.Second {
				t.Fatalf("cut off after %s (limit %s): %q %v", took, handlers.BodyTimeout, line, err)
			}
			if err == nil && !strings.HasPrefix(line, "HTTP/1.1 4") {
				t.Fatalf("a stalled body answered %q", line) // 408, or 401 for a signature the body cannot match
			}
		})
	}
}
