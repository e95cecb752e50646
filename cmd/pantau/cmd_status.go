package main

import (
	"fmt"

	"github.com/pantau-asn/pantau/internal/domain"
	"github.com/pantau-asn/pantau/schedules"
)

// runStatus prints what an operator checks first: files waiting in the
// inbox, each job's last run and outcome and its next run, and which
// agencies have sent which kinds for the period now being collected
// (or --period YYYY-MM).
func runStatus(e *env, args []string) error {
	flags := newFlags(e, "status")
	period := flags.String("period", "", "show the completeness of month `YYYY-MM` (default: the month being collected now)")
	if err := parseFlags(flags, args); err != nil {
		return err
	}
	if flags.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, flags.Arg(0))
	}
	var p domain.Period
	if *period != "" {
		var err error
		if p, err = domain.ParsePeriod(*period); err != nil {
			return fmt.Errorf("%w: --period: %v", errUsage, err)
		}
	}
	return status(e, schedules.RealPipeline(), p)
}

// status prints the status; p is the month whose completeness is shown
// (zero: the month before now, the one being collected).
func status(e *env, pl schedules.Pipeline, p domain.Period) error {
	cfg, loc, err := loadSchedule(e)
	if err != nil {
		return err
	}
	return schedules.WriteStatus(e.stdout, e.dir, pl, cfg, e.now().In(loc), p)
}
