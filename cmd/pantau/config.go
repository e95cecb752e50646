package main

import (
	"time"

	"github.com/pantau-asn/pantau/internal/config"
)

// loadSchedule reads pantau.toml (defaults when there is none) and resolves
// its time zone: what every command that runs or shows jobs needs first.
func loadSchedule(e *env) (config.Config, *time.Location, error) {
	cfg, err := config.Load(e.dir)
	if err != nil {
		return config.Config{}, nil, err
	}
	loc, err := cfg.Location()
	if err != nil {
		return config.Config{}, nil, err
	}
	return cfg, loc, nil
}
