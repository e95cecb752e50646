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
//	2  usage error: unknown command or bad flags, a --dir that is not a
//	   Pantau data directory, a report month that is not over or is before
//	   the first data (without --force), a statement pantau query refuses
//	   or a table of one month it is asked for without --period
//	3  pantau validate: at least one file would be rejected or has rejected rows
//	4  the data directory is locked by another pantau process
//
// SIGINT and SIGTERM cancel the context main builds, which every long
// command (ingest, report, run, daemon, query, repair, sample) honours: it
// stops at the next safe point, leaves no half-written file and exits 1 (the
// daemon records its stop and exits 0).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"sort"
	"strings"
	"syscall"
	"time"

	"github.com/pantau-asn/pantau/internal/lake"
	"github.com/pantau-asn/pantau/transform"
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
	// ctx is cancelled by SIGINT or SIGTERM (main); nil is
	// context.Background (tests that build an env).
	ctx    context.Context
	dir    lake.Dir
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	now    func() time.Time
	help   bool // the arguments ask for the subcommand's --help
}

type command struct {
	run func(e *env, args []string) error
	dir dirUse
	// long commands honour e.ctx: SIGINT or SIGTERM stops them at their next
	// safe point. The others are short or write nothing and keep the
	// signals' default action, ending at once.
	long bool
}

// dirUse says what a command needs of the data directory.
type dirUse int

const (
	// dirRequired: the command refuses a directory that is not a Pantau
	// data directory (a mistyped --dir must not become a new, empty one).
	dirRequired dirUse = iota
	// dirOptional: the command writes nothing there and reads the
	// reference data and pantau.toml only if they exist; without a data
	// directory it uses the built-in defaults and says so on stderr.
	dirOptional
	// dirCreates: the command creates the directory (init, sample).
	dirCreates
)

// commands is the registry of subcommands.
var commands = map[string]command{
	"init":     {runInit, dirCreates, false},
	"template": {runTemplate, dirOptional, false},
	"validate": {runValidate, dirOptional, false},
	"ingest":   {runIngest, dirRequired, true},
	"report":   {runReport, dirRequired, true},
	"run":      {runRun, dirRequired, true},
	"daemon":   {runDaemon, dirRequired, true},
	"status":   {runStatus, dirRequired, false},
	"query":    {runQuery, dirRequired, true},
	"repair":   {runRepair, dirRequired, true},
	"sample":   {runSample, dirCreates, true},
	"serve":    {runServe, dirRequired, true},
	"user":     {runUser, dirRequired, false},
}

// stopSignals are the signals that cancel a command.
var stopSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM}

// main builds the one signal-aware context of the process and runs the
// command line with it.
func main() {
	ctx, stop := signal.NotifyContext(context.Background(), stopSignals...)
	stopProfile := startProfile(os.Getenv("PANTAU_CPUPROFILE"))
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stopProfile()
	writeAllocProfile(os.Getenv("PANTAU_ALLOCPROFILE"))
	stop()
	os.Exit(code)
}

// startProfile writes a CPU profile of the whole process to path when it is
// set (PANTAU_CPUPROFILE, for `go tool pprof`: whole-process speed work);
// the returned function ends it.
func startProfile(path string) func() {
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.StartCPUProfile(f)
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "pantau: PANTAU_CPUPROFILE: %v\n", err)
		return func() {}
	}
	return func() {
		pprof.StopCPUProfile()
		f.Close()
	}
}

// writeAllocProfile writes the process's allocation profile (every
// allocation since it started, for `go tool pprof -sample_index
// alloc_space`) to path when it is set (PANTAU_ALLOCPROFILE).
func writeAllocProfile(path string) {
	if path == "" {
		return
	}
	f, err := os.Create(path)
	if err == nil {
		err = pprof.Lookup("allocs").WriteTo(f, 0)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "pantau: PANTAU_ALLOCPROFILE: %v\n", err)
	}
}

// context is the command's context: cancelled by SIGINT or SIGTERM.
func (e *env) context() context.Context {
	if e.ctx == nil {
		return context.Background()
	}
	return e.ctx
}

