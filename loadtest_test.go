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
	out := playSmall(t, ".")
	for _, want := range []string{"36 updates answered, 0 failed", "tickets 12", "first reply p50", "first reply by step  1) p50", "; 3) p50", "ms per update",
		"scheduler took every ticket event", "Bot API calls: "} {
		if !strings.Contains(out, want) {
			t.Errorf("load output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "gave up") {
		t.Errorf("the scheduler did not take every ticket event:\n%s", out)
	}
}

// TestFloorBotPlaysUnderTheLoadCommand: the floor the README measures the
// desk against (loadtest/floorbot) answers every update the load command
// plays, so that its figure is of the same work.
func TestFloorBotPlaysUnderTheLoadCommand(t *testing.T) {
	out := playSmall(t, "./loadtest/floorbot")
	for _, want := range []string{"36 updates answered, 0 failed", "tickets 12", "ms per update"} {
		if !strings.Contains(out, want) {
			t.Errorf("load output lacks %q:\n%s", want, out)
		}
	}
}

// playSmall builds pkg and plays 12 customers against it with the load
// command, returning what the command printed.
func playSmall(t *testing.T, pkg string) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := filepath.Join(t.TempDir(), "desk")
	if out, err := exec.Command("go", "build", "-o", bin, pkg).CombinedOutput(); err != nil {
		t.Fatalf("go build %s: %v\n%s", pkg, err, out)
	}
	env := map[string]string{"FRONTDESK_LOADTEST_DESK": bin}
	var out bytes.Buffer
	if err := loadtest(context.Background(), []string{"-conversations", "12", "-read", "200ms"}, func(k string) string { return env[k] }, &out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	return out.String()
}
