package main

import (
	"context"
	"fmt"
	"os/signal"

	"github.com/pantau-asn/pantau/schedules"
)

// runDaemon runs the scheduled jobs (pantau.toml) until SIGINT or SIGTERM:
// catch-up of runs missed while it was down, then cron. A second daemon on
// the same directory exits with code 4.
func runDaemon(e *env, args []string) error {
	fs := newFlags(e, "daemon")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	cfg, loc, err := loadSchedule(e)
	if err != nil {
		return err
	}
	if err := e.dir.Init(); err != nil {
		return err
	}
	limitMemory()
	ctx := e.context()
	// After the first signal the default action is restored, so a second
	// Ctrl-C ends a daemon whose job does not return.
	defer context.AfterFunc(ctx, func() { signal.Reset(stopSignals...) })()
	d := &schedules.Daemon{
		Dir:        e.dir,
		Location:   loc,
		Jobs:       schedules.Setup{Dir: e.dir, Config: cfg, Location: loc, Clock: e.now, Log: e.log, Pipeline: schedules.RealPipeline()}.Jobs(),
		MaxCatchUp: cfg.Report.MaxCatchUp,
		Clock:      e.now,
		Log:        e.log,
	}
	return d.Run(ctx)
}
