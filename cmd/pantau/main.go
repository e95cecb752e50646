// Command pantau is Pantau's single binary: it ingests agency Excel uploads
// into the Parquet lake, computes the metrics, renders the monthly reports
// and runs the schedule. Each subcommand lives in its own cmd_<name>.go file
// with an options struct and a runX function; main only calls run, and run
// maps errors to exit codes in one place.
//
// Exit codes:
//
//	0  success
//	1  the command failed (the message says why)
//	2  usage error: unknown command or bad flags
//	3  pantau validate: at least one file would be rejected or has rejected rows
//	4  the data directory is locked by another pantau process
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/lake"
)

// Exit codes, documented in the package comment and the README.
const (
	exitOK       = 0
	exitFailure  = 1
	exitUsage    = 2
	exitInvalid  = 3
	exitLocked   = 4
	defaultDir   = "./pantau-data"
	envDir       = "PANTAU_DIR"
	envLogFormat = "PANTAU_LOG" // "json" for JSON log lines
)

// errUsage marks errors that should print usage and exit 2.
var errUsage = errors.New("usage")

// errInvalid marks a validate run that found problems (exit 3).
var errInvalid = errors.New("invalid input")

// env is what every subcommand gets: the data directory, output streams, a
// logger and the clock. Tests build their own.
type env struct {
	dir    lake.Dir
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	now    func() time.Time
}

type command struct {
	run     func(e *env, args []string) error
	summary string
}

// commands is the registry of subcommands.
var commands = map[string]command{
	"init":     {runInit, "create the data directory, default config, reference workbook and agency templates"},
	"template": {runTemplate, "write the Excel template for an upload kind (--agency CODE: that agency's own)"},
	"validate": {runValidate, "check upload files and print what the receipt would say; writes nothing"},
	"ingest":   {runIngest, "ingest every stable file in the inbox into the lake"},
	"report":   {runReport, "render the monthly report for --period YYYY-MM"},
	"run":      {runRun, "ingest, then report the last complete month (and revised months)"},
	"daemon":   {runDaemon, "run the scheduled jobs until stopped"},
	"status":   {runStatus, "pending files, last and next jobs, ledger summary"},
	"query":    {runQuery, "run SQL over the lake with DuckDB"},
	"repair":   {runRepair, "rebuild a lost or damaged ledger from the lake and archive/ (dry run unless --apply)"},
	"sample":   {runSample, "generate sample uploads (demo, province or national scale)"},
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run executes one command line and returns the process exit code.
func run(args []string, stdout, stderr io.Writer) int {
	dir, args := extractDir(args)
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "pantau: unknown command %q\n", args[0])
		usage(stderr)
		return exitUsage
	}
	e := &env{dir: lake.Dir(dir), stdout: stdout, stderr: stderr, log: newLogger(stderr), now: time.Now}
	err := cmd.run(e, args[1:])
	switch {
	case err == nil:
		return exitOK
	case errors.Is(err, flag.ErrHelp):
		return exitOK
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "pantau %s: %v\n", args[0], err)
		return exitUsage
	case errors.Is(err, errInvalid):
		return exitInvalid
	case errors.Is(err, lake.ErrLocked):
		fmt.Fprintf(stderr, "pantau %s: %v\n", args[0], err)
		return exitLocked
	default:
		fmt.Fprintf(stderr, "pantau %s: %v\n", args[0], err)
		return exitFailure
	}
}

// extractDir removes a global --dir flag from anywhere in args and returns
// the data directory: the flag, else $PANTAU_DIR, else ./pantau-data.
func extractDir(args []string) (string, []string) {
	dir := os.Getenv(envDir)
	if dir == "" {
		dir = defaultDir
	}
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--dir" || a == "-dir":
			if i+1 < len(args) {
				dir = args[i+1]
				i++
			}
		case strings.HasPrefix(a, "--dir=") || strings.HasPrefix(a, "-dir="):
			dir = a[strings.Index(a, "=")+1:]
		default:
			rest = append(rest, a)
		}
	}
	return dir, rest
}

func newLogger(w io.Writer) *slog.Logger {
	if os.Getenv(envLogFormat) == "json" {
		return slog.New(slog.NewJSONHandler(w, nil))
	}
	return slog.New(slog.NewTextHandler(w, nil))
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: pantau [--dir DIR] <command> [flags]")
	fmt.Fprintln(w, "\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-9s %s\n", n, commands[n].summary)
	}
	fmt.Fprintf(w, "\nThe data directory is --dir, else $%s, else %s.\n", envDir, defaultDir)
}

// newFlags returns a FlagSet for a subcommand that reports errors as usage errors.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("pantau "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	return fs
}

// parseFlags parses args and wraps a bad flag as a usage error.
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	return nil
}