// run executes one command line under ctx and returns the process exit code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
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
	if !cmd.long {
		signal.Reset(stopSignals...) // the default action: a short command ends at once
	}
	e := &env{ctx: ctx, dir: lake.Dir(dir), stdout: stdout, stderr: stderr, log: newLogger(stderr), now: time.Now,
		help: wantsHelp(args[1:])}
	var err error
	switch {
	case cmd.dir == dirCreates || e.help || isDataDir(e.dir):
	case cmd.dir == dirRequired:
		err = notDataDir(e.dir)
	default:
		fmt.Fprintf(stderr, "pantau %s: note: %s is not a Pantau data directory (no pantau.toml, no state/); "+
			"using the built-in reference data and settings\n", args[0], e.dir)
	}
	if err == nil {
		err = cmd.run(e, args[1:])
	}
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

// isDataDir reports whether dir is a Pantau data directory: what
// `pantau init` creates, recognised by its pantau.toml or its state/.
func isDataDir(dir lake.Dir) bool {
	for _, p := range []string{dir.Config(), dir.State()} {
		if _, err := os.Stat(p); err == nil {
			return true
		}
	}
	return false
}

// notDataDir is the usage error of a command run on a directory that is
// not a data directory.
func notDataDir(dir lake.Dir) error {
	return fmt.Errorf("%w: %s is not a Pantau data directory (it has no pantau.toml and no state/); "+
		"check --dir or $%s, or create one with: pantau --dir %s init", errUsage, dir, envDir, dir)
}

// wantsHelp reports whether a subcommand's arguments ask for its help,
// which needs no data directory.
func wantsHelp(args []string) bool {
	for _, a := range args {
		switch a {
		case "-h", "-help", "--help":
			return true
		case "--":
			return false
		}
	}
	return false
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
		fmt.Fprintf(w, "  %-9s %s\n", n, helps[n].summary)
	}
	fmt.Fprintf(w, "\nThe data directory is --dir, else $%s, else %s.\n", envDir, defaultDir)
	fmt.Fprintln(w, "pantau <command> --help lists a command's flags and gives an example.")
}

// help is what a subcommand's --help says besides its flags: how it is
// called, anything more to know, and an example.
type help struct {
	summary, synopsis, more, example string
}

