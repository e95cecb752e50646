package main

import (
	"time"

	"github.com/pantau-asn/pantau/schedules"
)

// loadSchedule reads pantau.toml (defaults when there is none) and resolves
// its time zone: what every command that runs or shows jobs needs first.
func loadSchedule(e *env) (schedules.Config, *time.Location, error) {
	cfg, err := schedules.LoadConfig(e.dir)
	if err != nil {
		return schedules.Config{}, nil, err
	}
	loc, err := cfg.Location()
	if err != nil {
		return schedules.Config{}, nil, err
	}
	return cfg, loc, nil
}
