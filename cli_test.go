package main

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandLineAnswersPlainly: help on every level, a version, one-line
// errors a script can tell apart (usage: exit 2), and no empty database
// made where none was.
func TestCommandLineAnswersPlainly(t *testing.T) {
	dir := t.TempDir()
	env := withEnv(testEnv(t), "DATABASE_URL", "sqlite:"+filepath.Join(dir, "nowhere", "frontdesk.db"))
	runs := func(args ...string) (string, error) {
		var out, errs bytes.Buffer
		err := run(context.Background(), args, env, &out, &errs)
		return out.String(), err
	}
	for _, args := range [][]string{{"help"}, {"--help"}, {"ticket"}, {"ticket", "help"}, {"ticket", "--help"}} {
		if out, err := runs(args...); err != nil || !strings.Contains(out, "frontdesk ticket COMMAND") {
			t.Errorf("%v: %v\n%s", args, err, out)
		}
	}
	for _, args := range [][]string{{"ticket", "list", "--help"}, {"ticket", "quote", "-h"}} {
		if out, err := runs(args...); err != nil || !strings.HasPrefix(out, "usage: frontdesk ticket "+args[1]+" ") {
			t.Errorf("%v: %v\n%s", args, err, out)
		}
	}
	// help answers even when the configuration would not load
	var out, errs bytes.Buffer
	if err := run(context.Background(), []string{"--help"}, withEnv(env, "FRONTDESK_LOCALE", "fr"), &out, &errs); err != nil || !strings.Contains(out.String(), "frontdesk config") {
		t.Errorf("--help with a bad setting: %v\n%s", err, out.String())
	}
	if out, err := runs("--version"); err != nil || !strings.HasPrefix(out, "frontdesk ") {
		t.Errorf("--version: %q %v", out, err)
	}
	var ue usageError
	for _, args := range [][]string{{"bogus"}, {"ticket", "list", "bogus"}, {"ticket", "show", "nothing"}, {"ticket", "frobnicate"}} {
		_, err := runs(args...)
		if !errors.As(err, &ue) || strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), ": usage") {
			t.Errorf("%v: want a one-line usage error, got %v", args, err)
		}
	}
	_, err := runs("ticket", "list")
	if err == nil || errors.As(err, &ue) || !strings.Contains(err.Error(), "no database at") {
		t.Errorf("list with no database: %v", err)
	}
	if _, err := filepath.Glob(filepath.Join(dir, "nowhere", "*")); err != nil {
		t.Fatal(err)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "nowhere", "*")); len(m) > 0 {
		t.Errorf("an empty database was made: %v", m)
	}
}

// TestCommandLineNamesAMissingTicket: an unknown ticket is said as such, not
// as a storage error.
func TestCommandLineNamesAMissingTicket(t *testing.T) {
	env := testEnv(t)
	startApp(t, env) // the server makes the database
	var out, errs bytes.Buffer
	err := run(context.Background(), []string{"ticket", "show", "FD-9999"}, env, &out, &errs)
	if err == nil || err.Error() != "no ticket FD-9999" {
		t.Fatalf("show FD-9999: %v", err)
	}
}
