package main

import "errors"

// runDaemon is not built yet.
func runDaemon(e *env, args []string) error {
	return errors.New("daemon: not implemented yet")
}
