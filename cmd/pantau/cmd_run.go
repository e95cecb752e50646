package main

import "errors"

// runRun is not built yet.
func runRun(e *env, args []string) error {
	return errors.New("run: not implemented yet")
}
