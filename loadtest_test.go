package main

import (
	"bytes"
	"context"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadCommandPlaysWholeReports: the load command, run small, drives a
// real desk process through whole reports over the webhook: every update
// answered, a ticket for every customer, and the figures printed.
func TestLoadCommandPlaysWholeReports(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "frontdesk")
	if out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	env := map[string]string{"FRONTDESK_LOADTEST_DESK": bin}
	var out bytes.Buffer
	err := loadtest(context.Background(), []string{"-conversations", "12", "-read", "200ms"}, func(k string) string { return env[k] }, &out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"36 updates answered, 0 failed", "tickets 12", "first reply p50", "first reply by step  1) p50", "; 3) p50", "ms per update",
		"scheduler took every ticket event", "Bot API calls: "} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("load output lacks %q:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "gave up") {
		t.Errorf("the scheduler did not take every ticket event:\n%s", out.String())
	}
}

// TestFloorBotPlaysUnderTheLoadCommand: the floor the README measures the
// desk against (loadtest/floorbot) answers every update the load command
// plays, so that its figure is of the same work.
func TestFloorBotPlaysUnderTheLoadCommand(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "floorbot")
	if out, err := exec.Command("go", "build", "-o", bin, "./loadtest/floorbot").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	env := map[string]string{"FRONTDESK_LOADTEST_DESK": bin}
	var out bytes.Buffer
	if err := loadtest(context.Background(), []string{"-conversations", "12", "-read", "200ms"}, func(k string) string { return env[k] }, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{"36 updates answered, 0 failed", "tickets 12", "ms per update"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("load output lacks %q:\n%s", want, out.String())
		}
	}
}
