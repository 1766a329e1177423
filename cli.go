package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/frontdesk/frontdesk/staff"
	"github.com/frontdesk/frontdesk/storage"
)

// ticketCommand runs one staff command against the database. It needs no
// Redis and no running server: the customer notices it queues in the outbox
// are delivered by the server, now or when it next runs.
func ticketCommand(ctx context.Context, cfg Config, args []string, stdout io.Writer) error {
	if len(args) == 0 || slices.Contains([]string{"help", "-h", "--help"}, args[0]) {
		fmt.Fprint(stdout, mainHelp(cfg.Desk.DefaultLocale))
		return nil
	}
	if slices.Contains(args[1:], "--help") || slices.Contains(args[1:], "-h") {
		// help for one command: its line of the grammar
		if line := grammarLine(cfg.Desk.DefaultLocale, args[0]); line != "" {
			fmt.Fprintf(stdout, "usage: frontdesk ticket %s\n", line)
			return nil
		}
		fmt.Fprint(stdout, mainHelp(cfg.Desk.DefaultLocale))
		return nil
	}
	cmd, err := staff.ParseCommand(args)
	if err != nil {
		return usageError{fmt.Errorf("%s (frontdesk ticket help lists the commands)", strings.TrimSuffix(err.Error(), ": "+staff.ErrUsage.Error()))}
	}
	db, err := openDatabase(ctx, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	err = staff.NewStaff(db, cfg.Desk, nil).Exec(ctx, "staff:"+cfg.Staff, cmd, stdout)
	if errors.Is(err, storage.ErrNotFound) && cmd.Number != "" {
		return fmt.Errorf("no ticket %s", cmd.Number)
	}
	return err
}

// usageError is a command line that does not follow the grammar: exit 2,
// as command-line tools do, so that a script tells it from a failure.
type usageError struct{ error }

func (e usageError) Unwrap() error { return e.error }

// version is the module's version and the commit it was built from.
func version() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "frontdesk (unknown build)"
	}
	v := "frontdesk " + bi.Main.Version
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			v += " " + s.Value[:min(12, len(s.Value))]
		case "vcs.modified":
			if s.Value == "true" {
				v += " (modified)"
			}
		}
	}
	return v + " " + bi.GoVersion
}

func indent(s string) string {
	s = strings.TrimSuffix(s, "\n")
	return "    " + strings.ReplaceAll(s, "\n", "\n    ") + "\n"
}

// writeSettings prints the settings in effect, one a line: the variable,
// where its value came from, the value (last, as it may be wide).
func writeSettings(w io.Writer, settings []Setting) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SETTING\tFROM\tVALUE")
	for _, s := range settings {
		v := s.Value
		if v == "" {
			v = "(empty)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\n", s.Key, s.From, v)
	}
	return tw.Flush()
}

// openDatabase opens the server's database for a command, refusing where
// the server has made none yet (see requireDatabase).
func openDatabase(ctx context.Context, cfg Config) (*storage.DB, error) {
	if err := requireDatabase(cfg); err != nil {
		return nil, err
	}
	return storage.Open(ctx, cfg.DatabaseURL)
}

// requireDatabase refuses to go on where the server has made no SQLite
// database yet: the command line must not make an empty one elsewhere and
// print nothing.
func requireDatabase(cfg Config) error {
	if path, ok := strings.CutPrefix(cfg.DatabaseURL, "sqlite:"); ok {
		if _, err := os.Stat(path); err != nil {
			abs, _ := filepath.Abs(path)
			return fmt.Errorf("no database at %s: run this where the server runs, or set DATABASE_URL to the server's", abs)
		}
	}
	return nil
}
