package main

import (
	"context"
	"fmt"
	"os/signal"

	"github.com/pantau-asn/pantau/schedules"
	"github.com/pantau-asn/pantau/web"
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
	if !cfg.Serve.InDaemon {
		return d.Run(ctx)
	}
	// serve.in_daemon: the web pages in the same process, stopped by the
	// same signal. A server that cannot start is logged; the jobs run on.
	srv, err := web.New(e.dir, cfg, web.Options{Log: e.log, Now: e.now})
	if err != nil {
		return err
	}
	defer srv.Close()
	served := make(chan error, 1)
	go func() { served <- srv.ListenAndServe(ctx, cfg.Serve.Listen) }()
	err = d.Run(ctx)
	select {
	case werr := <-served:
		if werr != nil {
			e.log.Error("web server stopped", "addr", cfg.Serve.Listen, "err", werr)
		}
	default:
		// d.Run returned before ctx ended (an error): the server stops with it.
	}
	return err
}
