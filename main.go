// Command frontdesk is the chat-bot front desk for after-sales repair
// service. With no arguments it serves the web chat and the channels;
// "frontdesk ticket ..." is the staff command line.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "frontdesk:", err)
		var ue usageError
		if errors.As(err, &ue) {
			os.Exit(2)
		}
		os.Exit(1)
	}
}

// run reads the configuration and runs the command args name.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) > 0 && (args[0] == "version" || args[0] == "--version") {
		fmt.Fprintln(stdout, version())
		return nil
	}
	if len(args) > 0 && args[0] == "loadtest" {
		return loadtest(ctx, args[1:], getenv, stdout) // the desk it measures reads the configuration
	}
	if len(args) > 0 && slices.Contains([]string{"help", "-h", "--help"}, args[0]) {
		fmt.Fprint(stdout, mainHelp(getenv("FRONTDESK_LOCALE"))) // even when the configuration is broken
		return nil
	}
	cfg, err := loadConfig(getenv)
	if err != nil {
		return err
	}
	if len(args) == 0 || args[0] == "serve" {
		return serve(ctx, cfg, stderr)
	}
	switch args[0] {
	case "ticket":
		return ticketCommand(ctx, cfg, args[1:], stdout)
	case "report":
		return reportCommand(ctx, cfg, args[1:], stdout)
	case "customer":
		return customerCommand(ctx, cfg, args[1:], stdout)
	case "chat":
		return chatCommand(ctx, cfg, args[1:], stdout)
	case "migrate":
		return migrate(ctx, cfg, stdout)
	case "healthcheck":
		return healthcheck(ctx, cfg, stdout)
	case "config":
		if len(args) > 1 {
			return usageError{fmt.Errorf("config takes no arguments")}
		}
		return writeSettings(stdout, cfg.Settings)
	}
	return usageError{fmt.Errorf("unknown command %q (frontdesk help lists the commands)", args[0])}
}
