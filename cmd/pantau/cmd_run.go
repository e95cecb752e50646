package main

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/pantau-asn/pantau/internal/config"
	"github.com/pantau-asn/pantau/schedules"
)

// runRun is the daemon's work done once, for those without the daemon:
// ingest, then the report of the last complete month and of every month
// revised since it was reported (--jobs chooses other jobs, e.g. reminder). --as-of YYYY-MM-DD pretends the run
// happens at 23:59 that day (demos of the 2025 sample year, tests);
// such runs are not recorded in the run history.
func runRun(e *env, args []string) error {
	flags := newFlags(e, "run")
	jobs := flags.String("jobs", "ingest,report", "the jobs to run, in this order: `LIST` of ingest, report, reminder")
	asOf := flags.String("as-of", "", "run as if it were 23:59 on `YYYY-MM-DD` (in the configured time zone)")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, flags.Arg(0))
	}
	cfg, loc, err := loadSchedule(e)
	if err != nil {
		return err
	}
	limitMemory()
	noHistory := false
	if *asOf != "" {
		end, err := asOfTime(*asOf, loc)
		if err != nil {
			return err
		}
		// The as-of clock advances in real time so run durations stay true.
		started := e.now()
		e.now = func() time.Time { return end.Add(time.Since(started)) }
		noHistory = true
	}
	if err := e.dir.Init(); err != nil {
		return err
	}
	names, err := jobList(*jobs)
	if err != nil {
		return err
	}
	return runOnce(e.context(), e, cfg, loc, schedules.RealPipeline(), noHistory, names...)
}

// jobList parses --jobs.
func jobList(s string) ([]string, error) {
	var out []string
	for _, n := range strings.Split(s, ",") {
		n = strings.TrimSpace(n)
		if _, ok := config.Default().Job(n); !ok {
			return nil, fmt.Errorf("%w: --jobs: unknown job %q (want ingest, report, reminder)", errUsage, n)
		}
		out = append(out, n)
	}
	return out, nil
}

// asOfTime is 23:59 of day s (YYYY-MM-DD) in loc: late enough that the
// day's uploads count, with a minute for the run before the day ends.
func asOfTime(s string, loc *time.Location) (time.Time, error) {
	d, err := time.ParseInLocation("2006-01-02", s, loc)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: --as-of %q: want YYYY-MM-DD", errUsage, s)
	}
	return d.AddDate(0, 0, 1).Add(-time.Minute), nil
}

// runOnce runs the named jobs once each (default ingest, then report), in
// that order, whether or not pantau.toml disables them, and says what they
// did. A locked ingest does not stop the report.
func runOnce(ctx context.Context, e *env, cfg config.Config, loc *time.Location, pl schedules.Pipeline, noHistory bool, names ...string) error {
	if len(names) == 0 {
		names = []string{config.JobIngest, config.JobReport}
	}
	cfg.Jobs.Ingest.Disabled, cfg.Jobs.Report.Disabled, cfg.Jobs.Reminder.Disabled = false, false, false
	byName := map[string]schedules.Job{}
	setup := schedules.Setup{Dir: e.dir, Config: cfg, Location: loc, Clock: e.now, Log: e.log, Pipeline: pl}
	for _, j := range setup.Jobs() {
		byName[j.Name] = j
	}
	r := &schedules.Runner{Dir: e.dir, Clock: e.now, Log: e.log, Location: loc, NoHistory: noHistory}
	now := e.now()
	var errs []error
	for _, name := range names {
		j := byName[name]
		rec, err := r.Execute(ctx, j, schedules.Call{Job: j.Name, Trigger: schedules.OnManual, Due: now})
		fmt.Fprintf(e.stdout, "%-7s %-8s %s\n", j.Name, rec.Outcome, describe(rec))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", j.Name, err))
		}
	}
	return errors.Join(errs...)
}

// describe is one line about a run: its counts and months.
func describe(rec schedules.Record) string {
	var b strings.Builder
	keys := make([]string, 0, len(rec.Counts))
	for k := range rec.Counts {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%d ", k, rec.Counts[k])
	}
	if len(rec.Periods) > 0 {
		fmt.Fprintf(&b, "periode=%s ", strings.Join(rec.Periods, ","))
	}
	if rec.Note != "" {
		b.WriteString(rec.Note + " ")
	}
	return strings.TrimSpace(b.String())
}
