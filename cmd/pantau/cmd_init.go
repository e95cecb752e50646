package main

import "errors"

// runInit is not built yet.
func runInit(e *env, args []string) error {
	return errors.New("init: not implemented yet")
}
