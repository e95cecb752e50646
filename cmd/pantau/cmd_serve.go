package main

import (
	"fmt"

	"github.com/pantau-asn/pantau/web"
)

// runServe serves the web front door (pantau.toml [serve]) until SIGINT or
// SIGTERM: agencies upload into the inbox, leaders read the reports,
// operators see the status. --addr overrides serve.listen.
func runServe(e *env, args []string) error {
	fs := newFlags(e, "serve")
	addr := fs.String("addr", "", "listen on `HOST:PORT` (default: serve.listen in pantau.toml, 127.0.0.1:8080)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("%w: unexpected argument %q", errUsage, fs.Arg(0))
	}
	cfg, _, err := loadSchedule(e)
	if err != nil {
		return err
	}
	if *addr != "" {
		cfg.Serve.Listen = *addr
	}
	s, err := web.New(e.dir, cfg, web.Options{Log: e.log, Now: e.now})
	if err != nil {
		return err
	}
	defer s.Close()
	return s.ListenAndServe(e.context(), cfg.Serve.Listen)
}
