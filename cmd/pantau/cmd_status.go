package main

import "errors"

// runStatus is not built yet.
func runStatus(e *env, args []string) error {
	return errors.New("status: not implemented yet")
}
