package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alicebob/miniredis/v2"

	"github.com/frontdesk/frontdesk/storage"
	"github.com/frontdesk/frontdesk/storage/storagetest"
)

// testEnv is a configuration environment on throwaway stores: a fresh
// PostgreSQL database and the real Redis when DATABASE_URL and REDIS_URL are
// set, else a SQLite file and the in-process Redis (the zero-setup default).
func testEnv(t testing.TB) func(string) string {
	t.Helper()
	env := map[string]string{
		"DATABASE_URL":   "sqlite:" + filepath.Join(t.TempDir(), "frontdesk.db"),
		"REDIS_URL":      os.Getenv("REDIS_URL"),
		"REDIS_PREFIX":   storagetest.Name("fdapp:") + ":",
		"FRONTDESK_ADDR": "127.0.0.1:0",
	}
	if env["REDIS_URL"] == "" {
		// One in-process server, so that two app instances share it.
		mr := miniredis.RunT(t)
		t.Cleanup(storage.RealTime(mr))
		env["REDIS_URL"] = "redis://" + mr.Addr()
	}
	if u := storagetest.PostgresURL(t); u != "" {
		env["DATABASE_URL"] = u
	}
	return func(k string) string { return env[k] }
}

// startApp builds the whole server on testEnv and serves it on loopback,
// with the outbox delivered in the background.
func startApp(t testing.TB, getenv func(string) string) (*httptest.Server, *app) {
	t.Helper()
	var logw io.Writer = io.Discard
	if os.Getenv("FRONTDESK_TEST_LOG") != "" {
		logw = os.Stderr
	}
	return startAppLogging(t, getenv, logw)
}

// startAppLogging is startApp writing the desk's log to logw.
func startAppLogging(t testing.TB, getenv func(string) string, logw io.Writer) (*httptest.Server, *app) {
	t.Helper()
	cfg, err := loadConfig(getenv)
	if err != nil {
		t.Fatal(err)
	}
	log := newLogger(cfg, logw)
	a, err := build(context.Background(), cfg, log)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := a.start(ctx)
	srv := httptest.NewServer(a.handler)
	t.Cleanup(func() {
		srv.Close()
		cancel()
		<-done
		a.close()
	})
	return srv, a
}

// TestProbesFollowTheStores: /readyz says whether SQL and Redis answer (a
// load balancer sends customers elsewhere while they do not); /healthz only
// that the process answers, so it is not restarted for a database outage.
func TestProbesFollowTheStores(t *testing.T) {
	srv, a := startApp(t, testEnv(t))
	code := func(path string) int {
		t.Helper()
		res, err := http.Get(srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	if c, l := code("/readyz"), code("/healthz"); c != http.StatusOK || l != http.StatusOK {
		t.Fatalf("readyz %d, healthz %d while SQL and Redis answer", c, l)
	}
	a.close() // the stores go away
	a.close = func() {}
	if c, l := code("/readyz"), code("/healthz"); c != http.StatusServiceUnavailable || l != http.StatusOK {
		t.Fatalf("readyz %d, healthz %d with SQL and Redis closed", c, l)
	}
}

func TestWebChatErrorsAreCourteousTemplates(t *testing.T) {
	srv, _ := startApp(t, testEnv(t))
	jar, _ := cookiejar.New(nil)
	client := &http.Client{Jar: jar}
	res, err := client.Get(srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for lang, want := range map[string]string{"en-GB,en;q=0.9": "2000 characters at most", "zh-CN,zh;q=0.9": "最多 2000 字"} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/chat/send", strings.NewReader(`{"text":"`+strings.Repeat("修", 2001)+`"}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Accept-Language", lang)
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), want) {
			t.Fatalf("%s: %d %s", lang, res.StatusCode, body)
		}
	}
}

// withEnv is getenv with key set to value.
func withEnv(getenv func(string) string, key, value string) func(string) string {
	return func(k string) string {
		if k == key {
			return value
		}
		return getenv(k)
	}
}

// TestHealthcheckCommandAsksTheServer: `frontdesk healthcheck` (the
// container's HEALTHCHECK) succeeds against a ready server on
// FRONTDESK_ADDR's port and fails when nothing answers there.
func TestHealthcheckCommandAsksTheServer(t *testing.T) {
	srv, _ := startApp(t, testEnv(t))
	addr := strings.TrimPrefix(srv.URL, "http://")
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"healthcheck"}, withEnv(testEnv(t), "FRONTDESK_ADDR", addr), &out, &errs); err != nil {
		t.Fatalf("healthcheck against a ready server: %v", err)
	}
	srv.Close()
	if err := run(context.Background(), []string{"healthcheck"}, withEnv(testEnv(t), "FRONTDESK_ADDR", addr), &out, &errs); err == nil {
		t.Fatal("healthcheck passed with no server")
	}
}