// helps holds every subcommand's help; a test checks each is complete.
var helps = map[string]help{
	"init": {summary: "create the data directory, default config, reference workbook and agency templates",
		synopsis: "init", more: "Safe to run again: existing files are never overwritten.",
		example: "pantau --dir /srv/pantau init"},
	"template": {summary: "write the Excel template for an upload kind (--agency CODE: that agency's own)",
		synopsis: "template KIND [--agency CODE] [--out FILE]", more: "KIND is pegawai, kehadiran, evaluasi or survei.",
		example: "pantau --dir /srv/pantau template kehadiran --agency kota-ambon"},
	"validate": {summary: "check upload files and print what the receipt would say; writes nothing",
		synopsis: "validate [--agency CODE] FILE...", more: "Exit 3 when a file would be rejected or has rejected rows.",
		example: "pantau --dir /srv/pantau validate --agency kota-ambon kehadiran_2025-10.xlsx"},
	"ingest": {summary: "ingest every stable file in the inbox into the lake",
		synopsis: "ingest", example: "pantau --dir /srv/pantau ingest"},
	"report": {summary: "render the monthly report for --period YYYY-MM",
		synopsis: "report --period YYYY-MM [--lang id|en] [--pdf] [--chromium PATH] [--force]",
		more:     "The month must be over and not before the first upload in the ledger; --force reports it anyway.",
		example:  "pantau --dir /srv/pantau report --period 2025-12 --pdf"},
	"run": {summary: "ingest, then report the last complete month (and revised months)",
		synopsis: "run [--jobs LIST] [--as-of YYYY-MM-DD]", example: "pantau --dir /srv/pantau run --jobs ingest,report,reminder"},
	"daemon": {summary: "run the scheduled jobs until stopped",
		synopsis: "daemon", more: "Stops on SIGINT or SIGTERM; a second daemon on the same directory exits 4.",
		example: "pantau --dir /srv/pantau daemon"},
	"status": {summary: "pending files, last and next jobs, ledger summary",
		synopsis: "status [--period YYYY-MM]", example: "pantau --dir /srv/pantau status --period 2025-12"},
	"serve": {summary: "serve the web pages: agencies upload, leaders read reports, operators see the status",
		synopsis: "serve [--addr HOST:PORT]", more: "Settings in pantau.toml [serve]; accounts with pantau user. Stops on SIGINT or SIGTERM.\n" +
			"Run it behind a TLS reverse proxy (README, \"The web front door\"), never as root.",
		example: "pantau --dir /srv/pantau serve --addr 127.0.0.1:8080"},
	"query": {summary: "run one SELECT over the lake with DuckDB (read-only), or list what to query",
		synopsis: `query "SELECT …" [--period YYYY-MM] [--format table|csv|json]  |  query --tables [--period YYYY-MM]`,
		more: "Views: pegawai_riwayat (every roster snapshot) kehadiran evaluasi survei; tables: kabupaten instansi\n" +
			"unit_layanan unit_service_type uploads. With --period also pegawai (the roster as counted for the month:\n" +
			"one row per person in its headcount), params and the metric tables:\n  " + strings.Join(transform.TableNames(), " ") + "\n" +
			"Without --period, pegawai or a metric table is a usage error (exit 2) saying to add --period.\n" +
			"Only one SELECT runs; COPY, ATTACH, INSTALL, LOAD, SET, CREATE and reading files are refused (exit 2).\n" +
			"Column names: upload views keep the upload's (tanggal_selesai, agency), metric and reference tables\n" +
			"the English ones of the exported CSVs (agency_code): README.md, section \"Querying the lake\".",
		example: `pantau --dir /srv/pantau query --period 2025-08 "SELECT p.agency, SUM(k.jp) AS jp FROM pegawai p ` +
			`JOIN kehadiran k ON k.nip = p.nip WHERE k.status_kehadiran = 'Hadir' AND k.tanggal_selesai ` +
			`BETWEEN DATE '2025-01-01' AND DATE '2025-08-31' AND k.period <= '2025-08' GROUP BY 1" --format csv` + "\n" +
			`  pantau --dir /srv/pantau query --tables --period 2025-08`},
	"repair": {summary: "rebuild a lost or damaged ledger from the lake and archive/ (dry run unless --apply)",
		synopsis: "repair [--apply]", example: "pantau --dir /srv/pantau repair --apply"},
	"sample": {summary: "generate sample uploads (demo, province or national scale) into a new directory",
		synopsis: "sample --out DIR [--scale demo|province|national] [--seed N] [--asn N]",
		more:     "Writes into DIR, which need not be a data directory yet (run init on it next).",
		example:  "pantau sample --out demo-data --scale demo --seed 1"},
	"user": {summary: "manage the accounts of pantau serve: add, list, disable, enable, reset",
		synopsis: "user add NAME --role agency|leadership|operator [--agency CODE]  |  user list  |  user disable|enable|reset NAME",
		more: "add and reset print a one-time password as their last line (| tail -1 gives it); the user must change it\n" +
			"at the first login. --agency is a code of referensi.xlsx, required for role agency. Accounts are in\n" +
			"state/users.json; every change is appended to state/audit.log.",
		example: "pantau --dir /srv/pantau user add ambon.op --role agency --agency kota-ambon | tail -1"},
}

// newFlags returns a FlagSet for a subcommand that reports errors as usage
// errors. Its usage lists each flag on one line and an example; asked for
// with --help it goes to stdout, after a bad flag to stderr.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("pantau "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	if e.help {
		fs.SetOutput(e.stdout)
	}
	fs.Usage = func() { printHelp(fs.Output(), fs, name) }
	return fs
}

// printHelp writes the help of subcommand name with the flags of fs.
func printHelp(w io.Writer, fs *flag.FlagSet, name string) {
	h := helps[name]
	fmt.Fprintf(w, "usage: pantau [--dir DIR] %s\n", h.synopsis)
	fmt.Fprintf(w, "%s\n", h.summary)
	if h.more != "" {
		fmt.Fprintf(w, "%s\n", h.more)
	}
	type line struct{ name, usage string }
	var lines []line
	if name != "sample" { // sample writes to --out, never to a data directory
		lines = append(lines, line{"--dir DIR", fmt.Sprintf("the data directory (default $%s, else %s)", envDir, defaultDir)})
	}
	fs.VisitAll(func(f *flag.Flag) {
		arg, usage := flag.UnquoteUsage(f)
		n := "--" + f.Name
		if arg != "" {
			n += " " + arg
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		lines = append(lines, line{n, usage})
	})
	width := 0
	for _, l := range lines {
		width = max(width, len(l.name))
	}
	fmt.Fprintln(w, "\nflags:")
	for _, l := range lines {
		fmt.Fprintf(w, "  %-*s  %s\n", width, l.name, l.usage)
	}
	fmt.Fprintf(w, "\nExample:\n  %s\n", h.example)
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
